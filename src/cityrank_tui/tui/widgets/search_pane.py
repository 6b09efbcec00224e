"""The inline search every tab has, in one place: `/` opens the box in the summary's row, each
keystroke filters, Enter (or a click elsewhere) keeps the search as one undo step, Esc puts back
the view and the cursor's row from before it.

An index tab and the Cities tab each held a copy of this, and the copies had drifted: only the
index tab's Esc put the cursor back on its row. Both now inherit it; each says only how its view
holds the search text (`_search_text`, `_searched`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual import getters
from textual.containers import Vertical
from textual.widgets import Input

if TYPE_CHECKING:
    from ...core.history import History
    from ..app import CityRankApp
    from .index_pane import SearchLine
    from .rank_table import RankTable

V = TypeVar("V")


class SearchPane(Vertical, Generic[V]):
    """A tab whose summary line is also its search box (SearchLine) over a RankTable."""

    if TYPE_CHECKING:
        app = getters.app(CityRankApp)
        summary: SearchLine
        table: RankTable
        history: History[V]
        view: Any  # each tab's own reactive view (V)

    _before_search: V  # the view Esc puts back
    _row_before_search: int = 0  # and the cursor's row in it

    def _search_text(self) -> str:
        """The search text of the view shown."""
        raise NotImplementedError

    def _searched(self, text: str) -> V:
        """The view shown with `text` as its search."""
        raise NotImplementedError

    def _search_hint(self, scope: str) -> None:
        """The empty box's hint, with the keys as the user has them (`scope`: whose `/`)."""
        key = self.app.key
        self.summary.placeholder = (
            f"{key('search', scope)} search names and aliases · "
            f"{key('keep', 'search')} keeps it · {key('drop', 'search')} clears"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the search box, / types itself instead of searching again."""
        return not (action == "search" and isinstance(self.screen.focused, Input))

    async def action_search(self) -> None:
        """Open the search box and give it the keys at once.

        A priority binding, awaited, so keys typed straight after `/` (a paste, or a burst
        over a slow SSH link) reach the box instead of running as commands on the table.
        """
        self._before_search = self.view
        self._row_before_search = self.table.cursor_row  # Esc puts the cursor back there too
        self.summary.open(self._search_text())
        self.screen.set_focus(self.summary)  # now, not after the queued keys as focus() would

    _typed: str | None = None  # a search text typed and not yet searched

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # Keys typed faster than the rows are searched (a burst, a paste, a slow link at
        # millions of rows) are searched once, for the latest text: the search runs after the
        # changes already waiting, and takes the text as it is then.
        waiting = self._typed is not None
        self._typed = event.value
        if not waiting:
            self.call_later(self._search_typed)

    def _search_typed(self) -> None:
        """Search for the text typed last (if not searched yet). Live: each search replaces the
        text filter without stacking an undo step per keystroke."""
        text, self._typed = self._typed, None
        if text is not None and text != self._search_text():
            self.view = self._searched(text)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        # Focus moved to another widget (a click): keep the search, as Enter does. When the whole
        # terminal loses focus, Textual blurs the box too and gives it back later: leave it open.
        if self.searching and self.app.app_focus:
            self.close_search(keep=True)

    def close_search(self, keep: bool) -> None:
        """Enter keeps the search as one undo step; Esc puts back the view from before it, with
        the cursor on the row it was on."""
        box = self.summary
        if not box.is_open:
            return
        if keep:
            self._search_typed()  # a text typed just before Enter is kept too
            if self.view != self._before_search:
                self.history.record(self._before_search)
        else:
            self._typed = None  # nor is a text still waiting to be searched
            with box.prevent(Input.Changed):
                box.value = ""
            self.view = self._before_search
            if self._row_before_search >= len(self.table.rows) and self.table.more is not None:
                self.table.more()  # only the first rows of that view are held so far
            if self._row_before_search < len(self.table.rows):  # the rows from before the search
                self.table.cursor_row = self._row_before_search
        box.close()
        self.screen.set_focus(self.table)  # now: the footer follows in the same frame

    @property
    def searching(self) -> bool:
        return self.summary.is_open
