"""Small modal dialogs: pick one of a list, enter a score range, read a block of text."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.textnorm import fold
from ..commands import screen_bindings
from ..keymap import display_key
from ..safe import safe, visible

if TYPE_CHECKING:
    from ..app import CityRankApp

TYPE_AHEAD_SECONDS = 1.0
CURSOR = "▶ "  # the highlighted choice's mark: not colour alone
FIRST_NUMBER = re.compile(r"\d[\d,]*")


@dataclass(frozen=True)
class Choice:
    value: object  # returned when picked
    label: str
    heading: bool = False  # a group title that cannot be picked


ResultT = TypeVar("ResultT")


class Options(OptionList):
    """An OptionList that survives a terminal of one cell: Textual wraps each option to the
    width left inside the dialog, and at width 0 rich's wrapping divided by zero (`range()
    arg 3 must not be zero`, a resize storm or a 1x1 window with a picker open)."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return super().get_content_height(container, viewport, max(width, 1))


class Dialog(ModalScreen[ResultT]):
    """A modal screen that closes once. Keys arrive in batches (two Enters in one terminal
    read, a key repeat, 200 keys pasted): the second `dismiss` of a screen already closing, or
    of one no longer on top, would run the caller's callback again and pop the screen beneath
    (the main screen: `ScreenStackError`). Here it is a no-op."""

    _dismissed = False

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if self._dismissed or not self.is_attached or self.app.screen is not self:
            done = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return cast(AwaitComplete, done)
        self._dismissed = True
        return super().dismiss(result)


class PickScreen(Dialog[object]):
    """A list to pick one value from; Esc returns None (nothing changes)."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]
    SCOPE = "pick"  # help's heading for its keys (commands.DIALOG_HELP)

    def __init__(self, title: str, choices: list[Choice], current: object = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.choices = choices
        self.current = current
        self._typed, self._typed_at = "", 0.0
        self._marked: int | None = None  # the choice drawn behind ▶

    def _prompt(self, i: int, highlighted: bool = False) -> Text:
        """A choice as shown: the highlighted one behind ▶, readable without colour
        (NO_COLOR, a monochrome terminal), the others behind two spaces."""
        choice = self.choices[i]
        if choice.heading:
            return safe(choice.label, style="bold")
        mark = Text(CURSOR if highlighted else "  ", style="bold")
        return Text.assemble(mark, safe(choice.label))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe(self.title_text), classes="dialog-title")
            options = [
                Option(self._prompt(i), id=str(i), disabled=c.heading)
                for i, c in enumerate(self.choices)
            ]
            yield Options(*options)
            yield Label(Text("type to find · Enter picks · Esc cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        for i, choice in enumerate(self.choices):
            if not choice.heading and choice.value == self.current:
                option_list.highlighted = i
                break
        else:
            option_list.highlighted = next(
                (i for i, c in enumerate(self.choices) if not c.heading), None
            )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        option_list = event.option_list
        if self._marked is not None and self._marked < option_list.option_count:
            option_list.replace_option_prompt_at_index(self._marked, self._prompt(self._marked))
        self._marked = event.option_index
        option_list.replace_option_prompt_at_index(
            event.option_index, self._prompt(event.option_index, highlighted=True)
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)].value)

    def on_key(self, event: events.Key) -> None:
        """Type-ahead: letters typed within a second find the next choice starting with them
        (accents and case ignored), as in a file manager. Keys are the list's, not commands."""
        char = event.character
        if not char or not char.isprintable() or (char == " " and not self._typed):
            return
        if event.key in cast("CityRankApp", self.app).keymap["help"].split(","):
            return  # `?` is help here too (the app shows this picker's keys)
        event.stop()
        event.prevent_default()
        now = time.monotonic()
        self._typed = (self._typed if now - self._typed_at < TYPE_AHEAD_SECONDS else "") + char
        self._typed_at = now
        wanted = fold(self._typed)
        if wanted.isdigit():  # a number: the choice whose first number it is ("at least 3")
            found = self._numbered(wanted)
            if found is not None:
                self.query_one(OptionList).highlighted = found
                return
        option_list = self.query_one(OptionList)
        start = option_list.highlighted or 0
        count = len(self.choices)
        # the current choice first while a prefix grows, the next one when a letter is repeated
        first = 0 if len(self._typed) > 1 else 1
        for step in range(first, count + first):
            i = (start + step) % count
            choice = self.choices[i]
            label = fold(choice.label).split(". ", 1)[-1]  # '1. NEXUS' is found by 'n'
            if not choice.heading and label.startswith(wanted):
                option_list.highlighted = i
                return

    def _numbered(self, digits: str) -> int | None:
        """The first choice whose first number is `digits`, else the first whose first number
        starts with them ("1" finds "1. NEXUS", "3" finds "In at least 3 of 15 families")."""
        firsts = [
            (i, m.group(0).replace(",", ""))
            for i, c in enumerate(self.choices)
            if not c.heading and (m := FIRST_NUMBER.search(c.label))
        ]
        exact = next((i for i, n in firsts if n == digits), None)
        return (
            exact
            if exact is not None
            else next((i for i, n in firsts if n.startswith(digits)), None)
        )

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ScoreRangeScreen(Dialog[tuple[float | None, float | None] | None]):
    """Minimum and maximum score; an empty box means no bound. `note` says the scores held
    (e.g. "in this view 53 to 54 (index 28 to 56)")."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]
    SCOPE = "input"

    def __init__(self, label: str, low: float | None, high: float | None, note: str) -> None:
        super().__init__(classes="dialog-screen")
        self.label = label
        self.low, self.high = low, high
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe(f"{self.label} range: {self.note}"), classes="dialog-title")
            with Horizontal(classes="score-row"):
                yield Input(
                    value="" if self.low is None else f"{self.low:g}", placeholder="min", id="min"
                )
                yield Input(
                    value="" if self.high is None else f"{self.high:g}", placeholder="max", id="max"
                )
            yield Label("", id="score-error", classes="dialog-error")
            yield Label(
                Text("Enter applies · empty means no bound · Esc cancels"), classes="dialog-hint"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = []
        for box_id in ("min", "max"):
            raw = self.query_one(f"#{box_id}", Input).value.strip()
            try:
                values.append(float(raw) if raw else None)
            except ValueError:
                self.query_one("#score-error", Label).update(
                    Text(f"{box_id}: {raw!r} is not a number")
                )
                return
        low, high = values
        if low is not None and high is not None and low > high:
            self.query_one("#score-error", Label).update(Text("min is above max"))
            return
        self.dismiss((low, high))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def scroll_lines(scroll: VerticalScroll, delta: int) -> None:
    """Scroll now, not after the next refresh: each key of a burst (a paste, keys batched over
    SSH) moves one more line, instead of all of them computing from the same old offset."""
    scroll.scroll_to(y=scroll.scroll_y + delta, animate=False, immediate=True)


def page_height(scroll: VerticalScroll) -> int:
    return max(scroll.scrollable_content_region.height - 1, 1)


class ScrollBody(VerticalScroll, can_focus=False):
    """The scrolling part of a dialog or screen; its keys are the screen's, so they are one set."""


class TextScreen(Dialog[None]):
    """A scrollable block of plain text (details, help) between a fixed title and hint."""

    BINDINGS = screen_bindings("text")
    SCOPE = "text"
    is_help = False  # the help itself: the help key does not open it again

    def __init__(
        self,
        title: str,
        body: Text,
        view: RenderableType | None = None,
        *,
        at_end: bool = False,
    ) -> None:
        """`body` is the text; `view`, when given, is how it is shown (e.g. as columns);
        `at_end` opens it scrolled to its end (the newest of the messages)."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.body = body
        self.view = body if view is None else view
        self.at_end = at_end

    def on_mount(self) -> None:
        if self.at_end:  # once laid out, so the end is known
            self.call_after_refresh(self.query_one(ScrollBody).scroll_end, animate=False)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            # data reaches these (an index's name and attribution): shown, never obeyed
            yield Label(safe(self.title_text), classes="dialog-title")
            with ScrollBody():
                view = safe(self.view) if isinstance(self.view, Text) else self.view
                yield Static(view, markup=False)
            yield Label(Text(self._hint()), classes="dialog-hint")

    def _hint(self) -> str:
        """ "Esc closes · j/k, PgUp/PgDn, g/G scroll", with the keys as the user has them."""
        key = cast("CityRankApp", self.app).key

        def pair(a: str, b: str) -> str:
            return f"{key(a, 'text')}/{key(b, 'text')}"

        return (
            f"{key('close', 'text')} closes · {pair('down', 'up')}, "
            f"{pair('page_up', 'page_down')}, {pair('top', 'end')} scroll"
        )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, delta: int) -> None:
        scroll_lines(self.query_one(ScrollBody), delta)

    def action_page(self, direction: int) -> None:
        body = self.query_one(ScrollBody)
        scroll_lines(body, direction * page_height(body))

    def action_scroll_to_end(self, end: int) -> None:
        body = self.query_one(ScrollBody)
        scroll_lines(body, int(body.max_scroll_y if end else -body.scroll_y))


class ConfirmScreen(Dialog[bool]):
    """A yes/no question: y or Enter says yes; n or Esc says no (nothing changes)."""

    BINDINGS = screen_bindings("confirm")
    SCOPE = "confirm"

    def __init__(self, title: str, question: str, yes: str = "removes") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.question, self.yes = title, question, yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.question), markup=False, id="question")
            keys = cast("CityRankApp", self.app).keymap
            yes = display_key(keys["confirm.yes"].split(",")[0])
            no = " or ".join(display_key(k) for k in keys["confirm.no"].split(","))
            yield Label(Text(f"{yes} {self.yes} · {no} keeps it"), classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class InputScreen(Dialog[str | None]):
    """One line of text (a note, watchlist names); Enter returns it, Esc returns None."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]
    SCOPE = "input"

    def __init__(
        self,
        title: str,
        value: str = "",
        hint: str = "Enter saves · Esc cancels",
        *,
        note: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.value, self.hint, self.note = title, value, hint, note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe(self.title_text), classes="dialog-title")
            if self.note:  # what to type, wrapped: a title long enough to say it was cut
                yield Label(Text(self.note), classes="dialog-note")
            # A value holding control characters is edited in its visible form (\x1b …).
            yield Input(value=visible(self.value))
            yield Label(Text(self.hint), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        # Unchanged: give back the value as it was, not its visible form.
        self.dismiss(self.value.strip() if value == visible(self.value).strip() else value)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
