"""Undo for filter and sort changes: a bounded stack of the views a tab showed before.

The current view is not kept here: its one owner is the tab (IndexPane.view). This holds only
what came before, so there is no second copy to keep in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .filters import View


@dataclass
class ViewHistory:
    _past: list[View] = field(default_factory=list)
    limit: int = 100

    def record(self, before: View) -> None:
        """Remember the view shown before a change, as one undo step."""
        self._past.append(before)
        del self._past[: -self.limit]

    def undo(self) -> View | None:
        """The view to go back to, or None when there is nothing to undo."""
        return self._past.pop() if self._past else None
