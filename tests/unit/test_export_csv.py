"""The CSV export is written by polars in chunks (a million rows in about a second); it must
write exactly what the row-by-row Python writer (csvsafe.to_csv) writes, guards included."""

from __future__ import annotations

import polars as pl
import pytest

from cityrank_tui.core import render
from cityrank_tui.core.render import ExportCancelled, to_csv, write_export

HOSTILE = [
    "=HYPERLINK(1)",
    "+1",
    "-5",
    "@sum",
    "\tTab",
    "\rReturn",
    'quote "d"',
    "comma, here",
    "line\nbreak",
    "",
    None,
    "Zürich",
]


def hostile(frame: pl.DataFrame, score: float, cells: list[str | None]) -> pl.DataFrame:
    n = frame.height
    return frame.with_columns(
        name=pl.Series([cells[i % len(cells)] for i in range(n)], dtype=pl.String),
        city_ids=pl.Series([["a", None, "=b"] if i % 3 == 0 else None for i in range(n)]),
        score=pl.Series([score * (i + 1) if i % 4 else None for i in range(n)]),
    )


@pytest.mark.parametrize("index_id", ["ici-2014", "gii-2023", "oe-gci-2024", "gawc-2024"])
def test_fast_csv_export_is_what_the_python_writer_writes(catalog, tmp_path, index_id):
    info, frame = catalog.get(index_id), catalog.entries(index_id)
    path = tmp_path / "out.csv"
    write_export(frame, info, "csv", path)
    assert path.read_bytes().decode("utf-8") == to_csv(frame, info)


@pytest.mark.parametrize("carriage_return", [False, True])
@pytest.mark.parametrize("score", [0.1 + 0.2, 53.0, 1e-5, 1e17, float("nan")])
def test_hostile_cells_and_odd_floats_export_as_the_python_writer_writes(
    catalog, tmp_path, score, carriage_return
):
    from cityrank_tui.core.csvsafe import guarded

    info = catalog.get("ici-2014")
    cells = HOSTILE if carriage_return else [c for c in HOSTILE if c != "\rReturn"]
    frame = hostile(catalog.entries("ici-2014"), score, cells)
    # polars writes it unless a value would come out otherwise (then Python's writer does)
    fast = guarded(frame.select(pl.all().exclude("score"), pl.col("score")))
    assert (fast is not None) == (not carriage_return and score in (0.1 + 0.2, 53.0))
    path = tmp_path / "out.csv"
    write_export(frame, info, "csv", path)
    text = path.read_bytes().decode("utf-8")
    assert text == to_csv(frame, info)
    assert "'=HYPERLINK(1)" in text and "'-5" in text


def test_export_reports_progress_in_chunks_and_a_stopped_one_leaves_the_old_file(
    catalog, tmp_path, monkeypatch
):
    monkeypatch.setattr(render, "CSV_CHUNK", 40)
    info, frame = catalog.get("ici-2014"), catalog.entries("ici-2014")
    path = tmp_path / "out.csv"
    seen: list[int] = []
    write_export(frame, info, "csv", path, progress=seen.append)
    assert seen == [40, 80, 120, 151]
    path.write_text("earlier file\n", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        write_export(frame, info, "csv", path, cancelled=lambda: True)
    assert path.read_text(encoding="utf-8") == "earlier file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no half-written file left


@pytest.mark.parametrize("attribution", ["=HYPERLINK(1)", "", "line\nbreak", "a\rb", "Zürich"])
def test_the_attribution_guarded_once_is_what_the_python_writer_writes(
    catalog, tmp_path, attribution
):
    from dataclasses import replace

    info = replace(catalog.get("gii-2023"), attribution=attribution)
    frame = catalog.entries("gii-2023")
    path = tmp_path / "out.csv"
    write_export(frame, info, "csv", path)
    assert path.read_bytes().decode("utf-8") == to_csv(frame, info)
