"""Where to export the view: a path box that stays open on an error and asks before replacing.

The file is written on a worker thread, so a million rows never freeze the app: a progress bar
and an "Exporting… n of N rows" line follow the writer, and Esc stops it (nothing is written).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, ProgressBar
from textual.worker import Worker, WorkerState

from ...core.errors import CityRankError
from ...core.outfile import check_target
from ...core.render import ExportCancelled, printable
from .dialogs import Dialog

# write(path, progress(rows written), cancelled()) -> None; raises CityRankError or ExportCancelled
Writer = Callable[[Path, Callable[[int], None], Callable[[], bool]], None]


class ExportPathScreen(Dialog[Path]):
    """Enter writes through `write`; on an error the dialog stays, the path kept for a fix.

    An existing file is replaced only after a second Enter on the same path. Returns the path
    written, or None on Esc (which also stops an export under way).
    """

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]
    SCOPE = "input"  # help's heading for its keys (commands.DIALOG_HELP)

    def __init__(self, title: str, suggested: str, write: Writer, rows: int) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.suggested, self.write, self.rows = title, suggested, write, rows
        self._replace: Path | None = None  # the existing file a second Enter replaces
        self._stop = threading.Event()
        self._writing = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(value=self.suggested)
            yield ProgressBar(total=max(self.rows, 1), show_eta=False, id="export-progress")
            yield Label("", id="export-error", classes="dialog-error")
            yield Label(Text("Enter writes · Esc cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def _say(self, message: str) -> None:
        self.query_one("#export-error", Label).update(Text(printable(message)))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._replace is not None:
            self._replace = None
            self._say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._writing:
            return
        raw = event.value.strip()
        if not raw:
            self._say("Type a file name.")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self._say("That is a folder: add a file name.")
            return
        try:  # a device, FIFO or socket is never written (nor a part file renamed over it)
            check_target(path)
        except CityRankError as exc:
            self._say(_without(str(exc), path))
            return
        if path.exists() and path != self._replace:
            self._replace = path
            self._say(f"{path.name} exists: Enter again replaces it.")
            return
        self._start(path)

    def _start(self, path: Path) -> None:
        self._writing = True
        self._stop.clear()
        self.query_one(Input).disabled = True
        self.query_one(ProgressBar).display = True
        self._progress(0)
        self.run_worker(lambda: self._write(path), thread=True, exclusive=True, group="export")

    def _write(self, path: Path) -> tuple[Path, CityRankError | None] | None:
        """On the worker thread: (path, None) written, (path, error) failed, None stopped.

        Progress goes back through the app's loop; the outcome is handled once the worker is
        done (on_worker_state_changed), so closing the dialog never cancels a running worker.
        """
        call = self.app.call_from_thread
        try:
            self.write(path, lambda n: call(self._progress, n), self._stop.is_set)
        except ExportCancelled:
            return None
        except CityRankError as exc:
            return path, exc
        return path, None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export" or event.state != WorkerState.SUCCESS:
            return
        outcome = event.worker.result
        if outcome is None:
            self.app.notify("Export stopped: nothing was written.", markup=False)
            self.dismiss(None)
        elif outcome[1] is None:
            self.dismiss(outcome[0])
        else:
            self._failed(outcome[0], outcome[1])

    def _progress(self, written: int) -> None:
        self.query_one(ProgressBar).update(progress=written)
        self._say(f"Exporting… {written:,} of {self.rows:,} rows · Esc stops")
        self.query_one("#export-error", Label).set_class(False, "dialog-error")

    def _failed(self, path: Path, exc: CityRankError) -> None:
        self._writing = False
        self.query_one(Input).disabled = False
        self.query_one(ProgressBar).display = False
        self.query_one("#export-error", Label).set_class(True, "dialog-error")
        # The path is in the box above: say only what went wrong.
        self._say(_without(str(exc), path))
        self._replace = None
        self.query_one(Input).focus()

    def action_dismiss_none(self) -> None:
        if self._writing:
            self._stop.set()  # the writer stops before its next chunk and dismisses the dialog
            self._say("Stopping…")
            return
        self.dismiss(None)


def _without(message: str, path: Path) -> str:
    """The path is in the box above: say only what went wrong."""
    return message.replace(f" {path}", "").replace(str(path), "the file")
