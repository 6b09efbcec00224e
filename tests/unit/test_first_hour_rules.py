"""What a new user hits in the first hour (issue 14), driven with Pilot at the sizes they used."""

from __future__ import annotations


def test_figures_have_thousands_separators_and_keep_every_digit():
    from cityrank_tui.core.render import format_value

    assert format_value(127418) == "127,418" and format_value(500000.0) == "500,000"
    assert format_value(1234567.0) == "1,234,567"  # was 1.23457e+06: a figure changed
    assert format_value(53.5) == "53.5" and format_value(0.9) == "0.9" and format_value(7) == "7"
    assert format_value(None) == "—"


def test_an_imported_index_is_said_to_be_imported_not_bundled(catalog):
    from dataclasses import replace

    info = catalog.get("gii-2023")
    assert "bundled" in info.coverage
    mine = replace(info, bundled=False, rows_bundled=500000, universe_size=500000)
    assert mine.coverage.startswith("500,000 of 500,000 clusters imported;")


def test_a_first_sort_puts_the_best_first():
    from cityrank_tui.core.filters import Sort

    assert Sort().toggled("score") == Sort("score", True)  # highest score first
    assert Sort("score", True).toggled("score") == Sort("score", False)  # again: reversed
    assert Sort("score", True).toggled("rank") == Sort("rank", False)  # rank 1 first
    assert Sort().toggled("name") == Sort("name", False)  # text A→Z


def test_frequencies_bars_and_measures_count_missing_as_missing():
    import polars as pl

    from cityrank_tui.core import summary

    frame = pl.DataFrame({"tier": ["A", "B", "A", None], "score": [1.0, None, 3.0, 4.0]})
    assert summary.frequencies(frame, "tier") == [("A", 2), ("B", 1)]
    assert summary.bar(2, 2, 4) == "████" and summary.bar(1, 2, 4) == "██"
    assert summary.bar(1, 16, 2) == "▏" and summary.bar(1, 1000, 4) == "▏"
    assert summary.bar(0, 5, 4) == ""
    (score,) = summary.measures(frame, ["tier", "score"])
    assert (score.count, score.missing, score.low, score.median, score.high) == (
        3,
        1,
        1.0,
        3.0,
        4.0,
    )
