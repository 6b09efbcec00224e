"""In a browser session (the app under Textual's web driver, as `serve` runs it) `O` asks the
page to open the source in a new tab: an `open_url` message, not a browser on the server."""

from __future__ import annotations

import time

from tests.support.web import WebSession

FIRST_SCREEN = "Innovation Cities™ Index 2014 · 2thinknow"


def test_O_in_a_browser_session_asks_the_page_for_a_new_tab(tmp_path):
    session = WebSession(env={"HOME": str(tmp_path), "DISPLAY": "", "PATH": "/nonexistent"})
    try:
        session.wait_for(FIRST_SCREEN)
        since = session.mark()
        session.keys("O")
        session.wait_for("Open which source of", since=since)  # ICI's first row names several
        since = session.mark()
        session.keys("\r")
        session.wait_for("new tab", since=since)
        deadline = time.monotonic() + 30
        while not any(m.get("type") == "open_url" for m in session.meta):
            assert time.monotonic() < deadline, session.meta
            time.sleep(0.05)  # the message is written just before the toast; bounded above
        opened = [m for m in session.meta if m.get("type") == "open_url"]
        assert len(opened) == 1 and opened[0]["new_tab"] is True
        assert str(opened[0]["url"]).startswith("https://innovation-cities.com/")
    finally:
        session.quit()
