"""Every export and listing states the view it holds (filters and sort, in words): a journalist
who opens the file later knows what the rows are. One description, the tab's summary line's."""

from __future__ import annotations

import csv
import io
import json

from cityrank_tui.core import cityexport, cityview

NORTH = ("--region", "Northern Europe", "--min-families", "3")


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("# ")))


def test_cities_listing_names_its_filters_in_every_format(cli):
    code, out, err = cli("cities", *NORTH, "--format", "md")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "## Cities"
    view = next(line for line in lines if line.startswith("View: "))
    assert "region Northern Europe" in view and "in at least 3 families" in view
    assert "sorted by Median pctl (desc)" in view

    code, out, _ = cli("cities", *NORTH, "--format", "table")
    assert code == 0 and "View: region Northern Europe · in at least 3 families" in out

    code, out, _ = cli("cities", *NORTH, "--format", "json")
    assert code == 0
    assert json.loads(out)["view"].startswith("region Northern Europe · in at least 3 families")

    code, out, _ = cli("cities", *NORTH, "--top", "4", "--format", "csv")
    rows = _csv_rows(out)
    assert code == 0 and len(rows) == 4  # still importable: a column, not a line among the rows
    assert {r["view"] for r in rows} == {
        "region Northern Europe · in at least 3 families · sorted by Median pctl (desc) · first 4"
    }
    assert all(r["subregion"] == "Northern Europe" for r in rows)


def test_show_names_its_filters(cli):
    code, out, err = cli("show", "gpci-2023", "--region", "Europe", "--format", "md")
    assert code == 0, err
    assert "View: region=Europe · sorted by Rank" in out.splitlines()

    code, out, _ = cli("show", "gpci-2023", "--sort", "score:desc", "--format", "json")
    assert code == 0 and json.loads(out)["view"] == "sorted by Score (desc)"

    code, out, _ = cli("show", "gpci-2023", "--region", "Europe", "--format", "csv")
    rows = _csv_rows(out)
    assert code == 0 and rows and {r["view"] for r in rows} == {"region=Europe · sorted by Rank"}


def test_cities_tab_export_is_titled_with_its_view(table):
    """The tab's `e` (cityexport) carries the line the tab's summary shows."""
    view = cityview.CityView(cityview.CityFilter(region="Northern Europe", min_families=3))
    frame = cityview.view(table, view.filter, view.sort)
    line = view.line(table)
    assert line == " · ".join(view.describe(table))  # the summary line's own phrases
    md = cityexport.export_text(table, frame, "md", line).splitlines()
    assert md[:3] == ["## Cities", "", f"View: {line}"]
    assert "region Northern Europe" in line and "in at least 3 families" in line
    copied = _csv_rows(cityexport.clipboard_text(table, frame.head(3), "csv", "e", line))
    assert [r["view"] for r in copied] == [line] * 3


def test_index_tab_export_and_copy_carry_the_view(catalog, tmp_path):
    """The index tab's `e` (write_export, CSV written in chunks) and its copies say the view."""
    from cityrank_tui.core.filters import Filter, Sort, View, apply
    from cityrank_tui.core.render import clipboard_text, write_export

    info = catalog.get("gpci-2023")
    view = View(Filter(region="Europe"), Sort("score", True))
    line = " · ".join(view.describe(info))
    assert line == "region=Europe · sorted by Score (desc)"
    frame = apply(catalog.entries(info.id), view)
    target = tmp_path / "v.csv"
    write_export(frame, info, "csv", target, view=line)
    rows = _csv_rows(target.read_text(encoding="utf-8"))
    assert len(rows) == frame.height and {r["view"] for r in rows} == {line}
    write_export(frame, info, "json", tmp_path / "v.json", view=line)
    assert json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))["view"] == line
    assert f"View: {line}" in clipboard_text(frame, info, "md", view=line).splitlines()
