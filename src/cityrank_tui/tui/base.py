"""Screens of this app, with `self.app` typed as the app they run in (for mypy; no runtime cost)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import getters
from textual.screen import Screen

if TYPE_CHECKING:
    from .app import CityRankApp


class AppScreen(Screen[None]):
    """A full screen of CityRankApp."""

    SCOPE: ClassVar[str]  # whose commands it has (tui/commands.py): "main", "bookmarks", …

    if TYPE_CHECKING:
        app = getters.app(CityRankApp)

    def shown_key(self, name: str) -> str:
        """This screen's key for command `name` as the user has it, for a message ("x")."""
        return self.app.key(name, self)
