"""What a new user met on a first session (an analyst importing a German Excel CSV): each
test here failed on the code before its fix."""

from __future__ import annotations

from cityrank_tui.store import paths


def _import_german_csv(cli, tmp_path) -> None:
    """An Excel-style file: semicolons, cp1252, decimal commas, German headers."""
    source = tmp_path / "staedte.csv"
    source.write_bytes(
        "Rang;Stadt;Land;Punkte\r\n1;München;Deutschland;87,5\r\n2;Köln;Deutschland;81,25\r\n".encode(
            "cp1252"
        )
    )
    assert cli("import", str(source), "--id", "de-staedte", "--name", "Städte")[0] == 0


def test_sources_names_an_import_once_in_brackets(cli, tmp_path):
    _import_german_csv(cli, tmp_path)
    code, out, _ = cli("sources", "de-staedte")
    assert code == 0
    assert out.splitlines()[0] == "de-staedte: Städte (imported)"
    assert "((" not in out


def test_details_of_an_import_with_scores_do_not_say_none_published(cli, tmp_path):
    """Enter on a row of an import whose file has a score column said 'Score: none
    published' while the tab's header said 'Score: as in the imported file'."""
    from cityrank_tui.core.catalog import Catalog
    from tests.support.details import first_row_details

    _import_german_csv(cli, tmp_path)
    catalog = Catalog(user_dir=paths.data_dir())
    assert catalog.get("de-staedte").has_scores
    text = first_row_details(catalog, "de-staedte")
    assert "87.5" in text  # the score itself is there
    assert "none published" not in text
    assert "Score: as in the imported file" in text


def test_details_of_an_import_without_scores_say_the_file_has_none(cli, tmp_path):
    from cityrank_tui.core.catalog import Catalog
    from tests.support.details import first_row_details

    source = tmp_path / "ranks.csv"
    source.write_text("Rank,City,Country\n1,Munich,Germany\n2,Cologne,Germany\n")
    assert cli("import", str(source), "--id", "ranks", "--name", "Ranks")[0] == 0
    text = first_row_details(Catalog(user_dir=paths.data_dir()), "ranks")
    assert "Score: no score column in the imported file" in text


def test_a_line_break_in_an_attribution_does_not_break_a_csv_comment_line(cli, tmp_path):
    """`compare … --output x.csv` ends with one `# ` line per attribution; an import from a
    file named with a line break split its line, leaving 'line.csv; check…' as a row."""
    source = tmp_path / "evil\nline.csv"
    source.write_text("Rank,City,Country\n1,Munich,Germany\n2,Cologne,Germany\n")
    assert cli("import", str(source), "--id", "evil", "--name", "Evil")[0] == 0
    out = tmp_path / "cmp.csv"
    assert cli("compare", "Munich", "Cologne", "--output", str(out))[0] == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    notes = lines[lines.index(next(x for x in lines if x.startswith("# "))) :]
    assert all(line.startswith("# ") for line in notes), notes
    assert "# line.csv; check the publisher's terms." in notes
    assert "# evil: Imported by the user from evil" in notes


def test_a_bookmarked_namesake_says_its_country(cli, tmp_path):
    """`bookmarks add "London, Canada"` then `bookmarks list` showed "London" with a dash in
    every bundled index: read as London, England missing from them all."""
    _import_german_csv(cli, tmp_path)
    source = tmp_path / "ontario.csv"
    source.write_text("Rank,City,Country\n1,London,Canada\n2,Toronto,Canada\n")
    assert cli("import", str(source), "--id", "ontario", "--name", "Ontario")[0] == 0
    assert cli("bookmarks", "add", "London, Canada", "--note", "client")[0] == 0
    assert cli("bookmarks", "add", "Munich")[0] == 0
    _, table, _ = cli("bookmarks", "list")
    names = [line.split("  ")[0] for line in table.splitlines()[1:3]]
    assert names == ["London (Canada)", "Munich"]
    _, md, _ = cli("bookmarks", "export", "--format", "md")
    assert "| London (Canada) |" in md
