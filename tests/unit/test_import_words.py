"""#24 item 20 and the newcomer review: a workbook whose first sheet is not the table names its
sheets; `Score (0-100)` and German, French and Spanish headings are guessed; every column not
taken is said with why; `open` reports what `import` reports, in one set of words."""

from __future__ import annotations

import polars as pl
import pytest
import xlsxwriter

from cityrank_tui.core import opened
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.errors import UsageError
from cityrank_tui.core.headers import resolve_mapping, unit_of
from cityrank_tui.store import paths
from tests.support.opening import ROWS, excel_csv

RANKING = [
    ("Rank", "City", "Country", "Score (0-100)"),
    (1, "London", "Canada", 88.5),
    (2, "Toronto", "Canada", 80),
    (2, "Paris", "France", 80),
]


def workbook(folder, first_is_notes: bool = True):
    path = folder / "hubs.xlsx"
    book = xlsxwriter.Workbook(str(path))
    if first_is_notes:
        notes = book.add_worksheet("Notes")
        notes.write(0, 0, "About this file")
        notes.write(1, 0, "Made by hand")
    sheet = book.add_worksheet("Ranking")
    for r, row in enumerate(RANKING):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return path


def test_a_workbook_whose_first_sheet_is_not_the_table_names_its_sheets(cli, tmp_path):
    path = workbook(tmp_path)
    code, _, err = cli("import", str(path), "--id", "hubs", "--name", "Hubs")
    assert code == 2
    assert "in sheet 'Notes', the first" in err and "'Ranking'" in err and "--sheet" in err
    with pytest.raises(UsageError, match=r"'Ranking'.*--sheet NAME"):
        opened.read_head(opened.OpenRequest(path))
    code, _, err = cli("import", str(path), "--id", "hubs", "--name", "Hubs", "--sheet", "Ranking")
    assert code == 0, err


def test_a_score_with_its_range_in_brackets_is_guessed_and_its_scale_kept(cli, tmp_path):
    assert unit_of("Score (0-100)") == "0-100" and unit_of("Score") is None
    mapping, guessed = resolve_mapping(["Rank", "City", "Score (0-100)"], {})
    assert mapping["score"] == "Score (0-100)" and "score" in guessed
    path = workbook(tmp_path, first_is_notes=False)
    code, _, err = cli("import", str(path), "--id", "hubs", "--name", "Hubs")
    assert code == 0, err
    assert "guessed score = column 'Score (0-100)', on a 0-100 scale" in err
    assert "columns not imported" not in err
    info = Catalog(user_dir=paths.data_dir()).get("hubs")
    assert info.has_scores and info.score_scale == "0-100"
    head = opened.read_head(opened.OpenRequest(path))
    assert head.info.score_scale == "0-100"
    assert head.frame["score"].to_list() == [88.5, 80.0, 80.0]


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["Rang", "Stadt", "Land", "Punkte"], ("Rang", "Stadt", "Land", "Punkte")),
        (["Platz", "Stadt", "Staat", "Wert"], ("Platz", "Stadt", "Staat", "Wert")),
        (["Rang", "Ville", "Pays", "Score"], ("Rang", "Ville", "Pays", "Score")),
        (["Rango", "Ciudad", "País", "Puntuación"], ("Rango", "Ciudad", "País", "Puntuación")),
    ],
)
def test_german_french_and_spanish_headings_are_guessed(columns, expected):
    mapping, guessed = resolve_mapping(columns, {})
    assert tuple(mapping[f] for f in ("rank", "name", "country", "score")) == expected
    assert set(guessed) == {"rank", "name", "country", "score"}


def test_an_excel_made_german_csv_imports_whole_and_london_kanada_is_in_ontario(cli, tmp_path):
    rows = [
        *ROWS[:2],
        ("3", "London", "Kanada", "80,5", "B"),
        ("4", "Perth", "Australien", "7,0", "C"),
    ]
    path = excel_csv(tmp_path, "Städte.csv", rows)
    code, _, err = cli("import", str(path), "--id", "staedte", "--name", "Städte")
    assert code == 0, err
    for field, column in (
        ("rank", "Rang"),
        ("name", "Stadt"),
        ("country", "Land"),
        ("score", "Punkte"),
        ("tier", "Stufe"),
    ):
        assert f"guessed {field} = column {column!r}" in err
    assert "columns not imported" not in err
    assert "read as Windows-1252" in err and "semicolons" in err and "decimal commas" in err
    entries = Catalog(user_dir=paths.data_dir()).entries("staedte")
    assert entries["score"].to_list() == [87.5, 80.5, 7.0]
    london = entries.filter(pl.col("name") == "London").row(0, named=True)
    assert london["city_ids"] == ["london-ca"] and london["country_iso2"] == "CA"
    assert "London -> London, Ontario, Canada" in err  # the province, as two Londons exist


def test_columns_not_taken_are_named_with_why_and_how(cli, tmp_path):
    rows = [("Rang", "Stadt", "Einwohner"), ("1", "Wien", "2000000"), ("2", "Graz", "300000")]
    path = excel_csv(tmp_path, "wenige.csv", rows)
    code, _, err = cli("import", str(path), "--id", "wenige", "--name", "Wenige")
    assert code == 0, err
    assert "columns not imported: 'Einwohner': no field's name (score, tier, country," in err
    assert "take one with --map FIELD=COLUMN" in err
    head = opened.read_head(opened.OpenRequest(path))
    assert any(n.startswith("columns not shown: 'Einwohner': no field's name") for n in head.notes)


def test_open_reports_what_import_reports(cli, tmp_path):
    """Shared ranks and names with namesakes were said by import only."""
    path = workbook(tmp_path, first_is_notes=False)
    code, _, err = cli("import", str(path), "--id", "hubs", "--name", "Hubs")
    assert code == 0, err
    said = [line.strip() for line in err.splitlines()[1:]]
    timed = ("read ", "checked ", "linked names to cities (", "imported ", "replaced ")
    expected = [line for line in said if not line.startswith(timed)]
    request = opened.OpenRequest(path)
    shown = opened.link(Catalog(user_dir=tmp_path / "none"), opened.read_all(request)).notes
    assert any("shared by several rows" in line for line in expected)
    for line in expected:
        assert line.replace("imported", "shown") in shown or line in shown, line
