"""The main screen: a tab per index, each an IndexPane, with every filter key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import Input, Static

from ...core.catalog import Catalog, IndexInfo
from ...core.errors import CityRankError
from ...core.filters import (
    Filter,
    Sort,
    View,
    choice_counts,
    column_label,
    sortable,
    validate,
)
from ...core.render import check_clipboard_rows, clipboard_csv, printable, write_export
from ...store.state import view_from_dict, view_to_dict
from ..base import AppScreen
from ..commands import bindings
from ..glance import describe_text, frequency_choices
from ..safe import safe
from ..texts import details_text
from ..widgets.footer import SteadyFooter
from ..widgets.index_pane import IndexPane
from ..widgets.rank_table import RankTable
from ..widgets.tab_strip import TabStrip
from .dialogs import Choice, InputScreen, PickScreen, ScoreRangeScreen, TextScreen
from .export import ExportPathScreen

MIN_WIDTH, MIN_HEIGHT = 60, 16
RANK_BANDS = ((1, 10), (11, 25), (26, 50), (51, 100), (101, 250), (251, 500))


class MainScreen(AppScreen):
    BINDINGS = [*bindings(tabs=True), Binding("escape", "escape", show=False)]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self._panes: dict[
            str, IndexPane | Static
        ] = {}  # index id -> its pane, once its tab was shown

    # -- layout -------------------------------------------------------------------------------
    def _start_index(self) -> str:
        start = self.app.settings.start_tab or self.app.state.last_tab
        return start if start in self.catalog.indexes else next(iter(self.catalog.indexes))

    def compose(self) -> ComposeResult:
        start = self._start_index()
        tabs = [(info.id, info.tab_label) for info in self.catalog.indexes.values()]
        with Container(id="body"):
            yield TabStrip(tabs, start, id="tabs")
            with Container(
                id="panes"
            ):  # a pane is made when its tab is first shown, then kept (hidden)
                yield self._pane_for(
                    start
                )  # composed, not mounted later: the first paint comes sooner
        yield Static(
            Text(
                f"Terminal too small: cityrank-tui needs at least {MIN_WIDTH}×{MIN_HEIGHT}. "
                "Enlarge the window (q quits)."
            ),
            id="too-small",
        )
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.state.last_tab = self._active_index_id()
        pane = self.pane
        if pane is not None:
            pane.table.focus()
        self._check_size()

    def on_resize(self) -> None:
        self._check_size()

    def _check_size(self) -> None:
        small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")

    def _active_index_id(self) -> str:
        return self.query_one(TabStrip).active

    def goto_index(self, index_id: str) -> None:
        """Show an index's tab: its pane is made the first time, the others are hidden, not dropped."""
        strip = self.query_one(TabStrip)
        if index_id not in self.catalog.indexes or (
            index_id == strip.active and index_id in self._panes
        ):
            return
        strip.active = index_id
        shown = self._panes.get(index_id)
        if shown is None:
            shown = self._pane_for(index_id)
            self.query_one("#panes").mount(shown)
        for other_id, other in self._panes.items():
            other.display = other_id == index_id
        if isinstance(shown, IndexPane):
            self.call_after_refresh(
                shown.table.focus
            )  # a pane mounted just now takes focus once it is in the DOM
        self.app.state.last_tab = index_id
        self.app.save_state()

    @on(TabStrip.Chosen)
    def _tab_clicked(self, event: TabStrip.Chosen) -> None:
        self.goto_index(event.tab_id)

    def _pane_for(self, index_id: str) -> IndexPane | Static:
        """Make and keep an index's pane (its saved view restored), or a message saying why it cannot be opened."""
        self._panes[index_id] = pane = self._make_pane(index_id)
        return pane

    def _make_pane(self, index_id: str) -> IndexPane | Static:
        try:
            frame = self.catalog.entries(index_id)
        except CityRankError as exc:
            return Static(safe(f"Cannot open this index: {exc}"), classes="placeholder")
        saved = self.app.state.views.get(index_id)
        view = view_from_dict(saved, self.app.bookmarks.ids) if isinstance(saved, dict) else None
        pane = IndexPane(
            self.catalog.get(index_id),
            frame,
            self._valid_view(index_id, frame, view),
            id=f"pane-{index_id}",
        )
        pane.table.set_marks(self.app.bookmarks.ids, self.app.pick_marks())
        return pane

    def _valid_view(self, index_id: str, frame: pl.DataFrame, view: View | None) -> View | None:
        if view is None:
            return None
        try:
            flt = validate(self.catalog.get(index_id), frame, view.filter)
        except CityRankError:
            return None  # the saved filter no longer fits the data; start clean rather than fail
        sort = view.sort if view.sort.field in sortable(self.catalog.get(index_id)) else Sort()
        return View(flt, sort)

    @property
    def pane(self) -> IndexPane | None:
        """The active tab's pane (None when that index could not be opened)."""
        pane = self._panes.get(self._active_index_id())
        return pane if isinstance(pane, IndexPane) else None

    @on(IndexPane.ViewChanged)
    def _remember_view(self, event: IndexPane.ViewChanged) -> None:
        self.app.state.views[event.pane.info.id] = view_to_dict(event.pane.view)

    # -- tabs ---------------------------------------------------------------------------------
    def _move_tab(self, delta: int) -> None:
        ids = list(self.catalog.indexes)
        self.goto_index(ids[(ids.index(self._active_index_id()) + delta) % len(ids)])

    def action_next_tab(self) -> None:
        self._move_tab(1)

    def action_prev_tab(self) -> None:
        self._move_tab(-1)

    def action_goto_tab(self, n: int) -> None:
        ids = list(self.catalog.indexes)
        if 1 <= n <= len(ids):
            self.goto_index(ids[n - 1])

    # -- filters ------------------------------------------------------------------------------
    def _change(self, **changes: object) -> None:
        pane = self.pane
        if pane is not None:
            pane.set_view(View(pane.view.filter.with_(**changes), pane.view.sort))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the search box, / ← → and Tab edit or leave the text instead of searching again or switching tabs."""
        return not (
            action in ("search", "next_tab", "prev_tab") and isinstance(self.focused, Input)
        )

    async def action_search(self) -> None:
        if self.pane is not None:
            await self.pane.open_search()

    def action_escape(self) -> None:
        pane = self.pane
        if pane is not None and pane.searching:
            pane.close_search(keep=False)

    def action_pick_region(self) -> None:
        pane = self.pane
        if pane is None:
            return
        f = pane.frame
        options = [Choice(("clear", None), "(any region)")]
        groups = (
            ("UN M49 region", "region", ("region",)),
            ("UN M49 sub-region", "region", ("subregion",)),
            (
                f"{pane.info.publisher}'s own grouping",
                "publisher_region",
                ("publisher_region", "publisher_subregion"),
            ),
        )
        for heading, field, columns in groups:
            counts = choice_counts(f, *columns)
            if counts:
                options.append(Choice(None, heading, heading=True))
                options += [Choice((field, v), f"  {v} ({n:,})") for v, n in counts.items()]
        current = (
            ("region", pane.view.filter.region)
            if pane.view.filter.region
            else ("publisher_region", pane.view.filter.publisher_region)
        )

        def picked(value: Any) -> None:
            if value is None:
                return
            field, chosen = value
            if field == "clear":
                self._change(region=None, publisher_region=None)
            elif field == "region":
                self._change(region=chosen, publisher_region=None)
            else:
                self._change(publisher_region=chosen, region=None)

        self.app.push_screen(PickScreen("Filter by region", options, current), picked)

    def action_pick_country(self) -> None:
        pane = self.pane
        if pane is None:
            return
        options = [Choice(None, "(any country)")] + [
            Choice(v, f"{v} ({n:,})") for v, n in choice_counts(pane.frame, "country_name").items()
        ]
        self.app.push_screen(
            PickScreen("Filter by country", options, pane.view.filter.country),
            lambda v: self._change(country=v) if v != pane.view.filter.country else None,
        )

    def action_pick_tier(self) -> None:
        pane = self.pane
        if pane is None:
            return
        info = pane.info
        if info.tiers:
            per_tier = choice_counts(pane.frame, "tier")
            options = [Choice((), "(any tier)")] + [
                Choice((t,), f"{n}. {t} ({per_tier.get(t, 0):,})")
                for n, t in enumerate(info.tiers, 1)
            ]
            if len(info.tiers) > 2:  # several tiers at once: the top ones, as the CLI's --tier A,B
                options.append(Choice(None, "Several tiers", heading=True))
                for k in range(2, len(info.tiers)):
                    leading = tuple(info.tiers[:k])
                    rows = sum(per_tier.get(t, 0) for t in leading)
                    options.append(Choice(leading, f"  1–{k}. {' + '.join(leading)} ({rows:,})"))
            self.app.push_screen(
                PickScreen(f"Filter by {info.publisher} tier", options, pane.view.filter.tiers),
                lambda v: self._change(tiers=v) if v is not None else None,
            )
            return
        top = info.universe_size or int(pane.cache.frame["rank"].max() or 0)  # type: ignore[arg-type]
        bands = [b for b in RANK_BANDS if b[0] <= top]
        options = [
            Choice((None, None), "(any rank)"),
            Choice(None, "Rank bands (not a publisher tier)", heading=True),
        ]
        options += [Choice((lo, min(hi, top)), f"  Ranks {lo}–{min(hi, top)}") for lo, hi in bands]
        now = (pane.view.filter.min_rank, pane.view.filter.max_rank)

        def picked(value: Any) -> None:
            if value is not None:
                self._change(min_rank=value[0], max_rank=value[1])

        self.app.push_screen(
            PickScreen(f"{info.short_name} publishes no tiers: pick a rank band", options, now),
            picked,
        )

    def action_score_range(self) -> None:
        pane = self.pane
        if pane is None:
            return
        info = pane.info
        if not info.has_scores:
            self.app.notify(
                f"{info.short_name}: no scores are published in our data, so there is nothing to "
                "filter on. Try a rank band (t).",
                severity="warning",
                markup=False,
            )
            return
        scores = pane.frame["score"].drop_nulls()
        observed = (float(scores.min()), float(scores.max()))  # type: ignore[arg-type]
        flt = pane.view.filter

        def picked(value: Any) -> None:
            if value is not None:
                self._change(min_score=value[0], max_score=value[1])

        self.app.push_screen(
            ScoreRangeScreen(info.score_label, flt.min_score, flt.max_score, observed), picked
        )

    def action_pick_sort(self) -> None:
        pane = self.pane
        if pane is None:
            return
        current = pane.view.sort
        options = []
        for column in sortable(pane.info):
            arrow = (" ▼" if current.descending else " ▲") if column == current.field else ""
            options.append(Choice(column, column_label(column, pane.info) + arrow))

        def picked(value: Any) -> None:
            if value is not None:
                pane.set_view(View(pane.view.filter, pane.view.sort.toggled(str(value), pane.info)))

        self.app.push_screen(
            PickScreen("Sort by (again to reverse)", options, current.field), picked
        )

    def action_frequency(self) -> None:
        """VisiData's Shift+F: rows per tier, region and country of the view; Enter filters."""
        pane = self.pane
        if pane is None:
            return
        shown = pane.result
        options = frequency_choices(shown)
        if not options:
            self.app.notify("No tier, region or country in this view.", markup=False)
            return

        def picked(value: Any) -> None:
            if value is not None:
                field, chosen = value
                self._change(**{field: (chosen,) if field == "tiers" else chosen})

        title = f"{len(shown):,} rows of {pane.info.short_name} by value (Enter filters)"
        self.app.push_screen(PickScreen(title, options), picked)

    def action_describe(self) -> None:
        """VisiData's I: each numeric measure of the view, missing figures counted as missing."""
        pane = self.pane
        if pane is not None:
            text = describe_text(pane.info, pane.result)
            self.app.push_screen(TextScreen(f"{pane.info.short_name}: summary of the view", text))

    def action_jump_rank(self) -> None:
        pane = self.pane
        if pane is None:
            return

        def chosen(text: str | None) -> None:
            if text:
                self.jump_to_rank(text)

        self.app.push_screen(InputScreen("Jump to rank", "", "Enter jumps · Esc cancels"), chosen)

    def jump_to_rank(self, text: str) -> None:
        """The cursor to the row ranked N in this view, or to the first rank after N held."""
        pane = self.pane
        if pane is None:
            return
        try:
            wanted = int(text.strip().lstrip("#").replace(",", ""))
        except ValueError:
            self.app.notify(f"{printable(text)!r} is not a rank: type a number.", markup=False)
            return
        ranks = pane.cache.frame["rank"].gather(pane.rows)
        at = (ranks == wanted).arg_true()
        if len(at):
            pane.table.cursor_row = int(at[0])
            return
        later = ranks.filter(ranks > wanted)
        if later.len() == 0:
            self.app.notify(f"No rank {wanted:,} or after in this view.", markup=False)
            return
        nearest = int(later.min())  # type: ignore[arg-type]
        pane.table.cursor_row = int((ranks == nearest).arg_true()[0])
        self.app.notify(f"Rank {wanted:,} is not in this view: at {nearest:,}.", markup=False)

    def action_clear_filters(self) -> None:
        pane = self.pane
        if pane is not None:
            if pane.searching:
                pane.close_search(keep=False)
            pane.set_view(View(Filter(), pane.view.sort))

    def action_undo(self) -> None:
        pane = self.pane
        if pane is not None and not pane.undo():
            self.app.notify("Nothing to undo.", markup=False)
        self.marks_changed()  # an undone "bookmarked only" follows today's bookmarks

    # -- rows ---------------------------------------------------------------------------------
    def on_rank_table_row_activated(self, event: RankTable.RowActivated) -> None:
        event.stop()
        self.action_details()

    def action_details(self) -> None:
        pane = self.pane
        row = pane.table.current_row if pane else None
        if pane is None or row is None:
            return
        self.app.push_screen(
            TextScreen(
                f"{pane.info.short_name}: details",
                details_text(pane.info, row, self.catalog.city_names),
            )
        )

    def action_copy_row(self) -> None:
        pane = self.pane
        if pane is not None and pane.table.current_row is not None:
            self._copy(
                pane.info, pane.cache.frame[pane.rows.slice(pane.table.cursor_row, 1)], "the row"
            )

    def action_copy_view(self) -> None:
        pane = self.pane
        if pane is not None:
            try:  # refused before a large view is copied out of the index (seconds at 1M rows)
                check_clipboard_rows(len(pane.rows))
            except CityRankError as exc:
                self.app.notify(str(exc), severity="error", markup=False)
                return
            self._copy(pane.info, pane.result, f"{len(pane.rows):,} rows")

    def action_export_view(self) -> None:
        pane = self.pane
        if pane is None:
            return
        options = [
            Choice(fmt, label)
            for fmt, label in (
                ("csv", "CSV"),
                ("parquet", "Parquet"),
                ("json", "JSON"),
                ("md", "Markdown"),
            )
        ]

        def chose_format(fmt: object) -> None:
            if fmt is None:
                return
            suggested = str(Path.cwd() / f"{pane.info.id}-view.{fmt}")
            rows = len(pane.rows)

            def wrote(path: Path | None) -> None:
                if path is not None:
                    self.app.notify(
                        f"Wrote {rows:,} rows with sources and attribution to {path}.",
                        markup=False,
                    )

            frame, shown, info = pane.cache.frame, pane.rows, pane.info  # the view as it is now

            def write(
                path: Path, progress: Callable[[int], None], stop: Callable[[], bool]
            ) -> None:
                # On the export dialog's worker thread: the rows are copied out there too.
                write_export(frame[shown], info, str(fmt), path, progress, stop)

            self.app.push_screen(
                ExportPathScreen(
                    f"Export {rows:,} rows as {str(fmt).upper()} to", suggested, write, rows
                ),
                wrote,
            )

        self.app.push_screen(PickScreen("Export the view as", options), chose_format)

    def _copy(self, info: IndexInfo, frame: pl.DataFrame, what: str) -> None:
        try:
            text = clipboard_csv(frame, info)
        except CityRankError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.app.notify(
            f"Copied {what} as CSV, with sources and attribution, to the clipboard (via the terminal).",
            markup=False,
        )

    # -- cities: bookmarks, picks, profiles ---------------------------------------------------
    def _with_row_city(self, then: Callable[[str], None], title: str) -> None:
        pane = self.pane
        row = pane.table.current_row if pane else None
        if row is None:
            self.app.notify("No row is highlighted.", markup=False)
            return
        self.app.with_city(list(row["city_ids"] or []), then, f"{row['name']}: {title}")

    def action_toggle_bookmark(self) -> None:
        self._with_row_city(self.app.toggle_bookmark, "bookmark which city?")

    def action_pick_city(self) -> None:
        self._with_row_city(self.app.toggle_pick, "pick which city for comparison?")

    def action_profile(self) -> None:
        self._with_row_city(self.app.open_profile, "whose profile?")

    def action_bookmarked_only(self) -> None:
        pane = self.pane
        if pane is None:
            return
        if pane.view.filter.city_ids is not None:
            self._change(city_ids=None)
        elif not len(self.app.bookmarks):
            self.app.notify(
                "No bookmarks yet: press b on a row to bookmark its city.", markup=False
            )
        else:
            self._change(city_ids=self.app.bookmarks.ids)

    def marks_changed(self) -> None:
        """Bookmarks or picks changed: redraw marks and follow the bookmarks in 'bookmarked only' views."""
        ids, picks = self.app.bookmarks.ids, self.app.pick_marks()
        for pane in self.query(IndexPane):
            pane.table.set_marks(ids, picks)
            if pane.view.filter.city_ids is not None and pane.view.filter.city_ids != ids:
                pane.follow(pane.view.filter.with_(city_ids=ids))

    def action_correlate(self) -> None:
        pane = self.pane
        if pane is None:
            return
        others = [
            Choice(i.id, f"{i.short_name} ({i.publisher})")
            for i in self.catalog.indexes.values()
            if i.id != pane.info.id
        ]

        def picked(other: object) -> None:
            if other is not None:
                from .correlate import CorrelateScreen

                self.app.push_screen(CorrelateScreen(self.catalog, pane.info.id, str(other)))

        self.app.push_screen(PickScreen(f"Compare {pane.info.short_name} with", others), picked)

    # -- reload -------------------------------------------------------------------------------
    def action_reload_indexes(self) -> None:
        """Read the data folder again (the app does not watch it): a tab for each index imported
        from another shell since start, none for one removed; every other tab keeps its view."""
        old = self.catalog
        new = Catalog(bundled_dir=old.bundled_dir, user_dir=old.user_dir)
        try:
            fresh = new.indexes
        except CityRankError as exc:
            self.app.notify(f"Cannot reload: {exc}", severity="error", markup=False)
            return
        before = old.indexes
        added = [i for i in fresh if i not in before]
        removed = [i for i in before if i not in fresh]
        replaced = [
            i for i in fresh if i in before and fresh[i].entries_path != before[i].entries_path
        ]
        for warning in new.warnings:
            self.app.notify(warning, severity="warning", timeout=10, markup=False)
        if not (added or removed or replaced):
            self.app.notify("Indexes reloaded: nothing was imported or removed.", markup=False)
            return
        parts = [
            f"{label} {', '.join(ids)}"
            for label, ids in (("new", added), ("removed", removed), ("replaced", replaced))
            if ids
        ]
        self.app.notify("Indexes reloaded: " + "; ".join(parts) + ".", markup=False)
        self._show_catalog(new, gone=set(removed) | set(replaced))

    def _show_catalog(self, catalog: Catalog, gone: set[str]) -> None:
        """Use a reloaded catalogue: the panes of indexes removed or replaced are dropped (a
        replaced one is made again from its new file, its view restored from the state when it
        still fits); the others are kept as they are, cursor and all."""
        active = self._active_index_id()
        self.catalog = self.app.catalog = catalog
        for index_id in gone:
            pane = self._panes.pop(index_id, None)
            if pane is not None:
                pane.remove()
        strip = self.query_one(TabStrip)
        strip.tabs = [(info.id, info.tab_label) for info in catalog.indexes.values()]
        strip.active = ""  # shown again below, made anew if it was dropped
        self.goto_index(active if active in catalog.indexes else next(iter(catalog.indexes)))
        strip.refresh()

    # -- palette targets (goto_index above) ----------------------------------------------------
    def _rows_naming(self, index_id: str, city_id: str) -> pl.DataFrame:
        try:
            return self.catalog.rows_naming(index_id, city_id)
        except CityRankError:
            return pl.DataFrame()  # an index that cannot be read holds nobody we can show

    def jump_to_city(self, city_id: str) -> None:
        pane = self.pane
        if pane is None:
            return
        name = self.catalog.city_names.get(city_id, city_id)
        has_city = pane.cache.frame["city_ids"].list.contains(city_id)
        if not has_city.any():
            holding = [
                info
                for info in self.catalog.indexes.values()
                if info.id != pane.info.id and not self._rows_naming(info.id, city_id).is_empty()
            ]
            if not holding:
                self.app.notify(f"{name} is in none of the indexes in our data.", markup=False)
                return
            self.app.notify(
                f"{name} is not in {pane.info.short_name}; shown in {holding[0].short_name}"
                + (
                    f" (also in {', '.join(i.tab_label for i in holding[1:])})."
                    if holding[1:]
                    else "."
                ),
                markup=False,
            )
            self.goto_index(holding[0].id)
            shown = self.pane
            if shown is not None:  # on the pane's queue: after its mount has filled its table
                shown.call_later(self.jump_to_city, city_id)
            return
        if not has_city.gather(pane.rows).any():
            pane.set_view(View(Filter(), pane.view.sort))  # undo (u) brings the filters back
            self.app.notify(f"Filters cleared to show {name} (u undoes).", markup=False)
        pane.table.cursor_row = int(has_city.gather(pane.rows).arg_true()[0])
        pane.table.focus()
