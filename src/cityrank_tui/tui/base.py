"""Screens of this app, with `self.app` typed as the app they run in (for mypy; no runtime cost)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters
from textual.screen import Screen

if TYPE_CHECKING:
    from .app import CityRankApp


class AppScreen(Screen[None]):
    """A full screen of CityRankApp."""

    if TYPE_CHECKING:
        app = getters.app(CityRankApp)
