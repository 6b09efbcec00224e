"""core/reading.py reads the usual file (UTF-8, no byte-order mark, no U+FFFD, no comment line at
its end) as polars reads bytes, with no Python text of the whole file; every other file the
general way (`decode`). Both ways give the same table and the same notes: each case here is read
both ways and compared, and the usual file must not be decoded whole."""

from __future__ import annotations

import polars as pl
import pytest

from cityrank_tui.core import reading
from cityrank_tui.core.errors import UsageError

HEADER = "Rank,City,Country,Score\n"
ROWS = "".join(f"{n},Town {n},Land {n % 7},{100 - n / 1000:.3f}\n" for n in range(1, 2001))

CASES = {
    "ascii": (HEADER + ROWS).encode(),
    "utf-8 names": (HEADER + "1,Zürich,CH,9\n2,Kraków,PL,8\n3,東京,JP,7\n" + ROWS).encode(),
    "windows line ends": (HEADER + "1,São Paulo,BR,9\n" + ROWS).replace("\n", "\r\n").encode(),
    "old mac line ends": (HEADER + "1,Genève,CH,9\n" + ROWS).replace("\n", "\r").encode(),
    "semicolons": (HEADER + "1,Köln,DE,9\n" + ROWS).replace(",", ";").encode(),
    "trailing comments": (HEADER + "1,Zürich,CH,9\n" + ROWS + "# from GaWC\n#\n").encode(),
    "replacement character": (HEADER + ROWS + "9999,K\ufffdln,DE,1\n").encode(),
    "cp1252 late in the file": (HEADER + ROWS + "9999,Köln,DE,1\n").encode("cp1252"),
    "utf-8 bom": b"\xef\xbb\xbf" + (HEADER + "1,Zürich,CH,9\n").encode(),
    # the delimiter is sniffed in the first 256 Ki characters: a long file of 2-byte letters
    # puts that cut far past 256 KiB of bytes
    "long, letters of two bytes": (
        HEADER + "".join(f"{n},Ünterstädt {n},Ä,{n}\n" for n in range(1, 40_001))
    ).encode(),
}


def _both_ways(path, monkeypatch, **options):
    """(table, notes) read as the code reads it, and read the general way."""
    notes: list[str] = []
    fast = reading.read_table(path, notes=notes, **options)
    with monkeypatch.context() as patched:
        patched.setattr(reading, "_plain_utf8", lambda *args: None)
        general_notes: list[str] = []
        general = reading.read_table(path, notes=general_notes, **options)
    return (fast, notes), (general, general_notes)


@pytest.mark.parametrize("case", CASES)
def test_the_bytes_read_as_they_are_give_what_decoding_them_gives(tmp_path, monkeypatch, case):
    path = tmp_path / "cities.csv"
    path.write_bytes(CASES[case])
    (fast, notes), (general, general_notes) = _both_ways(path, monkeypatch)
    assert fast.equals(general)
    assert notes == general_notes
    assert fast.height >= 1


@pytest.mark.parametrize("delimiter", [";", "pipe"])
def test_a_delimiter_given_is_said_the_same_both_ways(tmp_path, monkeypatch, delimiter):
    path = tmp_path / "pipes.csv"
    path.write_text("Rank|City\n1|Zürich\n2|Bern\n", encoding="utf-8")
    (fast, notes), (general, general_notes) = _both_ways(path, monkeypatch, delimiter=delimiter)
    assert fast.equals(general) and notes == general_notes


def test_the_usual_file_is_not_decoded_whole(tmp_path, monkeypatch):
    """A UTF-8 file is handed to polars as its bytes: Python never decodes all of it (the
    delimiter is sniffed in its first characters only)."""
    path = tmp_path / "cities.csv"
    path.write_bytes(CASES["utf-8 names"] + ROWS.encode() * 20)  # more than sniff looks at
    monkeypatch.setattr(
        reading, "decode", lambda *a: pytest.fail("the whole file was decoded in Python")
    )
    notes: list[str] = []
    table = reading.read_table(path, notes=notes)
    assert table.height == 3 + 21 * 2000
    assert table["City"].head(3).to_list() == ["Zürich", "Kraków", "東京"]
    assert notes == ["fields separated by commas (say otherwise with --delimiter)"]


def test_a_character_across_a_piece_of_the_utf8_check_is_not_cut(tmp_path, monkeypatch):
    """A large file's UTF-8 is checked piece by piece, each cut before a character's first
    byte: a valid file is valid whatever the cut, an invalid byte is found in any piece."""
    monkeypatch.setattr(reading, "UTF8_PIECE", 5)
    assert reading._valid_utf8("Zürich,東京,😀\n".encode() * 3)
    assert not reading._valid_utf8("Zürich,東京\n".encode() * 3 + b"K\xf6ln\n")
    assert not reading._valid_utf8(b"\xed\xa0\x80")  # a surrogate: Python refuses it too
    assert not reading._valid_utf8(b"ab" + b"\x80" * 12)  # continuation bytes alone


def test_a_ragged_line_is_named_the_same_both_ways(tmp_path, monkeypatch):
    path = tmp_path / "ragged.csv"
    path.write_bytes("Rank,City\r\n1,Zürich\r\n2,Bern,CH\r\n".encode())
    with pytest.raises(UsageError) as fast:
        reading.read_table(path)
    monkeypatch.setattr(reading, "_plain_utf8", lambda *args: None)
    with pytest.raises(UsageError) as general:
        reading.read_table(path)
    assert str(fast.value) == str(general.value)
    assert "line 3 has 3 fields" in str(fast.value)


def test_nothing_but_a_header_reads_as_no_rows_both_ways(tmp_path, monkeypatch):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"Rank,City\n")
    (fast, _), (general, _) = _both_ways(path, monkeypatch)
    assert fast.equals(general) and fast.height == 0
    assert fast.schema == pl.Schema({"Rank": pl.String, "City": pl.String})
