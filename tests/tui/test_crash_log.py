"""A defect that stops the app leaves one line for the terminal and its traceback in the log."""

from __future__ import annotations

import pytest

from tests.support.screen import screen_text
from tests.support.waiting import wait_until


async def test_an_unexpected_error_in_the_app_is_one_line_and_a_crash_log(app, tmp_path, capsys):
    def explode() -> None:
        raise ZeroDivisionError("boom in the app")

    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: "ICI" in screen_text(app), "the first tab shown")
            app.call_later(explode)
            await wait_until(pilot, lambda: app.return_code == 1, "the app stopped")
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "ZeroDivisionError: boom in the app" in err
    assert "Traceback" not in err
    log = tmp_path / "state" / "crash.log"
    assert str(log) in err
    assert "Traceback (most recent call last)" in log.read_text("utf-8")
