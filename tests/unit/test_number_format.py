"""One rule for how a figure prints (core/figures.py): people's text, CSV/TSV text, JSON numbers.

Expected strings are written by hand from the source CSVs (data/sources/*.csv)."""

from __future__ import annotations

import json

import pytest

from cityrank_tui.core.figures import figure, number, places, plain


@pytest.mark.parametrize(
    ("value", "decimals", "people", "text", "json_number"),
    [
        # GPCI 2023 London, declared with one decimal (gpci_2023.csv: 1646.7303259914)
        (1646.7303259914, 1, "1,646.7", "1646.7", 1646.7),
        # ICI 2014 London: an integer score held as a float, declared with no decimals
        (56.0, 0, "56", "56", 56),
        # GII 2023 Shenzhen PCT share: a trailing zero is a declared place, kept everywhere
        (9.0, 1, "9.0", "9.0", 9.0),
        # an imported score keeps the file's own precision
        (85.25, None, "85.25", "85.25", 85.25),
        (1234.5, None, "1,234.5", "1234.5", 1234.5),
        (85.0, None, "85", "85", 85),
        # half away from zero on the digits as written, as a spreadsheet rounds
        (85.25, 1, "85.3", "85.3", 85.3),
        (-1234.56, 1, "-1,234.6", "-1234.6", -1234.6),
        (-0.04, 1, "0.0", "0.0", 0.0),
        (127418, None, "127,418", 127418, 127418),
    ],
)
def test_one_figure_three_forms(value, decimals, people, text, json_number):
    assert figure(value, decimals) == people
    assert plain(value, decimals) == text
    out = number(value, decimals)
    assert out == json_number and type(out) is type(json_number)
    assert json.dumps(out) == json.dumps(json_number)


def test_missing_is_a_dash_for_people_and_empty_for_machines():
    assert figure(None) == "—" and plain(None) is None and number(None) is None
    assert figure(float("nan"), 1) == "—" and plain(float("nan")) is None


def test_places_read_the_declaration(catalog):
    assert places(catalog.get("gpci-2023"), "economy") == 1
    assert places(catalog.get("ici-2014"), "score") == 0
    assert places(catalog.get("gpci-2023"), "rank") is None  # a rank is an integer


@pytest.mark.parametrize(
    ("scores", "written"),
    [
        ([85.25, 1234.5, 85.0, None, -3.0], ["85.25", "1234.5", "85", "", "-3"]),
        ([1e17, 1e-5, 85.25, None, -3.0], ["1e+17", "1e-05", "85.25", "", "-3"]),
    ],
)
def test_a_large_export_writes_an_imports_figures_as_every_other_format(
    catalog, tmp_path, scores, written
):
    """The fast CSV writer (polars) and Python's print an import's score alike: as held."""
    import csv
    import dataclasses
    import io

    import polars as pl

    from cityrank_tui.core.measures import defaults
    from cityrank_tui.core.render import to_csv, write_export

    info = catalog.get("ici-2014")
    info = dataclasses.replace(info, measures=defaults(info.columns, "Score"))  # as an import
    frame = catalog.entries("ici-2014").head(5).with_columns(score=pl.Series(scores))
    path = tmp_path / "out.csv"
    write_export(frame, info, "csv", path)
    text = path.read_text(encoding="utf-8")
    assert text == to_csv(frame, info)
    assert [r["score"] for r in csv.DictReader(io.StringIO(text))] == written
