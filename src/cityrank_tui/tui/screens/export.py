"""Where to export the view: a path box that stays open on an error and asks before replacing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...core.errors import CityRankError
from ...core.render import printable


class ExportPathScreen(ModalScreen[Path | None]):
    """Enter writes through `write`; on an error the dialog stays, the path kept for a fix.

    An existing file is replaced only after a second Enter on the same path. Returns the path
    written, or None on Esc.
    """

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, title: str, suggested: str, write: Callable[[Path], None]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.suggested, self.write = title, suggested, write
        self._replace: Path | None = None  # the existing file a second Enter replaces

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(value=self.suggested)
            yield Label("", id="export-error", classes="dialog-error")
            yield Label(Text("Enter writes · Esc cancels"), classes="dialog-hint")

    def _say(self, message: str) -> None:
        self.query_one("#export-error", Label).update(Text(printable(message)))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._replace is not None:
            self._replace = None
            self._say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        if not raw:
            self._say("Type a file name.")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self._say("That is a folder: add a file name.")
            return
        if path.exists() and path != self._replace:
            self._replace = path
            self._say(f"{path.name} exists: Enter again replaces it.")
            return
        try:
            self.write(path)
        except CityRankError as exc:
            # The path is in the box above: say only what went wrong.
            self._say(str(exc).replace(f" {path}", "").replace(str(path), "the file"))
            self._replace = None
            return
        self.dismiss(path)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
