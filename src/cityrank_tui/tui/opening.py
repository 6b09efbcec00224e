"""`cityrank-tui open FILE` in the app: the file's tab shows its first rows at once; every row
is read in a thread started once the first rows are painted (started before, it took the
CPU the first paint needed: first rows came 1.3× later than dv's on a busy 2-core machine), and
its names are then linked to cities in the same thread; each step replaces the tab's frame.

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
    """An opened file on its way: the step on show, and the full read (`begin` starts it)."""

    request: OpenRequest
    current: Opened
    rest: Future[Opened] | None = None

    def begin(self) -> None:
        """Start reading every row in a thread of its own (once)."""
        if self.rest is not None or self.current.stage != "head":
            return
        rest: Future[Opened] = Future()
        request = self.request

        def read() -> None:
            try:
                rest.set_result(read_all(request))
            except BaseException as exc:  # handed to whoever waits for the rows
                rest.set_exception(exc)

        self.rest = rest
        in_background(read, "open-read")

    def all_rows(self) -> Opened:
        """Every row (waits for the read started with `start`); raises what the read raised."""
        if self.current.stage != "head":
            return self.current
        assert self.rest is not None
        return self.rest.result()


def start(head: Opened) -> Opening:
    """An opened file whose first rows (or all, for a small file) are `head`."""
    return Opening(head.request, head)


def in_background(work: Callable[[], None], name: str) -> None:
    """Run `work` in a daemon thread: the app's end does not wait for it."""
    threading.Thread(target=work, name=name, daemon=True).start()
