"""One line of index tabs, drawn by one widget.

Textual's TabbedContent builds about twenty widgets for eight tabs (a tab, pane and container
each, plus an animated underline); at start-up that cost ~65 ms of a ~140 ms first paint. Here
the labels are one line of text: the active tab in bold reverse video (readable without colour),
and when the labels do not fit, a window of them that keeps the active one in view, with ‹ and ›
saying more lie to either side. Keys are the screen's (1–9, ←/→, Tab); a click picks a tab.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ..safe import visible

MORE_LEFT, MORE_RIGHT = "‹ ", " ›"
GAP = 1


def tab_window(widths: list[int], active: int, first: int, width: int) -> tuple[int, int]:
    """The tabs [first, last) to draw so that `active` shows, moving the old `first` as little as possible.

    Each tab takes its width plus a gap; the ‹ / › markers take room only when tabs are hidden on that side.
    """
    if not widths:
        return 0, 0
    first = min(max(first, 0), active)

    def last_fitting(start: int) -> int:
        room = width - (len(MORE_LEFT) if start > 0 else 0)
        end, used = start, 0
        while end < len(widths):
            need = widths[end] + (GAP if end > start else 0)
            more_right = len(MORE_RIGHT) if end + 1 < len(widths) else 0
            if used + need + more_right > room and end > start:
                break
            used += need
            end += 1
        return end

    while first < active and last_fitting(first) <= active:
        first += 1
    return first, last_fitting(first)


class TabStrip(Widget):
    """Index tabs in one line. Labels are text, never markup."""

    COMPONENT_CLASSES = {"tab-strip--active", "tab-strip--more"}
    active: reactive[str] = reactive("", layout=False)

    @dataclass
    class Chosen(Message):
        """A tab was clicked."""

        strip: TabStrip
        tab_id: str

    def __init__(self, tabs: list[tuple[str, str]], active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = [(tab, visible(label)) for tab, label in tabs]  # (id, label) in order
        self._first = 0
        self._spans: list[tuple[int, int, str]] = []  # x from, x to, tab id: what a click lands on
        self.set_reactive(TabStrip.active, active)

    @property
    def ids(self) -> list[str]:
        return [tab for tab, _ in self.tabs]

    def render(self) -> Text:
        labels = [f" {label} " for _, label in self.tabs]
        ids = self.ids
        active = ids.index(self.active) if self.active in ids else 0
        widths = [cell_len(label) for label in labels]
        self._first, last = tab_window(widths, active, self._first, self.size.width)
        text = Text(no_wrap=True, overflow="ellipsis")
        more = self.get_component_rich_style("tab-strip--more", partial=True)
        if self._first > 0:
            text.append(MORE_LEFT, more)
        self._spans = []
        for n in range(self._first, last):
            if n > self._first:
                text.append(" " * GAP)
            start = text.cell_len
            style = (
                self.get_component_rich_style("tab-strip--active", partial=True)
                if n == active
                else ""
            )
            text.append(labels[n], style)
            self._spans.append((start, text.cell_len, ids[n]))
        if last < len(labels):
            text.append(MORE_RIGHT, more)
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, tab in self._spans:
            if start <= event.x < end:
                self.post_message(self.Chosen(self, tab))
                return
