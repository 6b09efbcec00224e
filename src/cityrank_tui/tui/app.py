"""The Textual app: wires the catalogue, settings, state and bookmarks to the screens.

What the user holds across screens lives here: bookmarks (saved) and the cities picked for
comparison (this session only). Screens call `toggle_bookmark`, `toggle_pick`, `open_profile`;
every screen showing cities is told to refresh its marks through `marks_changed`.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette, Provider
from textual.notifications import Notify, SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from ..core.catalog import Catalog
from ..core.errors import CityRankError
from ..core.families import family_key
from ..core.render import printable
from ..core.safetext import visible_lines
from ..store import paths, settings
from ..store.bookmarks import Bookmarks
from ..store.state import AppState
from ..store.tomlfile import SaveError
from .base import AppScreen
from .commands import APP, APP_COMMANDS, BY_ID, PALETTE, binding_ids, bindings
from .keymap import first_key, keymap
from .screens.main import START_CITIES, MainScreen

# Imported where first used: the dialogs, the help text, the cities' lookup and an opened file's
# reading are not on the first screen, and importing them delayed its paint.
if TYPE_CHECKING:
    from .opening import Opening


def _palette_provider() -> type[Provider]:
    from .providers import CityRankCommands

    return CityRankCommands


TOAST_CHARS = 400  # a longer toast is cut (about 8 lines at 80×24); M shows it whole
MAX_TOASTS = 2
PICK_MARKS = "①②③④"  # the margin's mark of the 1st … 4th city picked for comparison
SAVE_DELAY = 0.5  # seconds: a burst of changes (typing a search) is one write of state.toml
BOOKMARKS_CHECK = 1.0  # seconds between looks at bookmarks.toml for another session's change
WARM_AFTER = 0.3  # seconds after the first frame: what the next keys need is built ahead then


def scope_of(screen: Screen[Any]) -> str:
    """Whose keys a screen has: its focused tab's SCOPE where it has one (the Cities tab), else
    an app screen's SCOPE; a dialog has only its own."""
    if not isinstance(screen, AppScreen):
        scope = getattr(screen, "SCOPE", None)  # a dialog's: "text", "pick", "input"
        if isinstance(scope, str):
            return scope
        return PALETTE if isinstance(screen, CommandPalette) else APP
    focused = screen.focused
    for node in focused.ancestors_with_self if focused is not None else ():
        scope = getattr(node, "SCOPE", None)
        if isinstance(scope, str):
            return scope
    return screen.SCOPE


# Seconds between looks for warnings that arose after start (a damaged file read on demand)
WARNINGS_EVERY = 0.5


class CityRankApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    TITLE = "cityrank-tui"
    COMMANDS = App.COMMANDS | {lambda: _palette_provider()}  # imported when the palette first opens
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = bindings(*APP_COMMANDS)
    _crash_line: str | None = None  # set when an unexpected error stops the app

    def _fatal_error(self) -> None:
        """An error we did not expect: one line on exit, its traceback in the crash log (Textual
        would print a screenful of traceback with locals on the terminal)."""
        from ..store.crashlog import crash_line

        error = self._exception
        if error is None:  # not through _handle_exception: keep Textual's own report
            super()._fatal_error()
            return
        self.bell()
        self._crash_line = crash_line(error)
        self._exit_renderables.append(Text(self._crash_line))
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        """The crash line as one line, for grep and a bug report (not wrapped at the width)."""
        if self._crash_line is None:
            super()._print_error_renderables()
            return
        self.error_console.print(self._crash_line, soft_wrap=True)
        self._exit_renderables.clear()

    def __init__(
        self,
        catalog: Catalog | None = None,
        opening: Opening | None = None,
        preview_first: bool = False,
    ) -> None:
        super().__init__()
        self.opening = opening
        # The first tab may be drawn from core/first_screen.py before its Parquet is read
        # (MainScreen._preview_for): as `cityrank-tui` starts (tui/run.py).
        self.preview_first = preview_first
        self.animation_level = "none"
        self.catalog = catalog or Catalog(user_dir=paths.data_dir())
        tabs = {
            START_CITIES,  # the Cities tab
            *self.catalog.indexes,
            *(family_key(i) for i in self.catalog.indexes.values()),
        }
        self.settings = settings.load(binding_ids(), set(self.available_themes), tabs)
        # Every command's keys as the user has them (remaps refused for a clash are reported).
        self.keymap, self._key_warnings = keymap(self.settings.keys)
        self.state = AppState()
        self.bookmarks = Bookmarks.load()
        self.picks: list[str] = []  # city ids picked for comparison, in order
        self._state_warned = False
        self._save_timer: Timer | None = None
        self._bookmarks_warned = False
        # Every message of this session, as shown: (time, severity, text), for `M`.
        self.messages: list[tuple[str, SeverityLevel, str]] = []

    def remember(self, message: str) -> None:
        """Keep `message` for the messages screen (M) without a toast: the whole of a text a
        line on screen cuts (the import command an opened file's header suggests)."""
        self.messages.append((time.strftime("%H:%M:%S"), "information", visible_lines(message)))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text (never markup) with data's control characters shown,
        and is kept for the messages screen (a toast times out, and a long one is cut)."""
        shown = visible_lines(message)
        self.messages.append((time.strftime("%H:%M:%S"), severity, shown))
        if len(shown) > TOAST_CHARS:  # cut here, saying where the rest is, not by the screen's edge
            cut = shown[:TOAST_CHARS].rsplit(" ", 1)[0]
            shown = f"{cut} … ({self.key('messages', APP)}: the whole message)"
        super().notify(
            shown,
            title=visible_lines(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    async def on_event(self, event: events.Event) -> None:
        """A key or a click while the first tab is still its first screen (drawn before its
        Parquet was read) waits for the real tab, then acts on it as it would have."""
        if isinstance(event, (events.InputEvent, events.Paste)) and self._screen_stack:
            screen = self.screen
            if isinstance(screen, MainScreen) and screen.previewing:
                screen.realise()
        await super().on_event(event)

    def get_default_screen(self) -> MainScreen:
        """The main screen is the base of the stack: no blank screen is composed, shown and replaced."""
        return MainScreen(self.catalog, self.opening)

    def warm_idle(self) -> None:
        """Build, off the UI thread and after the first frame, what a first key would otherwise
        wait for: every city's folded name for the palette's city search (1 s with a
        million-row import), and every bundled edition's entries (a first visit to an edition
        read two Parquet files on the key). A failure there is met again, and said, when the
        palette opens or the edition is shown."""
        from .city_search import city_names

        catalog = self.catalog
        self.run_worker(lambda: city_names(catalog), thread=True, group="warm", exit_on_error=False)
        self.run_worker(catalog.read_bundled_ahead, thread=True, group="warm", exit_on_error=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Of Textual's own palette entries only the theme picker: its "Keys" panel, "Maximize",
        "Screenshot" and "Quit … as soon as possible" are not this app's commands (`?` lists
        the keys, `q` quits and saves)."""
        yield SystemCommand(
            "Change theme",
            "Pick a colour theme (kept until config.toml's theme changes)",
            self.action_change_theme,
        )

    def on_mount(self) -> None:
        # The CLI starts the app with cycle collection off (cli.py): it resumes once the first
        # frame is painted.
        self.call_after_refresh(gc.enable)
        self.call_after_refresh(self.set_timer, WARM_AFTER, self.warm_idle, name="warm")
        self.set_interval(BOOKMARKS_CHECK, self.follow_bookmarks, name="follow-bookmarks")
        picked = self.state.picked_theme(self.settings.theme)
        self.theme = picked if picked in self.available_themes else self.settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_keymap({i: keys for i, keys in self.keymap.items() if keys != BY_ID[i].keys})
        warnings = [
            *self.settings.warnings,
            *self._key_warnings,
            *self.state.warnings,
            *self.bookmarks.warnings,
            *self.catalog.warnings,
        ]
        for warning in warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self.bookmarks.warnings.clear()
        # The catalogue reads some files only when first needed (an imported index's cities,
        # its entries): what it finds damaged then is a warning that arises after start.
        self._catalog_warned = (self.catalog, len(self.catalog.warnings))
        self.set_interval(WARNINGS_EVERY, self.show_new_warnings, name="new-warnings")

    def show_new_warnings(self) -> None:
        """Say (and keep for M) the catalogue's warnings not said yet."""
        catalog, said = self._catalog_warned
        if catalog is not self.catalog:  # R read the folder again and said what it found
            catalog, said = self.catalog, len(self.catalog.warnings)
        new = catalog.warnings[said:]
        self._catalog_warned = (catalog, said + len(new))
        for warning in new:
            self.notify(warning, severity="warning", timeout=10, markup=False)

    def _theme_changed(self, theme: Theme) -> None:
        """A theme picked in the palette lasts: it is kept in state.toml, not in the hand-edited
        config.toml (whose comments and layout a rewrite would lose)."""
        if theme.name != (self.state.picked_theme(self.settings.theme) or self.settings.theme):
            self.state.pick_theme(theme.name, self.settings.theme)
            self.save_state()

    def on_notify(self, event: Notify) -> None:
        """At most MAX_TOASTS toasts cover the table: the oldest plain message makes way for a
        new one (warnings and errors stay until they time out)."""
        # Runs before Textual's own handler adds the new one; it keeps them in _notifications.
        shown = [*self._notifications, event.notification]
        for old in shown[:-1]:
            if len(shown) <= MAX_TOASTS:
                break
            if old.severity == "information":
                self._unnotify(old)
                shown.remove(old)

    def save_state_soon(self) -> None:
        """Save state.toml SAVE_DELAY after the last of a burst of changes (each tab's view,
        the last tab): a killed terminal loses at most that half second."""
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self._save_due, name="save-state")
        else:
            self._save_timer.reset()

    def _save_due(self) -> None:
        self._save_timer = None  # this timer has fired: the next change starts a new one
        self.save_state()

    def save_state(self) -> None:
        """Write state.toml now (atomically), dropping any save still pending."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        try:
            self.state.save()
        except SaveError as exc:
            if not self._state_warned:  # once is enough: losing the state file is harmless
                self.notify(
                    f"{exc}. The last tab and filters will not be remembered.",
                    severity="warning",
                    markup=False,
                )
                self._state_warned = True

    # -- cities the user holds ------------------------------------------------------------------
    def city_name(self, city_id: str) -> str:
        bookmark = self.bookmarks.items.get(city_id)
        return self.catalog.city_names.get(city_id) or (bookmark.name if bookmark else city_id)

    def change_bookmarks(self, change: Callable[[], object], done: str) -> None:
        """Run one bookmarks change; say what happened, or that it is kept for this session only."""
        try:
            change()
        except SaveError as exc:
            if not self._bookmarks_warned:
                self.notify(
                    f"Bookmarks cannot be saved: {exc}. They are kept for this session.",
                    severity="error",
                    timeout=10,
                    markup=False,
                )
                self._bookmarks_warned = True
        else:
            self.notify(done, markup=False)
        for warning in self.bookmarks.warnings:  # e.g. the file was broken by hand meanwhile
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self.bookmarks.warnings.clear()
        self.marks_changed()

    def toggle_bookmark(self, city_id: str) -> None:
        name = self.city_name(city_id)
        if city_id in self.bookmarks:
            bookmark = self.bookmarks.items[city_id]

            def remove(yes: bool | None = True) -> None:
                if yes:
                    self.change_bookmarks(
                        lambda: self.bookmarks.remove(city_id), f"Removed the bookmark on {name}."
                    )

            held = [
                *([f"the note “{printable(bookmark.note)}”"] if bookmark.note else []),
                *(
                    [f"watchlists {', '.join(printable(x) for x in bookmark.lists)}"]
                    if bookmark.lists
                    else []
                ),
            ]
            if not held:  # nothing but the star: one key removes it, one key puts it back
                remove()
                return
            from .screens.dialogs import ConfirmScreen

            self.push_screen(
                ConfirmScreen(
                    f"Remove the bookmark on {printable(name)}?",
                    f"It holds {' and '.join(held)}, which go with it.",
                ),
                remove,
            )
        else:
            self.change_bookmarks(
                lambda: self.bookmarks.add(city_id, name), f"Bookmarked {name} ★."
            )

    def toggle_pick(self, city_id: str) -> None:
        from ..core.compare import MAX_CITIES  # here: the comparison is not on the first screen

        name = self.city_name(city_id)
        if city_id in self.picks:
            self.picks.remove(city_id)
            self.notify(f"Dropped {name} ({len(self.picks)} picked).", markup=False)
        elif len(self.picks) >= MAX_CITIES:
            self.notify(
                f"The comparison holds {MAX_CITIES} cities; drop one first "
                f"({self.key('pick')} on it).",
                severity="warning",
                markup=False,
            )
            return
        else:
            self.picks.append(city_id)
            more = f": {self.key('compare')} compares" if len(self.picks) >= 2 else ""
            self.notify(f"Picked {name} ({len(self.picks)} of {MAX_CITIES}){more}.", markup=False)
        self.marks_changed()

    def pick_marks(self) -> dict[str, str]:
        """Each picked city's mark in the tables' margin: a circled number, which reads as a
        mark beside a name or a rank, never as a rank of its own ('2Tokyo' did)."""
        return {city_id: PICK_MARKS[n] for n, city_id in enumerate(self.picks)}

    def follow_bookmarks(self) -> None:
        """Another session changed bookmarks.toml: show its bookmarks (the ★ marks, the bookmarks
        view, "bookmarked only") without a restart. Runs every BOOKMARKS_CHECK seconds: one stat."""
        if self.bookmarks.refresh():
            for warning in self.bookmarks.warnings:
                self.notify(warning, severity="warning", timeout=10, markup=False)
            self.bookmarks.warnings.clear()
            self.marks_changed()

    def marks_changed(self) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "marks_changed"):
                screen.marks_changed()

    def with_city(self, city_ids: list[str], then: Callable[[str], None], title: str) -> None:
        """Call `then` with one city: the only one, or the one picked from a cluster's members."""
        if len(city_ids) == 1:
            then(city_ids[0])
        elif city_ids:
            from .screens.dialogs import Choice, PickScreen

            options = [
                Choice(c, f"{self.city_name(c)}{' ★' if c in self.bookmarks else ''}")
                for c in city_ids
            ]

            def picked(value: object) -> None:
                if isinstance(value, str):
                    then(value)

            self.push_screen(PickScreen(title, options), picked)

    # -- screens --------------------------------------------------------------------------------
    def open_profile(self, city_id: str) -> None:
        from ..core.cities import city_by_id
        from .screens.profile import ProfileScreen

        city = city_by_id(self.catalog, city_id)
        if city is None:
            self.notify(
                f"{self.city_name(city_id)} is not a city in the data any more (kept as a bookmark).",
                severity="warning",
                markup=False,
            )
            return
        self.open_screen(lambda: ProfileScreen(self.catalog, city))

    def open_screen(self, make: Callable[[], Screen[Any]]) -> None:
        """Push the screen `make` builds; data it cannot read (an index removed or replaced from
        another shell since the last R) is one line, never a crash."""
        try:
            screen = make()
        except CityRankError as exc:
            self.notify(
                f"{exc}. Press {self.key('reload')} to read the data folder again.",
                severity="warning",
                markup=False,
            )
            return
        self.push_screen(screen)

    def action_compare(self) -> None:
        from ..core.cities import city_by_id
        from .screens.compare import CompareScreen

        cities = [city_by_id(self.catalog, c) for c in self.picks]
        known = [c for c in cities if c is not None]
        if len(known) < 2:
            self.notify(
                f"Pick 2 to 4 cities first: {self.key('pick')} on a row (in a tab, a profile or "
                f"the bookmarks), then {self.key('compare')}.",
                severity="warning",
                markup=False,
            )
            return
        self.open_screen(lambda: CompareScreen(self.catalog, known))

    def action_bookmarks(self) -> None:
        from .screens.bookmarks import BookmarksScreen

        if not isinstance(self.screen, BookmarksScreen):
            self.push_screen(BookmarksScreen(self.catalog))

    def action_cities(self) -> None:
        """The Cities tab, the first of the main screen (from a profile or another view too:
        the screens above the main one close, as Esc would close them)."""
        from .screens.main import CITIES_TAB

        main = self.screen_stack[0]
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(main, MainScreen):
            main.goto_index(CITIES_TAB)

    def action_agreement(self) -> None:
        from .screens.agreement import AgreementScreen

        if not isinstance(self.screen, AgreementScreen):
            self.push_screen(AgreementScreen(self.catalog))

    def key(self, name: str, where: Screen[Any] | str | None = None) -> str:
        """The key that runs command `name` on a screen (or a scope such as "main"; the current
        screen by default) as the user has it, for a message: "x", or "z" after `clear = "z"`."""
        scope = where if isinstance(where, str) else scope_of(where or self.screen)
        command_id = f"{scope}.{name}" if f"{scope}.{name}" in self.keymap else name
        return first_key(self.keymap, command_id)

    def _tab_summary(self) -> str:
        """The summary line of the tab the help is opened on ('' elsewhere): whole in help,
        as a narrow screen cuts it."""
        from .widgets.search_pane import SearchPane

        focused = self.screen.focused if isinstance(self.screen, AppScreen) else None
        for node in focused.ancestors_with_self if focused is not None else ():
            if isinstance(node, SearchPane):
                return node.summary.text.plain
        return ""

    def action_help(self) -> None:
        from .screens.dialogs import TextScreen
        from .texts import help_text, help_view

        if getattr(self.screen, "is_help", False):
            return  # help is on show: a second one would only stack
        scope = scope_of(self.screen)
        stack = self.screen_stack
        below = scope_of(stack[-2]) if len(stack) > 1 else None  # where this screen's Esc goes
        view = self._tab_summary()
        screen = TextScreen(
            "Keys",
            help_text(self.keymap, scope, below, view),
            help_view(self.keymap, scope, below, view),
        )
        screen.is_help = True
        self.push_screen(screen)

    def on_key(self, event: events.Key) -> None:
        """The help key in a dialog, a picker or the palette: a modal screen hides the app's
        bindings from its keys, so a help key nobody there took (a text box types `?`, so there
        F1) reaches here and shows that dialog's keys."""
        if isinstance(self.screen, AppScreen) or event.key not in self.keymap["help"].split(","):
            return
        event.stop()
        self.action_help()

    def action_messages(self) -> None:
        """Every message of this session, oldest first, each in full, opened on the newest."""
        from .screens.dialogs import TextScreen

        body = Text()
        for at, severity, message in self.messages:
            label = "" if severity == "information" else f" {severity}"
            body.append(f"{at}{label}\n", style="bold")
            body.append(f"{message}\n\n")
        if not self.messages:
            body.append("No messages yet in this session.")
        self.clear_notifications()  # every one is here in full: no toast covers it
        self.push_screen(TextScreen(f"Messages ({len(self.messages)})", body, at_end=True))

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """In a browser session, a new tab (Textual's web driver). In a terminal the desktop's
        opener, detached and silent (tui/links.py), instead of Python's webbrowser, which may
        start a text browser in this very terminal or let a browser write over the app."""
        if self.is_web:
            super().open_url(url, new_tab=new_tab)
            return
        from .links import launch

        problem = launch(url)
        if problem:
            self.notify(problem, severity="warning")
        else:
            self.notify(f"Asked the desktop to open {url} in your browser.")

    # -- the clipboard (tui/clipboard.py) -----------------------------------------------------
    @property
    def copy_format(self) -> str | None:
        """What y / Y copy as: the pick made in the app, else config.toml's, else None (ask)."""
        return self.state.picked_copy_format(self.settings.copy_format) or self.settings.copy_format

    def copy_rows(self, render: Callable[[str], str], what: str, carries: str) -> None:
        """Copy what `render(format)` makes, in the user's copy format (asked the first time)."""
        from .clipboard import copy_out

        self.run_worker(copy_out(self, render, what, carries), group="dialog", exclusive=True)

    def action_copy_format(self) -> None:
        from .clipboard import ask_format

        async def ask() -> None:
            fmt = await ask_format(self, first=False)
            if fmt is not None:
                from ..core.render import COPY_LABELS

                self.notify(f"y and Y copy as {COPY_LABELS[fmt]} from now on.")

        self.run_worker(ask(), group="dialog", exclusive=True)

    async def action_quit(self) -> None:
        self.save_state()
        self.exit(0)
