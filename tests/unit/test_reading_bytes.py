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
        patched.setattr(reading, "_read_plain", lambda *args: None)
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


NOT_UTF8 = {
    "in the header": b"Ra\xe9ng,City\n1,Oslo\n",
    "in a quoted header": b'"Ra\xe9\nng",City\n1,Oslo\n',
    "in a quoted cell": b'Rank,City\n1,"K\xf6ln, DE"\n',
    "in the last cell, no line end": b"Rank,City\n1,Oslo\n2,K\xf6ln",
    "late in a long file": (HEADER + ROWS * 10).encode() + b"9999,K\xf6ln,DE,1\n",
    "a surrogate": b"Rank,City\n1,\xed\xa0\x80\n",
    "an overlong form": b"Rank,City\n1,\xc0\xaf\n",
    "past U+10FFFF": b"Rank,City\n1,\xf4\x90\x80\x80\n",
    "a cut character": b"Rank,City\n1,\xe2\x82\n2,Bern\n",
    "undefined in cp1252 too": b"Rank,City\n1,\x81\n",
}


@pytest.mark.parametrize("case", NOT_UTF8)
def test_bytes_that_are_not_utf8_are_read_or_refused_as_decoding_them_does(
    tmp_path, monkeypatch, case
):
    """Wherever a byte that is not UTF-8 is (the header, a quoted cell, the last line, a
    million bytes in), the file is read as Windows-1252 and said so, or refused in the same
    words, as the general way does."""
    path = tmp_path / "cities.csv"
    path.write_bytes(NOT_UTF8[case])

    def read(general: bool) -> tuple[object, list[str]]:
        notes: list[str] = []
        with monkeypatch.context() as patched:
            if general:
                patched.setattr(reading, "_read_plain", lambda *args: None)
            try:
                return reading.read_table(path, notes=notes), notes
            except UsageError as exc:
                return str(exc), notes

    (fast, notes), (general, general_notes) = read(False), read(True)
    if isinstance(general, pl.DataFrame):
        assert isinstance(fast, pl.DataFrame) and fast.equals(general)
        assert any("Windows-1252" in note for note in notes)
    else:
        assert fast == general
    assert notes == general_notes


def test_a_ragged_line_is_named_the_same_both_ways(tmp_path, monkeypatch):
    path = tmp_path / "ragged.csv"
    path.write_bytes("Rank,City\r\n1,Zürich\r\n2,Bern,CH\r\n".encode())
    with pytest.raises(UsageError) as fast:
        reading.read_table(path)
    monkeypatch.setattr(reading, "_read_plain", lambda *args: None)
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


SNIFFED = [
    "Rank,City\n1,Oslo\n",
    "Rank;City\n1;Oslo\n",
    "Rank\tCity\n1\tOslo\n",
    "Rank|City\n1|Oslo\n",
    "City\nOslo\nBern\n",  # no delimiter at all
    'Rank;"City, Land"\n1;"Oslo, NO"\n',  # commas only inside quotes
    "Rank,City;Land\n1,Oslo;NO\n2,Bern;CH\n",
    "",
]


@pytest.mark.parametrize("text", SNIFFED)
@pytest.mark.parametrize("kind", ["csv", "tsv"])
def test_the_delimiter_is_the_one_that_splits_the_lines_evenly(text, kind):
    """sniff against the rule worked out by parsing the sample with each delimiter in turn."""
    import csv
    import io

    default = "\t" if kind == "tsv" else ","
    best, best_key = default, (False, 0, 0)
    for sep in reading.DELIMITERS:
        counts = [len(row) for row in csv.reader(io.StringIO(text), delimiter=sep) if row]
        if not counts or counts[0] < 2:
            continue
        key = (all(c == counts[0] for c in counts), counts[0], int(sep == default))
        if key > best_key:
            best, best_key = sep, key
    assert reading.sniff(text, kind, None, []) == best
