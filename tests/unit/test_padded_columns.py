"""Cells with white space at either end are trimmed, column by column, whatever the columns
are called (a name polars would read as a pattern, `^City$`, is only a name); a column with no
such cell is kept as read. Checked against Python's own trimming of each cell."""

from __future__ import annotations

import polars as pl
import pytest

from cityrank_tui.core import importer

TABLE = {
    "Rank": ["1", "2", "3"],
    "^City$": [" Oslo", "Bern\t", "Riga"],
    "*": ["NO", "CH", "LV"],
    "Note": ["a ", None, " b "],
}


def test_each_padded_column_is_trimmed_and_no_other():
    table = pl.DataFrame(TABLE)
    mapping = {"rank": "Rank", "name": "^City$", "country": "*", "note": "Note"}
    assert importer._padded(table, [*mapping.values()][1:]) == {
        "^City$": True,
        "*": False,
        "Note": True,
    }
    frame, _, _, _ = importer.unlinked(table, mapping, None, "t")
    assert frame["name"].to_list() == [c.strip() for c in TABLE["^City$"]]
    assert frame["country"].to_list() == TABLE["*"]
    assert frame["note"].to_list() == [None if c is None else c.strip() for c in TABLE["Note"]]


def test_the_same_column_mapped_twice_is_looked_at_once():
    table = pl.DataFrame(TABLE)
    assert importer._padded(table, ["^City$", "^City$"]) == {"^City$": True}


def test_a_parquet_column_named_like_a_pattern_is_read_as_text(tmp_path):
    """`^Score$` is a column's name, not a pattern matching `Score`: its figures are read as
    text (then checked as figures) and its U+FFFD counted like any column's."""
    from cityrank_tui.core import reading

    path = tmp_path / "hostile.parquet"
    pl.DataFrame(
        {"Rank": [1, 2], "^City$": ["Oslo", "K\ufffdln"], "^Score$": [1.5, 2.25], "Score": [9, 8]}
    ).write_parquet(path)
    notes: list[str] = []
    table = reading.read_table(path, notes=notes)
    assert table.schema == pl.Schema({c: pl.String for c in ("Rank", "^City$", "^Score$", "Score")})
    assert table["^Score$"].to_list() == ["1.5", "2.25"]
    assert any("1 cell(s) hold the replacement character" in note for note in notes)
    mapping = {"rank": "Rank", "name": "^City$", "score": "^Score$"}
    frame, _, _, _ = importer.unlinked(table, mapping, None, "t")
    assert frame["score"].to_list() == [1.5, 2.25]


def test_the_bytes_looked_at_are_those_of_every_character_polars_trims():
    """Every character strip_chars() trims, found by trimming each one: its first UTF-8 byte
    is among those looked at at a cell's start, its last among those at a cell's end."""
    chars = pl.Series([chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF])
    lead, trail = chars + "x", "x" + chars
    trimmed = chars.filter(
        (lead.str.strip_chars() != lead) | (trail.str.strip_chars() != trail)
    ).to_list()
    assert sorted(trimmed) == sorted(importer.WHITE_SPACE)
    for char in trimmed:
        assert char.encode()[0] in importer._FIRST_BYTES
        assert char.encode()[-1] in importer._LAST_BYTES


@pytest.mark.parametrize(
    "cell",
    ["Oslo", "Lomé", "\u3000Tokyo", "Tokyo\u3000", "Bern\u00a0", "\u2009Riga", "“Oslo”", ""],
)
def test_a_cell_is_found_padded_exactly_when_trimming_changes_it(cell):
    table = pl.DataFrame({"c": ["Paris", cell, None]})
    assert importer._padded(table, ["c"]) == {"c": cell.strip() != cell}
