"""Textual's Footer, rebuilt only when it must show a key it has never shown.

The stock Footer removes and remounts every key whenever the focused widget changes. Opening
the search box moves focus to it (the footer then shows only F1: the box takes the other keys)
and Esc moves it back: each rebuild made new widgets, styled them and laid out the screen, most
of what `/` and Esc cost. This one keeps every key it has shown as a widget and shows or hides
them; it rebuilds only when a key it never had must appear (a new screen state, a remapped key).
Keys are drawn as the stock Footer draws them: the first key of each action, in binding order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Ident = tuple[str, str, str]  # key, action, description


class SteadyFooter(Footer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._known: dict[Ident, tuple[Binding, str]] = {}  # every key shown so far, in order
        self._widgets: dict[Ident, FooterKey] = {}

    def _wanted(self, screen: Screen[Any]) -> dict[Ident, tuple[Binding, bool, str]]:
        """The keys to show now (binding, enabled, tooltip): the first key of each action."""
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled, tooltip)
        return {(b.key, b.action, b.description): (b, e, t) for b, e, t in by_action.values()}

    def compose(self) -> Iterable[Widget]:
        self._widgets = {}
        if not self._bindings_ready:
            return
        wanted = self._wanted(self.screen)
        for ident, (binding, _, tooltip) in wanted.items():
            self._known.setdefault(ident, (binding, tooltip))
        for ident, (binding, tooltip) in self._known.items():
            now = wanted.get(ident)
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=now is not None and not now[1],
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
            key.display = now is not None
            self._widgets[ident] = key
            yield key
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette:
            _, binding, enabled, tooltip = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self._widgets and self.is_attached and screen is self.screen:
            wanted = self._wanted(screen)
            if all(ident in self._widgets for ident in wanted):
                for ident, key in self._widgets.items():
                    now = wanted.get(ident)
                    key.display = now is not None
                    if now is not None and key._disabled == now[1]:
                        key._disabled = not now[1]
                        key.set_class(key._disabled, "-disabled")
                return
        super().bindings_changed(screen)
