"""Undo for filter and sort changes: a bounded stack of the views a tab showed before.

The current view is not kept here: its one owner is the tab (IndexPane.view). This holds only
what came before, so there is no second copy to keep in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .filters import View

V = TypeVar("V")  # an index tab's View, the Cities tab's CityView


@dataclass
class History(Generic[V]):
    _past: list[V] = field(default_factory=list)
    limit: int = 100

    def record(self, before: V) -> None:
        """Remember the view shown before a change, as one undo step."""
        self._past.append(before)
        del self._past[: -self.limit]

    def undo(self) -> V | None:
        """The view to go back to, or None when there is nothing to undo."""
        return self._past.pop() if self._past else None


class ViewHistory(History[View]):
    """An index tab's undo."""
