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
    pilot, condition: Callable[[], object], what: str = "", *, timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Let the app run until `condition()` is true; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()  # lets the app process what is queued (messages, a refresh)
        if condition():
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                f"waited {timeout:.0f} s and this never happened: {what or condition}"
            )
        await asyncio.sleep(0.01)


async def wait_for_workers(
    app, group: str | None = None, *, timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Until the app's workers (of `group`, or all) are finished."""
    workers = [w for w in app.workers if group is None or w.group == group]
    if workers:
        await asyncio.wait_for(app.workers.wait_for_complete(workers), timeout)
