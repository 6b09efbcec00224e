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


def quicker_idle_checks() -> None:
    """Let Pilot's idle check look at 5 ms windows instead of 20 ms, and then wait until the
    screen has drawn what is pending.

    Every `pilot.press`, `pilot.pause()` and `pilot.click` ends in Textual's `wait_for_idle`,
    which sleeps in windows of `SLEEP_GRANULARITY` (20 ms) until one passes in which the process
    used under 1/20 of that window in CPU. A key press costs at least two windows and a wait for
    its messages, so 60 ms on an idle app: most of the suite's wall time. The idle rule is kept
    (a window counts as idle below 1/20 of its length in CPU, the app's worker threads count,
    for `process_time` is the whole process's); only the window is shorter.

    A 20 ms window nearly always held one of the screen's refreshes (60 a second), and work the
    app does after a refresh (`call_after_refresh`: focusing a tab mounted just now) with it; a
    5 ms window often does not. And a process the OS sets aside for a window's length looks
    idle too (its CPU time stands still), which on a loaded machine is a few milliseconds, not
    twenty. So the check then waits, within the same bound, until no message waits in the
    app's, the screen's or any of its widgets' queues (a key sent is handled) and the active
    screen has no layout, repaint or after-refresh callback pending: what a refresh does is
    done, not left to chance. A test that needs the app to have finished other work (a
    worker, a timer) waits for that itself (`wait_until`), as before.
    """
    import textual._wait as textual_wait
    import textual.app
    import textual.pilot
    from textual._context import active_app

    textual_wait.SLEEP_GRANULARITY = 0.005
    textual_wait.SLEEP_IDLE = textual_wait.SLEEP_GRANULARITY / 20
    idle = textual_wait.wait_for_idle

    def settled() -> bool:
        app = active_app.get(None)
        if app is None or not app._screen_stack:
            return True
        screen = app.screen
        if any(pump.message_queue_size for pump in (app, *screen.walk_children(with_self=True))):
            return False
        return not (
            screen._layout_required
            or screen._scroll_required
            or screen._repaint_required
            or screen._recompose_required
            or screen._dirty_widgets
            or screen._callbacks
        )

    async def wait_for_idle(min_sleep: float = 0.005, max_sleep: float = 1) -> None:
        start = time.monotonic()
        await idle(min_sleep, max_sleep)
        while not settled() and time.monotonic() - start < max_sleep:
            await asyncio.sleep(0.001)

    # Pilot and the app's key presses call it by the names they imported.
    textual.pilot.wait_for_idle = wait_for_idle  # type: ignore[attr-defined]
    textual.app.wait_for_idle = wait_for_idle  # type: ignore[attr-defined]


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
