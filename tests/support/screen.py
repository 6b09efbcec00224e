"""What the terminal shows, for Pilot tests that assert on the screen rather than on attributes."""

from __future__ import annotations

import os
from pathlib import Path


def screen_lines(app) -> list[str]:
    """The text the terminal shows now, line by line (dialogs, toasts and the footer included)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    """Everything the current screen paints (toasts and dialogs included), as one text."""
    update = app.screen._compositor.render_full_update()
    return "".join(segment.text for strip in update.strips for segment in strip)


def on_screen(app, text: str) -> bool:
    return any(text in line for line in screen_lines(app))


def line_with(app, text: str) -> str:
    """The first line on screen holding `text` ('' when none does)."""
    return next((line for line in screen_lines(app) if text in line), "")


def write_config(text: str) -> None:
    """config.toml in the test's config folder (set by the isolated_user_dirs fixture)."""
    config = Path(os.environ["CITYRANK_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text(text)


def toasts(app) -> list[str]:
    """The text of every notification on screen now (the app must run with notifications=True)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def wait_for_export(app) -> None:
    """Until the export dialog's writer (a worker thread) is done. The tab's own dialog worker,
    which waits for the dialog to close, is not waited for: on an error the dialog stays open."""
    writers = [w for w in app.workers if w.group == "export"]
    if writers:  # an empty list would mean every worker to wait_for_complete
        await app.workers.wait_for_complete(writers)
