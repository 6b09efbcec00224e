"""Two indexes against each other: verdict, a rank-versus-rank plot and the biggest disagreements."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.catalog import Catalog
from ...core.correlate import GAP_MEANING, correlate, plot_lines, rank_place, signed
from ...core.matching import RULE_SHORT
from ...core.render import cut, printable
from ..base import AppScreen
from ..commands import screen_bindings
from ..safe import safe
from ..widgets.footer import KeyFooter
from .dialogs import Options


def clip(text: str, width: int) -> str:
    return cut(text, width)  # by screen cells, as every cut text


class CorrelateScreen(AppScreen):
    SCOPE = "correlate"
    BINDINGS = screen_bindings(SCOPE)

    def __init__(self, catalog: Catalog, a_id: str, b_id: str) -> None:
        super().__init__(classes="city-screen")
        self.result = correlate(catalog, a_id, b_id)

    def compose(self) -> ComposeResult:
        r = self.result
        yield Static(
            safe(Text.assemble((f"{r.a.short_name} vs {r.b.short_name}", "bold"), "\n", r.verdict)),
            classes="screen-title",
            markup=False,
        )
        with Horizontal(id="correlate-split"):
            yield Static("", id="plot", markup=False)
            with Vertical(id="disagreements-pane"):
                yield Static(safe(self._disagreements()), id="disagreements", markup=False)
                yield Options(*self._rows(), id="disagreements-list")
        yield Static(
            safe(f"{r.a.attribution}\n{r.b.attribution}", style="italic"),
            classes="screen-title",
            markup=False,
        )
        yield KeyFooter()  # keeps help and quit when the line is short

    def _disagreements(self) -> Text:
        """The list's heading, with what place and gap mean: visible at 80×24, not only at 120."""
        r = self.result
        text = Text()
        if not r.n:
            return text
        text.append(f"Biggest disagreements ({self.shown_key('profile')}: profile)\n", style="bold")
        text.append(GAP_MEANING.format(n=r.n, b=r.b.short_name) + "\n", style="italic")
        text.append(f"n: pairs of entries; {RULE_SHORT}\n", style="italic")
        a, b = r.a.tab_label[:9], r.b.tab_label[:9]  # 'GII 2023', not 'GII' twice
        text.append(f"{'city':<12}{a:>11}{b:>11}{'gap':>6}", style="bold")
        return text

    def _rows(self) -> list[Option]:
        """Every city both rank, biggest gap first; the list scrolls."""
        return [
            Option(
                Text(
                    f"{clip(printable(row['city']), 11):<12}{rank_place(row, 'a'):>11}"
                    f"{rank_place(row, 'b'):>11}{signed(row['gap']):>6}",
                    no_wrap=True,
                    overflow="ellipsis",
                ),
                id=row["city_id"],
            )
            for row in self.result.disagreements(self.result.n).iter_rows(named=True)
        ]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.app.open_profile(event.option.id)

    def action_profile(self) -> None:
        """The highlighted disagreement's profile (Enter in the list does the same)."""
        found = self.query_one("#disagreements-list", OptionList)
        if found.highlighted is not None:
            city_id = found.get_option_at_index(found.highlighted).id
            if city_id:
                self.app.open_profile(city_id)

    def on_resize(self) -> None:
        self.call_after_refresh(self._draw)

    def on_mount(self) -> None:
        self.call_after_refresh(self._draw)

    def _draw(self) -> None:
        plot = self.query_one("#plot", Static)
        r = self.result
        if not r.n:
            plot.update(Text("Nothing to plot: no city is ranked in both.", style="italic"))
            return
        width, height = plot.content_size.width, plot.content_size.height
        head = [f"→ {r.a.short_name} rank"[:width], f"↓ {r.b.short_name} rank"[:width]]
        lines = [*head, *plot_lines(r, width, max(height - 2, 6))]
        plot.update(safe("\n".join(lines)))
