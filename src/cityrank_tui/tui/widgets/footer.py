"""The footer: the keys of the focused widget and its screen, drawn as one line by one widget.

Textual's stock Footer is a container of one widget per key, removed and mounted again whenever
focus moves: opening the search box (the footer then shows only the keys that still work) and
closing it each made new widgets, styled them and laid out the whole screen, most of what `/`
and Esc cost. This one is a single line of text: when the keys change it works out the new line
and repaints it (its size never changes, so nothing is laid out).

It shows what the stock Footer shows, in the same order and style: the first key of each action
shown in the footer, in binding order (remapped keys as remapped), dimmed when disabled, and the
palette's key on the right after a thin bar. A click on a key presses it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

KEPT = 2  # the footer's last keys (help, quit) are kept when the line is too short for all


class Key(NamedTuple):
    key: str  # the key to press (the binding's first key)
    shown: str  # as displayed ("/", "^p", remapped keys as remapped)
    description: str
    enabled: bool


class KeyFooter(Widget, can_focus=False):
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--separator",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--separator { color: $foreground 20%; }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keys: tuple[Key, ...] = ()
        self.palette: Key | None = None
        self._spans: list[tuple[int, int, Key]] = []  # (start, end, key) as last drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        app = self.app
        by_action: dict[str, Key] = {}
        first: dict[str, int] = {}  # the shown key's place among its command's keys
        for _, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show:
                continue
            place = self._place(binding)
            if binding.action not in by_action or place < first[binding.action]:
                first[binding.action] = place
                by_action[binding.action] = Key(
                    binding.key, app.get_key_display(binding), binding.description, enabled
                )
        palette = None
        found = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if app.ENABLE_COMMAND_PALETTE and found is not None:
            _, binding, enabled, _tooltip = found
            palette = Key(binding.key, app.get_key_display(binding), binding.description, enabled)
        keys = tuple(by_action.values())
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            self.refresh()

    def _place(self, binding: Binding) -> int:
        """Where a key stands among its command's keys as the user has them ("enter,tab,down":
        Enter first), so the footer shows the command's first key whatever order the screen's
        bindings come in (it shows Enter, not ↓, for the search box's Keep)."""
        keys = getattr(self.app, "keymap", {}).get(binding.id or "", "")
        order = [k.strip() for k in keys.split(",")]
        return order.index(binding.key) if binding.key in order else len(order)

    def _pieces(self, key: Key) -> list[Segment]:
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        dim = Style(dim=True) if not key.enabled else Style()
        return [
            Segment(f" {key.shown} ", key_style + dim),
            Segment(f"{key.description} " if key.description else "", description_style + dim),
        ]

    def _palette_pieces(self, key: Key) -> list[Segment]:
        """As the stock Footer draws the palette's key: no space between the bar and the key."""
        return [
            Segment(key.shown, self.get_component_rich_style("key-footer--key")),
            Segment(
                f" {key.description}", self.get_component_rich_style("key-footer--description")
            ),
        ]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        self._spans = []
        blank = Style(bgcolor=base.bgcolor)  # as Textual pads a line of text
        right = Strip([])
        if self.palette is not None:
            bar = Segment("▏", base + self.get_component_rich_style("key-footer--separator"))
            drawn = Strip([bar, *self._palette_pieces(self.palette)]).apply_style(base)
            right = Strip.join([drawn, Strip([Segment(" ", blank)])])
        right_width = right.cell_length
        room = max(width - right_width, 0)
        left: list[Segment] = []
        x = 0
        shown, dropped = self._fitting(room)
        tail = sum(1 for k in shown[:-KEPT] if k.key == "escape") + KEPT
        for n, key in enumerate(shown):
            if dropped and n == len(shown) - tail:  # where keys were left out: help lists them
                left.append(Segment("… ", self.get_component_rich_style("key-footer--description")))
                x += 2
            pieces = self._pieces(key)
            length = sum(p.cell_length for p in pieces)
            self._spans.append((x, x + length, key))
            left += pieces
            x += length
        line = Strip(left).crop(0, room).apply_style(base).extend_cell_length(room, blank)
        if self.palette is not None and right_width <= width:
            self._spans.append((room, width, self.palette))
        return Strip.join([line, right]).crop(0, width)

    def _width(self, key: Key) -> int:
        return sum(p.cell_length for p in self._pieces(key))

    def _fitting(self, room: int) -> tuple[list[Key], bool]:
        """The keys that fit in `room`: the last KEPT (help and quit) always, the others from
        the left while they fit; whether any was left out (then '… ' stands before help)."""
        keys = list(self.keys)
        if sum(self._width(k) for k in keys) <= room or len(keys) <= KEPT:
            return keys, False
        # the way back (Esc) is kept with help and quit
        tail = [k for k in keys[:-KEPT] if k.key == "escape"] + keys[-KEPT:]
        left = room - sum(self._width(k) for k in tail) - 2
        head = []
        for key in keys[:-KEPT]:
            if key in tail:
                continue
            if self._width(key) > left:
                break
            head.append(key)
            left -= self._width(key)
        return [*head, *tail], True

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
