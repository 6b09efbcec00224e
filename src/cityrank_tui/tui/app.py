"""The Textual app: wires the catalogue, settings and state to the main screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from ..core.catalog import Catalog
from ..store import paths, settings
from ..store.state import AppState
from ..store.tomlfile import SaveError
from .commands import binding_ids
from .providers import CityRankCommands
from .screens.dialogs import TextScreen
from .screens.main import MainScreen
from .texts import help_text


class CityRankApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    TITLE = "cityrank-tui"
    COMMANDS = App.COMMANDS | {CityRankCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, catalog: Catalog | None = None) -> None:
        super().__init__()
        self.animation_level = "none"
        self.catalog = catalog or Catalog(user_dir=paths.data_dir())
        self.settings = settings.load(binding_ids(), set(self.available_themes))
        self.state = AppState()
        self._state_warned = False

    def on_mount(self) -> None:
        self.theme = self.settings.theme
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        for warning in [*self.settings.warnings, *([self.state.warning] if self.state.warning else [])]:
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self.push_screen(MainScreen(self.catalog))

    def save_state(self) -> None:
        try:
            self.state.save()
        except SaveError as exc:
            if not self._state_warned:  # once is enough: losing the state file is harmless
                self.notify(f"{exc}. The last tab and filters will not be remembered.", severity="warning",
                            markup=False)
                self._state_warned = True

    def action_help(self) -> None:
        self.push_screen(TextScreen("Keys", help_text(self.settings.keys)))

    async def action_quit(self) -> None:
        self.save_state()
        self.exit(0)
