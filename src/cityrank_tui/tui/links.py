"""Source addresses, clickable and openable.

- Shown as OSC 8 hyperlinks (`link()`): terminals that know OSC 8 make the text clickable
  (often with ctrl or shift held, as the app takes the mouse); others show the text.
- Opened with the `open_source` command: in a browser session (`serve`) Textual asks the page to
  open a new tab; in a terminal the desktop's opener is started (`xdg-open`, macOS `open`), with
  no terminal of its own, so neither it nor a browser can draw over the app. Where no browser
  can open (no display, e.g. over SSH) the message says so in one line, with the address.
Only addresses `core.links.web_address` accepts are linked or opened.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from ..core.links import address_of, addresses
from ..core.safetext import visible

if TYPE_CHECKING:
    from ..core.profile import Profile
    from .app import CityRankApp


def link(source: object) -> Text:
    """One source as text, its address (the first word) a hyperlink when it is a web address
    we accept; the note after it stays plain text."""
    text = source if isinstance(source, str) else str(source or "")
    address = address_of(text)
    if address is None:
        return Text(visible(text))
    head, _, rest = text.partition(" ")
    out = Text()
    out.append(visible(head), style=Style(link=address, underline=True))
    if rest:
        out.append(" " + visible(rest))
    return out


async def open_sources(
    app: CityRankApp, sources: list[tuple[str, str]], of: str, none: str
) -> None:
    """Open one of (label, address): the only one, or the one picked (a label "" shows the
    address alone). `of`: whose sources, in the picker's title; `none`: said when empty."""
    if not sources:
        app.notify(none)
        return
    address = sources[0][1]
    if len(sources) > 1:
        from .screens.dialogs import Choice, PickScreen

        choices = [
            Choice(a, f"{visible(label)}: {visible(a)}" if label else visible(a))
            for label, a in sources
        ]
        picked = await app.push_screen_wait(PickScreen(f"Open which source of {of}?", choices))
        if not isinstance(picked, str):
            return
        address = picked
    open_address(app, address)


def profile_sources(prof: Profile) -> list[tuple[str, str]]:
    """(index, address) for each source of a city's figures, as its profile lists them."""
    return [
        (s.info.short_name, address)
        for s in prof.ranked
        for address in addresses((s.entry or {}).get("source_url"))
    ]


def open_address(app: CityRankApp, address: str) -> None:
    if app.is_web:
        app.open_url(address)
        app.notify(
            f"Asked your browser to open {address} in a new tab (if nothing opens, allow "
            "pop-ups for this page)."
        )
        return
    problem = browser_problem()
    if problem:
        app.notify(f"{problem}; the source is {address}", severity="warning")
        return
    app.open_url(address)


def opener() -> list[str] | None:
    """The desktop's command that opens an address in the user's browser, or None."""
    if sys.platform == "darwin":
        return ["open"]
    found = shutil.which("xdg-open")
    return [found] if found else None


def browser_problem() -> str | None:
    """Why no browser can open from this terminal, or None when the opener can be started."""
    if sys.platform not in ("darwin", "win32"):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
                return "Over SSH with no display, no browser can open from here"
            return "No graphical display here (DISPLAY is not set), so no browser can open"
    if sys.platform != "win32" and opener() is None:
        return "No xdg-open here to open a browser with"
    return None


def launch(address: str) -> str | None:
    """Start the opener on the address, detached and silent; None, or why it could not start."""
    if sys.platform == "win32":
        try:
            os.startfile(address)  # type: ignore[attr-defined]  # Windows only
        except OSError as exc:
            return f"Could not open {address}: {exc.strerror or type(exc).__name__}"
        return None
    command = opener()
    if command is None:
        return f"No xdg-open here to open a browser with; the source is {address}"
    try:
        subprocess.Popen(
            [*command, address],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # a browser's chatter must not draw over the app
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError as exc:
        return f"Could not start {command[0]}: {exc.strerror or type(exc).__name__}"
    return None
