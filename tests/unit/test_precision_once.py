"""numbers.precision: the most decimals any figure was written with, never fewer than show every
figure whole. When the figures are written as precisely as they are held (the usual file), one
look at them settles it, not one per number of places; the answer is the rule's, checked here
against the rule computed another way (each number of places tried in turn)."""

from __future__ import annotations

import polars as pl
import pytest

from cityrank_tui.core import numbers


def _by_the_rule(values: list[float | None], digits: list[str | None] | None) -> int:
    """The rule, place by place: the fewest places showing each figure whole (at most 6), or
    more when a figure was written with more (at most 6)."""
    held = [v for v in values if v is not None]
    needed = next(
        (
            places
            for places in range(6)
            if all(
                abs(v * 10**places - round(v * 10**places)) <= 1e-9 * max(abs(v * 10**places), 1)
                for v in held
            )
        ),
        6,
    )
    written = 0
    for text in digits or []:
        if text is None or "." not in text:
            continue
        after = text.split(".", 1)[1]
        written = max(written, len(after.split("e")[0].split("E")[0]))
    return min(max(needed, written), 6)


CASES = [
    (["80.0", "81.25", "79"], None),
    (["87.50", "80.00"], None),
    (["1.5e-05", "2"], None),
    (["1", "2", None], None),
    (["0.1", "0.2", "0.30000000000000004"], None),
    (["100.000", "99.999", "12.5"], None),
    ([None, None], None),
    # figures held more precisely than written (a number cell of a workbook)
    (["0.1", "0.2"], [0.125, 0.2]),
    (["1.5", "2"], [1.5, 2.0000001]),
]


@pytest.mark.parametrize(("digits", "held"), CASES)
def test_precision_is_the_rule(digits, held):
    values = held if held is not None else [None if d is None else float(d) for d in digits]
    got = numbers.precision(pl.Series(values, dtype=pl.Float64), pl.Series(digits, dtype=pl.String))
    assert got == _by_the_rule(values, digits)


def test_figures_written_as_held_are_looked_at_once(monkeypatch):
    looks: list[int] = []
    real = numbers._shown_whole

    def counted(held: pl.Series, places: int) -> bool:
        looks.append(places)
        return real(held, places)

    monkeypatch.setattr(numbers, "_shown_whole", counted)
    column = pl.Series([f"{100 - n / 1000:.3f}" for n in range(100_000)])
    parsed = numbers.parse(column, "Score", "score")
    assert parsed.decimals == 3
    assert looks == [3]
