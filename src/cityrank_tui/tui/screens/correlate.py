"""Two indexes against each other: verdict, a rank-versus-rank plot and the biggest disagreements."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Static

from ...core.catalog import Catalog
from ...core.correlate import correlate, plot_lines
from ...core.render import printable
from ..base import AppScreen
from ..safe import safe


class CorrelateScreen(AppScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", show=True)]

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
            yield Static(safe(self._disagreements()), id="disagreements", markup=False)
        yield Static(
            safe(f"{r.a.attribution}\n{r.b.attribution}", style="italic"),
            classes="screen-title",
            markup=False,
        )
        yield Footer()

    def _disagreements(self) -> Text:
        r = self.result
        text = Text()
        if not r.n:
            return text
        text.append("Biggest disagreements\n", style="bold")
        text.append(
            f"{'city':<16}{r.a.family.upper():>6}{r.b.family.upper():>6}  gap\n", style="bold"
        )
        for row in r.disagreements(20).iter_rows(named=True):
            text.append(
                f"{printable(row['city'])[:15]:<16}{row['rank_a']:>6}{row['rank_b']:>6}  {row['gap']:+g}\n"
            )
        text.append("\ngap: difference in position among the cities both rank", style="italic")
        return text

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
