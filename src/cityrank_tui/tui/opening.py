"""`cityrank-tui open FILE` in the app: the file's tab shows its first rows at once; every row
is read in a thread started before the app (so it runs while the screen is being drawn), and
its names are then linked to cities in another; each step replaces the tab's frame.

Both are daemon threads of our own, not Textual thread workers: those run in the event loop's
executor, which the app waits for when it ends, so `q` during the linking of a million rows
took the rest of the linking (1.9 s measured). A daemon thread is dropped when the app ends;
it only reads, so there is nothing to lose.

Until the names are linked, a row's city is unknown: bookmarking it or opening its profile says
"linking cities…" instead of guessing. Nothing is written to the data folder, and the tab's
view is not saved to state.toml (its id, core.opened.OPEN_ID, is one no import can have).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from ..core.opened import OPEN_ID, Opened, OpenRequest, read_all

__all__ = ["OPEN_ID", "Opening", "start"]


@dataclass
class Opening:
    """An opened file on its way: the step on show, and the full read under way (if any)."""

    request: OpenRequest
    current: Opened
    rest: Future[Opened] | None = None

    def all_rows(self) -> Opened:
        """Every row (waits for the read started with `start`); raises what the read raised."""
        if self.current.stage != "head":
            return self.current
        assert self.rest is not None
        return self.rest.result()


def start(head: Opened) -> Opening:
    """Start reading every row now, in a thread of its own, unless the head is the whole file."""
    if head.stage != "head":
        return Opening(head.request, head)
    rest: Future[Opened] = Future()

    def read() -> None:
        try:
            rest.set_result(read_all(head.request))
        except BaseException as exc:  # handed to whoever waits for the rows
            rest.set_exception(exc)

    in_background(read, "open-read")
    return Opening(head.request, head, rest)


def in_background(work: Callable[[], None], name: str) -> None:
    """Run `work` in a daemon thread: the app's end does not wait for it."""
    threading.Thread(target=work, name=name, daemon=True).start()
