"""The main screen: the tab strip (the Cities tab, then one per family), a pane per tab (each
owning its view), the city actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import polars as pl
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container
from textual.reactive import Reactive
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Static

from ...core import movement
from ...core.catalog import Catalog, IndexInfo
from ...core.errors import CityRankError
from ...core.families import CITIES_TAB_NAME, families
from ...core.filters import Sort, View, sortable, validate
from ...core.first_screen import files_for
from ...core.movement import Basis
from ...store.state import city_view_from_dict, city_view_to_dict, view_from_dict, view_to_dict
from ..base import AppScreen
from ..commands import MAIN, TAB_COMMANDS, bindings, commands_of
from ..safe import safe, visible
from ..widgets.footer import KeyFooter
from ..widgets.index_pane import PANE_COMMANDS, IndexPane
from ..widgets.tab_strip import TabStrip

# Imported where first used, not here: an opened file's reading (only with `open FILE`), the
# Cities tab (unless the app starts on it) and the dialogs are not on the usual first screen,
# and importing them delayed its paint.
if TYPE_CHECKING:
    from ...core.opened import Opened
    from ..opening import Opening
    from ..widgets.cities_pane import CitiesPane

# The screen's own commands: tabs, city actions, index against index, reload. Filters, sort,
# search, jump, export and copy are each tab's (IndexPane), app-wide ones the app's.
SCREEN_COMMANDS = tuple(
    c.id for c in commands_of(MAIN) if c.id not in PANE_COMMANDS and c not in TAB_COMMANDS
)

MIN_WIDTH, MIN_HEIGHT = 60, 16
# The Cities tab's id, in the tab strip and as state.toml's last tab: '@' is in no index id
# (nor family key), so it can never name one.
CITIES_TAB = "@cities"
START_CITIES = CITIES_TAB_NAME  # how config.toml's start_tab names the Cities tab


class MainScreen(AppScreen):
    SCOPE = MAIN
    BINDINGS = bindings(*SCREEN_COMMANDS, tabs=True)
    # Textual repaints the whole screen when focus moves (`/` and Esc move it), though the two
    # widgets concerned repaint themselves: here focus is followed without that repaint.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, catalog: Catalog, opening: Opening | None = None) -> None:
        super().__init__()
        # edition id (or CITIES_TAB) -> its pane, once shown
        self._panes: dict[str, IndexPane | CitiesPane | Static] = {}
        self.opening = opening  # a file opened, not imported (`cityrank-tui open FILE`)
        # its tab's id (core.opened.OPEN_ID, which no import can have); "" names no tab
        self._open_id = opening.current.info.id if opening is not None else ""
        if opening is not None:
            catalog.hold(opening.current.info, opening.current.frame, None)
        self._use_catalog(catalog)
        self._shown = ""  # the edition on show, from compose on
        self._mounting: AwaitMount | None = None  # a pane being mounted by a tab change
        # The first tab while it is drawn from core/first_screen.py, before `realise`.
        self._preview: IndexPane | None = None

    def _use_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.families = families(catalog.indexes.values())
        self._family_of = {i: f for f in self.families for i in f.ids}

    # -- layout -------------------------------------------------------------------------------
    def _edition_in(self, key: str) -> str | None:
        """A family's edition to show: the one last shown in its tab, else its latest; an
        edition id stands for itself (config's start_tab and state from before family tabs), and
        so does the Cities tab (config's start_tab names it "cities")."""
        if key == START_CITIES:
            return CITIES_TAB
        if key in self.catalog.indexes or key == CITIES_TAB:
            return key
        family = next((f for f in self.families if f.key == key), None)
        if family is None:
            return None
        remembered = self.app.state.editions.get(key)
        return remembered if remembered in family.ids else family.latest.id

    def _start_index(self) -> str:
        if self.opening is not None:
            return self._open_id
        for start in (self.app.settings.start_tab, self.app.state.last_tab):
            found = self._edition_in(start) if start else None
            if found is not None:
                return found
        return self.families[0].latest.id

    def _tab_of(self, shown: str) -> str:
        """The tab an edition (or the Cities tab) is shown in."""
        return shown if shown == CITIES_TAB else self._family_of[shown].key

    def _tabs(self) -> list[tuple[str, str]]:
        """The Cities tab, then one tab per family, labelled with the edition it shows ('GII 2024')."""
        out = [(CITIES_TAB, "Cities")]
        for family in self.families:
            edition = self._edition_in(family.key) or family.latest.id
            if self._shown in family.ids:
                edition = self._shown
            out.append((family.key, self.catalog.indexes[edition].tab_label))
        return out

    def compose(self) -> ComposeResult:
        self._shown = self._start_index()
        with Container(id="body"):
            yield TabStrip(self._tabs(), self._tab_of(self._shown), id="tabs")
            # a pane is made when its edition is first shown, then kept (hidden); this one is
            # composed, not mounted later: the first paint comes sooner
            with Container(id="panes"):
                self._preview = self._preview_for(self._shown)
                yield self._preview or self._pane_for(self._shown)
        yield Static(
            Text(
                f"Terminal too small: cityrank-tui needs at least {MIN_WIDTH}×{MIN_HEIGHT}. "
                f"Enlarge the window ({self.shown_key('quit')} quits)."
            ),
            id="too-small",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._remember_shown()
        self._focus_shown()
        if self._preview is not None:
            self.set_focus(self._preview.table)
            self.call_after_refresh(self._realise_after_first_frame)
        self._check_size()
        if self.opening is not None:
            notes = self.opening.current.notes
            self.app.notify(f"{self.opening.request.shown_name}: " + "; ".join(notes) + ".")
            self._remember_import_command(self.opening)
            self.call_after_refresh(self._begin_opening)

    def _remember_import_command(self, opening: Opening) -> None:
        """The command that keeps the opened file, whole, in M (the tab's header line cuts it
        at the screen's edge; details, Enter, show it too)."""
        from ...core.opened import import_command

        self.app.remember(
            f"{opening.request.shown_name} is opened, not imported; this command keeps it: "
            f"{import_command(opening.request)}"
        )

    def _begin_opening(self) -> None:
        """After the first paint: every row read, then linked, off the UI thread."""
        from ..opening import in_background

        opening = self.opening
        if opening is not None:
            opening.begin()
            in_background(lambda: self._finish_opening(opening), "open-link")

    # -- a file opened, not imported (tui/opening.py) -------------------------------------------
    def _finish_opening(self, opening: Opening) -> None:
        """In a thread: every row (read since start), then the names linked; each step shown."""
        from ...core.opened import link

        try:
            step = opening.all_rows()
            if step is not opening.current:
                self._from_thread(self.show_opened, step)
            step = link(self.catalog, step)
        except CityRankError as exc:
            self._from_thread(self._opening_failed, str(exc))
            return
        except Exception as exc:  # a bug, not the file: said in the tab, not lost in a thread
            self._from_thread(self._opening_failed, f"{type(exc).__name__}: {exc}")
            return
        self._from_thread(self.show_opened, step)

    def _from_thread(self, call: Callable[..., None], *args: object) -> None:
        try:
            self.app.call_from_thread(call, *args)
        except RuntimeError:
            return  # the app has ended meanwhile: nothing left to show it on

    def show_opened(self, step: Opened) -> None:
        """The opened file's tab shows `step`; its view and cursor row stay."""
        before = self.opening.current.notes if self.opening is not None else ()
        if self.opening is not None:
            self.opening.current = step
        self.catalog.hold(step.info, step.frame, step.new_cities)
        self._use_catalog(self.catalog)
        pane = self._panes.get(self._open_id)
        if isinstance(pane, IndexPane):
            pane.family = self._family_of[self._open_id]
            pane.swap(step.info, step.frame, step.status)
        # what this step found that the last did not (all rows: ties further down; linked: the
        # import report's lines), every line as `import` prints it
        new = [note for note in step.notes if note not in before]
        if new or step.stage == "linked":
            said = "; ".join(new) if new else "names linked"
            self.app.notify(f"{step.request.shown_name}: {said}.")

    def _opening_failed(self, message: str) -> None:
        shown = self.opening.request.shown_name if self.opening else "the file"
        self.app.notify(f"Cannot open {shown}: {message}", severity="error", timeout=20)
        pane = self._panes.get(self._open_id)
        if pane is not None:
            failed = Static(safe(f"Cannot open {shown}: {message}"), classes="placeholder")
            self._panes[self._open_id] = failed
            self.query_one("#panes").mount(failed, after=pane)
            failed.display = self._shown == self._open_id
            pane.remove()

    def _focus_shown(self) -> None:
        """Focus the table of the tab shown now (whatever tab key asked for it: a focus queued
        while a pane was being mounted never goes to a tab hidden since)."""
        pane = self._panes.get(self._shown)
        if pane is None:
            return
        if isinstance(pane, Static):  # a tab that could not be opened: nothing of it takes keys
            self.set_focus(None)  # nor does the tab just hidden, whose table had the focus
        else:  # an IndexPane or the CitiesPane
            self.set_focus(pane.table)  # now: Widget.focus() would wait for the queued keys

    async def _settle(self) -> None:
        """Wait until a pane mounted by the last tab change is in the DOM, and focus it.

        A tab key's action awaits this, so keys typed straight after it (`3` then `x`, a burst
        over SSH) reach the tab now shown, never the one just hidden."""
        mounting, self._mounting = self._mounting, None
        if mounting is not None:
            await mounting
            self._focus_shown()

    def on_resize(self) -> None:
        self._check_size()

    def _check_size(self) -> None:
        small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")

    def _active_index_id(self) -> str:
        return self._shown

    def _remember_shown(self) -> None:
        if self.opening is not None and self._shown == self._open_id:
            return  # an opened file is gone after a restart: start where the user was before
        state = self.app.state
        state.last_tab = self._shown
        if self._shown != CITIES_TAB:
            state.editions[self._family_of[self._shown].key] = self._shown

    def goto_index(self, index_id: str) -> None:
        """Show an edition in its family's tab (or CITIES_TAB, the Cities tab): its pane is made
        the first time, the others are hidden, not dropped (each keeps its own view and cursor)."""
        if (index_id not in self.catalog.indexes and index_id != CITIES_TAB) or (
            index_id == self._shown and index_id in self._panes
        ):
            return
        self._shown = index_id
        strip = self.query_one(TabStrip)
        strip.tabs = [(tab, visible(label)) for tab, label in self._tabs()]
        strip.active = self._tab_of(index_id)
        strip.refresh()
        shown = self._panes.get(index_id)
        self._mounting = None
        if shown is None:
            shown = self._pane_for(index_id)
            self._mounting = self.query_one("#panes").mount(shown)
        for other_id, other in self._panes.items():
            other.display = other_id == index_id
        if self._mounting is None or isinstance(shown, Static):  # a message takes no keys
            self._focus_shown()
        else:  # a pane mounted just now takes focus once it is in the DOM (or in _settle)
            self.call_after_refresh(self._focus_shown)
        self._remember_shown()
        self.app.save_state_soon()

    def goto_family(self, key: str) -> None:
        """A family's tab, on the edition it showed last (its latest the first time)."""
        edition = self._edition_in(key)
        if edition is not None:
            self.goto_index(edition)

    @on(TabStrip.Chosen)
    def _tab_clicked(self, event: TabStrip.Chosen) -> None:
        self.goto_family(event.tab_id)

    def _pane_for(self, index_id: str) -> IndexPane | CitiesPane | Static:
        """Make and keep an index's pane (its saved view restored), or a message saying why it cannot be opened."""
        pane = self._make_cities() if index_id == CITIES_TAB else self._make_pane(index_id)
        self._panes[index_id] = pane
        return pane

    def _preview_for(self, index_id: str) -> IndexPane | None:
        """The first tab drawn from core/first_screen.py (IndexPane without its frame yet),
        where that draws what the tab read from its Parquet would: the app started for it
        (tui/run.py), no file opened, a bundled edition shown in its default view (no saved
        filter, search or sort), held in a file that still matches its Parquet, with rows
        enough for the screen's height. None: the tab is read at once, as before."""
        app = self.app
        first = self.catalog.first_screen
        info = self.catalog.indexes.get(index_id)
        if not app.preview_first or self.opening is not None or first is None or info is None:
            return None
        if not info.bundled:
            return None
        saved = app.state.views.get(index_id)
        if isinstance(saved, dict) and view_from_dict(saved, app.bookmarks.ids) != View():
            return None
        preview = first.preview(index_id)
        if preview is None:
            return None
        # its Move column was counted against the edition before it among the bundled ones;
        # an import that declares the family can come between them (then the Parquet is read)
        family = self._family_of.get(index_id)
        previous = family.previous(index_id) if family is not None else None
        if preview.files != files_for(index_id, previous.id if previous is not None else None):
            return None
        if len(preview.rows) < min(app.size.height, preview.height):
            return None  # the screen would show rows the file does not hold
        pane = IndexPane(
            info, None, id=f"pane-{index_id}", family=self._family_of.get(index_id), first=preview
        )
        pane.table.set_marks(app.bookmarks.ids, app.pick_marks())
        return pane

    @property
    def previewing(self) -> bool:
        """Whether the tab shown is still drawn from core/first_screen.py."""
        return self._preview is not None

    def _realise_after_first_frame(self) -> None:
        self.realise()

    def realise(self) -> None:
        """Give the first tab, drawn from core/first_screen.py, its frame (its Parquet read,
        polars imported): it draws the same, so nothing on screen changes. Called once the
        first frame is on screen, and first by a key or click before then
        (CityRankApp.on_event), which then acts on the tab as it would have."""
        pane, self._preview = self._preview, None
        if pane is None:
            return
        index_id = self._shown
        read = self._read(index_id)
        if isinstance(read, Static):  # the file changed since start: said, as on any tab
            self._panes[index_id] = read
            if pane.is_attached:
                self.query_one("#panes").mount(read, before=pane)
                pane.remove()
            self.set_focus(None)
            return
        pane.attach(*read[1:])
        self._panes[index_id] = pane

    def _make_cities(self) -> CitiesPane | Static:
        from ..widgets.cities_pane import CitiesPane

        saved = self.app.state.cities
        try:
            pane = CitiesPane(
                self.catalog,
                city_view_from_dict(saved) if saved else None,
                id="pane-cities",
            )
        except CityRankError as exc:
            return Static(safe(f"Cannot open the Cities view: {exc}"), classes="placeholder")
        return pane

    def _read(self, index_id: str) -> tuple[IndexInfo, pl.DataFrame, Basis] | Static:
        """An edition's frame with its movement, or a message saying why it cannot be opened."""
        try:
            info = self.catalog.get(index_id)
            frame, moves = movement.with_movement(
                self.catalog, info, self.catalog.entries(index_id)
            )
        except CityRankError as exc:
            return Static(safe(f"Cannot open this index: {exc}"), classes="placeholder")
        return info, frame, moves

    def _make_pane(self, index_id: str) -> IndexPane | Static:
        read = self._read(index_id)
        if isinstance(read, Static):
            return read
        info, frame, moves = read
        saved = self.app.state.views.get(index_id)
        view = view_from_dict(saved, self.app.bookmarks.ids) if isinstance(saved, dict) else None
        pane = IndexPane(
            info,
            frame,
            self._valid_view(index_id, frame, view),
            id=f"pane-{index_id}",
            family=self._family_of.get(index_id),
            moves=moves,
        )
        pane.table.set_marks(self.app.bookmarks.ids, self.app.pick_marks())
        if self.opening is not None and index_id == self._open_id:
            pane.status = self.opening.current.status
        return pane

    def _valid_view(self, index_id: str, frame: pl.DataFrame, view: View | None) -> View | None:
        if view is None:
            return None
        try:
            flt = validate(self.catalog.get(index_id), frame, view.filter)
        except CityRankError:
            return None  # the saved filter no longer fits the data; start clean rather than fail
        sort = (
            view.sort
            if view.sort.field in sortable(self.catalog.get(index_id), frame.columns)
            else Sort()
        )
        return View(flt, sort)

    @property
    def cities_pane(self) -> CitiesPane | None:
        """The Cities tab's pane when it is the tab shown."""
        from ..widgets.cities_pane import CitiesPane

        pane = self._panes.get(self._shown)
        return pane if isinstance(pane, CitiesPane) else None

    def on_cities_pane_view_changed(self, event: CitiesPane.ViewChanged) -> None:
        self.app.state.cities = city_view_to_dict(event.view)
        self.app.save_state_soon()

    @property
    def pane(self) -> IndexPane | None:
        """The active tab's pane (None when that index could not be opened)."""
        pane = self._panes.get(self._active_index_id())
        return pane if isinstance(pane, IndexPane) else None

    @on(IndexPane.ViewChanged)
    def _remember_view(self, event: IndexPane.ViewChanged) -> None:
        """Every change of a tab's view reaches state.toml (debounced): a killed terminal loses nothing."""
        if self.opening is not None and event.pane.info.id == self._open_id:
            return  # an opened file's view lasts as long as the file is open
        self.app.state.views[event.pane.info.id] = view_to_dict(event.view)
        self.app.save_state_soon()

    # -- tabs ---------------------------------------------------------------------------------
    def _move_tab(self, delta: int) -> None:
        keys = [CITIES_TAB, *(f.key for f in self.families)]
        at = keys.index(self._tab_of(self._shown))
        self.goto_family(keys[(at + delta) % len(keys)])

    async def action_next_tab(self) -> None:
        self._move_tab(1)
        await self._settle()

    async def action_prev_tab(self) -> None:
        self._move_tab(-1)
        await self._settle()

    async def action_goto_tab(self, n: int) -> None:
        """1 is the Cities tab (the first on the strip), 2 to 9 the first eight families."""
        if n == 1:
            self.goto_index(CITIES_TAB)
        elif 2 <= n <= len(self.families) + 1:
            self.goto_family(self.families[n - 2].key)
        await self._settle()

    def _step_edition(self, delta: int) -> None:
        if self._shown == CITIES_TAB:
            key = self.app.key
            self.app.notify(
                f"On the Cities tab, {key('editions', 'cities')} chooses which edition each "
                f"family's standing comes from; {key('prev_edition', MAIN)} and "
                f"{key('next_edition', MAIN)} step through the editions in a family's tab."
            )
            return
        family = self._family_of[self._shown]
        found = family.step(self._shown, delta)
        if found is not None:
            self.goto_index(found.id)
            return
        if len(family.editions) == 1:
            self.app.notify(f"{family.latest.short_name} is the only edition we hold.")
        else:
            end = "first" if delta < 0 else "latest"
            shown = self.catalog.indexes[self._shown]
            self.app.notify(f"{shown.short_name} is the {end} edition we hold.")

    async def action_prev_edition(self) -> None:
        await self._step_keeping_city(-1)

    async def action_next_edition(self) -> None:
        await self._step_keeping_city(1)

    async def _step_keeping_city(self, delta: int) -> None:
        """Step to the previous or next edition with the cursor on the same city, when that
        edition's view holds it (each edition keeps its own filters; none is changed here)."""
        from ...core.viewfacts import find_city  # not needed by the first screen

        before = self.pane
        row = before.table.current_row if before is not None else None
        self._step_edition(delta)
        await self._settle()
        after = self.pane
        if row is None or after is None or after is before:
            return
        for city_id in row.get("city_ids") or []:
            at = find_city(after.cache.frame, after.rows, city_id)
            if at is not None:
                after.table.cursor_row = at  # scrolled into view once laid out
                return
        self.app.notify(
            f"{visible(str(row.get('name') or ''))} is not in this view of "
            f"{after.info.short_name}: the cursor stays where it was.",
            markup=False,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the search box, ← → and Tab edit or leave the text instead of switching tabs."""
        return not (action in ("next_tab", "prev_tab") and isinstance(self.focused, Input))

    def jump_to_rank(self, text: str) -> None:
        """The palette's "Jump to rank N" (':' then a number): the active tab's own jump."""
        pane = self.pane
        if pane is not None:
            pane.jump_to_rank(text)

    # -- cities: bookmarks, picks, profiles ---------------------------------------------------
    def _with_row_city(self, then: Callable[[str], None], title: str) -> None:
        cities = self.cities_pane
        if cities is not None:
            city_id = cities.city_id
            if city_id is None:
                self.app.notify("No row is highlighted.", markup=False)
            else:
                then(city_id)
            return
        pane = self.pane
        row = pane.table.current_row if pane else None
        if row is None:
            self.app.notify("No row is highlighted.", markup=False)
            return
        if pane is not None and pane.status:  # an opened file whose names are not linked yet
            self.app.notify(
                f"{pane.info.short_name}: {pane.status} (its cities are not known yet)."
            )
            return
        self.app.with_city(list(row["city_ids"] or []), then, f"{row['name']}: {title}")

    def action_toggle_bookmark(self) -> None:
        self._with_row_city(self.app.toggle_bookmark, "bookmark which city?")

    def action_pick_city(self) -> None:
        self._with_row_city(self.app.toggle_pick, "pick which city for comparison?")

    def action_profile(self) -> None:
        self._with_row_city(self.app.open_profile, "whose profile?")

    def action_world_map(self) -> None:
        """The tab's view on a world map (core.mapview), the cursor on the highlighted city."""
        from ...core import mapview
        from .map import MapScreen, ascii_terminal

        cities = self.cities_pane
        pane = self.pane
        if cities is not None:
            shown = cities.frame[cities.table.rows]
            from ...core.cityview import shown_editions

            subject = mapview.of_cities(
                self.catalog,
                shown,
                cities.view.describe(cities.cities),
                shown_editions(cities.cities, shown),
                cities.cities.rule.header(),
            )
            focus = cities.city_id
        elif pane is not None:
            subject = mapview.of_index(self.catalog, pane.info, pane.result, pane.view.filter)
            row = pane.table.current_row
            focus = (row["city_ids"] or [None])[0] if row is not None else None
        else:
            self.app.notify("This tab has no view to map.")
            return
        try:
            mapview.land(self.catalog)
        except CityRankError as exc:
            self.app.notify(f"Cannot draw the map: {exc}", severity="error", markup=False)
            return
        self.app.push_screen(MapScreen(self.catalog, subject, focus, ascii_only=ascii_terminal()))

    def marks_changed(self) -> None:
        """Bookmarks or picks changed: redraw marks and follow the bookmarks in 'bookmarked only' views."""
        ids, picks = self.app.bookmarks.ids, self.app.pick_marks()
        for pane in self.query(IndexPane):
            pane.table.set_marks(ids, picks)
            if pane.view.filter.city_ids is not None and pane.view.filter.city_ids != ids:
                pane.follow(pane.view.filter.with_(city_ids=ids))
        from ..widgets.cities_pane import CitiesPane

        for cities in self.query(CitiesPane):
            cities.marks_changed()

    @work(exclusive=True, group="dialog")
    async def action_correlate(self) -> None:
        from .dialogs import Choice, PickScreen

        pane = self.pane
        if pane is None:
            self.app.notify(
                f"Index against index ({self.shown_key('correlate')}) starts from an index's tab."
            )
            return
        others = [
            Choice(i.id, f"{i.short_name} ({i.publisher})")
            for i in self.catalog.indexes.values()
            if i.id != pane.info.id
        ]
        other = await self.app.push_screen_wait(
            PickScreen(f"Compare {pane.info.short_name} with", others)
        )
        if isinstance(other, str):
            from .correlate import CorrelateScreen

            self.app.open_screen(lambda: CorrelateScreen(self.catalog, pane.info.id, other))

    # -- reload -------------------------------------------------------------------------------
    def action_reload_indexes(self) -> None:
        """Read the data folder again (the app does not watch it): a tab for each index imported
        from another shell since start, none for one removed; every other tab keeps its view."""
        old = self.catalog
        new = Catalog(bundled_dir=old.bundled_dir, user_dir=old.user_dir)
        try:
            for held in old.held():  # an opened file stays open
                new.hold(*held)
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
        active = self._shown
        self.app.catalog = catalog
        self._use_catalog(catalog)
        for index_id in [*gone, CITIES_TAB]:  # the Cities tab is made anew from the new catalogue
            pane = self._panes.pop(index_id, None)
            if pane is not None:
                pane.remove()
        self._shown = ""  # shown again below, made anew if it was dropped
        kept = active in catalog.indexes or active == CITIES_TAB
        self.goto_index(active if kept else self.families[0].latest.id)

    # -- palette targets (goto_index above) ----------------------------------------------------
    def _rows_naming(self, index_id: str, city_id: str) -> pl.DataFrame:
        try:
            return self.catalog.rows_naming(index_id, city_id)
        except CityRankError:
            return pl.DataFrame()  # an index that cannot be read holds nobody we can show

    def jump_to_city(self, city_id: str) -> None:
        name = self.catalog.city_names.get(city_id, city_id)
        cities = self.cities_pane
        if cities is not None:
            cities.show_city(city_id, name)
            return
        pane = self.pane
        if pane is None:
            return
        from ...core.viewfacts import holds_city

        if holds_city(pane.cache.frame, city_id):
            pane.show_city(city_id, name)
            return
        holding = [
            info
            for info in self.catalog.indexes.values()
            if info.id != pane.info.id and not self._rows_naming(info.id, city_id).is_empty()
        ]
        if not holding:
            self.app.notify(f"{name} is in none of the indexes in our data.")
            return
        also = ", ".join(i.tab_label for i in holding[1:])
        self.app.notify(
            f"{name} is not in {pane.info.short_name}; shown in {holding[0].short_name}"
            + (f" (also in {also})." if also else ".")
        )
        self.goto_index(holding[0].id)
        shown = self.pane
        if shown is not None:  # on the pane's queue: after its mount has filled its table
            shown.call_later(shown.show_city, city_id, name)
