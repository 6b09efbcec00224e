"""The publishers of the figures on screen, under them: each attribution line once (GaWC's
is its acknowledgement), from core/credits.py. At most three lines high; more scroll."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.catalog import IndexInfo
from ...core.credits import attribution_lines
from ..safe import safe, visible


def credits_text(infos: Iterable[IndexInfo]) -> Text:
    return Text("\n".join(visible(line) for line in attribution_lines(infos)), style="italic")


class Credits(VerticalScroll, can_focus=False):
    """The attribution lines of a view, scrolled with the mouse when there are more than fit."""

    DEFAULT_CSS = """
    Credits { height: auto; max-height: 3; padding: 0 1; background: $boost; }
    Credits > Static { height: auto; }
    """

    def __init__(self, infos: Iterable[IndexInfo], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._text = credits_text(infos)

    def compose(self) -> ComposeResult:
        yield Static(safe(self._text), markup=False)

    def show(self, infos: Iterable[IndexInfo]) -> None:
        self._text = credits_text(infos)
        self.query_one(Static).update(safe(self._text))
