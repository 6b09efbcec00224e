"""Undo for filter and sort changes: a bounded stack of immutable views."""

from __future__ import annotations

from dataclasses import dataclass, field

from .filters import View


@dataclass
class ViewHistory:
    current: View = field(default_factory=View)
    _past: list[View] = field(default_factory=list)
    limit: int = 100

    def push(self, view: View) -> bool:
        """Make `view` current; returns False (and records nothing) when nothing changed."""
        if view == self.current:
            return False
        self._past.append(self.current)
        del self._past[: -self.limit]
        self.current = view
        return True

    def preview(self, view: View) -> None:
        """Show `view` without an undo step (e.g. while typing a search); `settle` records one."""
        self.current = view

    def settle(self, before: View) -> None:
        """After previews, make the change since `before` a single undo step."""
        if self.current != before:
            self._past.append(before)
            del self._past[: -self.limit]

    def undo(self) -> bool:
        if not self._past:
            return False
        self.current = self._past.pop()
        return True
