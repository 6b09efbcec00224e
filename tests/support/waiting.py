"""Waiting for the app in Pilot tests: wait for the condition a test needs, never a fixed time.

A fixed `pilot.pause(0.3)` passes on a quiet machine and fails beside busy processes; these
helpers poll a condition while letting the app run, and fail with a message naming what never
happened once a generous bound has passed (the bound only limits a hang; a healthy run returns
as soon as the condition holds).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

# Generous: the bound is reached only when the condition never holds, so it costs nothing
# on a passing run and leaves room for a 2-core machine under heavy load.
DEFAULT_TIMEOUT = 30.0


async def wait_until(
    pilot,
    condition: Callable[[], object],
    what: str | Callable[[], str] = "",
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Let the app run until `condition()` is true; fail naming `what` after `timeout` seconds
    (`what` may be a function, called then, to say what the screen showed instead)."""
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()  # lets the app process what is queued (messages, a refresh)
        if condition():
            return
        if time.monotonic() > deadline:
            said = what() if callable(what) else what
            raise AssertionError(
                f"waited {timeout:.0f} s and this never happened: {said or condition}"
            )
        await asyncio.sleep(0.01)


async def wait_for_workers(
    app, group: str | None = None, *, timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Until the app's workers (of `group`, or all) are finished."""
    workers = [w for w in app.workers if group is None or w.group == group]
    if workers:
        await asyncio.wait_for(app.workers.wait_for_complete(workers), timeout)


def saved_state() -> str:
    """state.toml as it is on disk now ('' before the first save): the app saves it debounced,
    so a test waits until it holds what it needs rather than for the debounce's time."""
    from cityrank_tui.store import paths

    state = paths.state_file()
    try:
        return state.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def highlighted_command(app) -> str:
    """The text of the command palette's highlighted option ('' when the palette is not shown
    or nothing is highlighted yet)."""
    from textual.command import CommandList, CommandPalette

    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return ""
    options = screen.query_one(CommandList)
    if options.highlighted is None:
        return ""
    prompt = options.get_option_at_index(options.highlighted).prompt
    return str(getattr(prompt, "plain", prompt))


async def wait_for_command(pilot, text: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Until the palette, searching what was typed, highlights a command holding `text` (it
    gathers its commands in a worker, in batches): Enter then runs that command."""
    await wait_until(
        pilot,
        lambda: text in highlighted_command(pilot.app),
        lambda: f"the palette highlights {text!r} (it shows {highlighted_command(pilot.app)!r})",
        timeout=timeout,
    )
