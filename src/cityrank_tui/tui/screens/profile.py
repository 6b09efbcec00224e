"""A city's profile: where it stands in every index, how it moved, where it is absent and why."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.catalog import Catalog
from ...core.cities import City
from ...core.profile import profile
from ...core.render import printable
from ..base import AppScreen
from ..commands import screen_bindings
from ..safe import safe
from ..texts import hang, profile_text
from ..widgets.footer import KeyFooter
from .dialogs import scroll_lines


class HangingText(Static):
    """Text whose wrapped lines keep their indentation (texts.hang), wrapped again on a resize."""

    def __init__(self, text: Text) -> None:
        super().__init__(text, markup=False)
        self.source = text

    def on_resize(self) -> None:
        self.update(hang(self.source, self.size.width))


class ProfileScreen(AppScreen):
    SCOPE = "profile"
    BINDINGS = screen_bindings(SCOPE)

    def __init__(self, catalog: Catalog, city: City) -> None:
        super().__init__(classes="city-screen")
        self.catalog = catalog
        self.city = city
        self.profile = profile(catalog, city)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), classes="screen-title", markup=False)
        with VerticalScroll(classes="screen-body"):
            yield HangingText(safe(profile_text(self.profile, self.catalog.city_names)))
        yield KeyFooter()  # keeps help and quit when the line is short

    def _title(self) -> Text:
        c = self.city
        marks = []
        if c.city_id in self.app.bookmarks:
            marks.append("★ bookmarked")
        if c.city_id in self.app.picks:
            marks.append(f"picked {self.app.picks.index(c.city_id) + 1} for comparison")
        text = Text.assemble((printable(c.name), "bold"), f", {printable(c.where())}")
        if marks:
            text.append(" · " + " · ".join(marks))
        # the bookmark's note and watchlists whole (the bookmarks view cuts them to a column)
        bookmark = self.app.bookmarks.items.get(c.city_id)
        if bookmark is not None and bookmark.note:
            text.append("\nNote: ", style="bold")
            text.append(printable(bookmark.note))
        if bookmark is not None and bookmark.lists:
            text.append("\nWatchlists: ", style="bold")
            text.append(", ".join(printable(x) for x in bookmark.lists))
        return safe(text)

    def marks_changed(self) -> None:
        self.query_one(".screen-title", Static).update(self._title())

    def action_toggle_bookmark(self) -> None:
        self.app.toggle_bookmark(self.city.city_id)

    def action_pick_city(self) -> None:
        self.app.toggle_pick(self.city.city_id)

    @work(exclusive=True, group="dialog")
    async def action_open_source(self) -> None:
        from ..links import open_sources, profile_sources

        await open_sources(
            self.app,
            profile_sources(self.profile),
            printable(self.city.name),
            f"No web address of a source for {self.city.name} in our data.",
        )

    def action_scroll(self, delta: int) -> None:
        scroll_lines(self.query_one(VerticalScroll), delta)

    def action_scroll_to_end(self, end: int) -> None:
        """Home: the top; G / End: the bottom."""
        body = self.query_one(VerticalScroll)
        scroll_lines(body, int(body.max_scroll_y if end else -body.scroll_y))
