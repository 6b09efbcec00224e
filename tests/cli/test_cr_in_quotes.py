"""A carriage return inside a quoted cell ("Lon\rdon"): the file is read, as it is when the
delimiter is given (the delimiter guess no longer parses the sample with delimiters it does
not hold, which refused this file by accident), and the CR reaches no output as a raw byte."""

from __future__ import annotations

from cityrank_tui.cli import main
from cityrank_tui.core.reading import read_table


def test_a_cr_in_a_quoted_cell_reads_as_with_the_delimiter_given(tmp_path):
    path = tmp_path / "cr.csv"
    path.write_bytes(b'Rank,City,Score\n1,"Lon\rdon",5\n2,Paris,4\n')
    guessed, given = [], []
    read = read_table(path, notes=guessed)
    told = read_table(path, delimiter=",", notes=given)
    assert read.rows() == told.rows() == [("1", "Lon\rdon", "5"), ("2", "Paris", "4")]
    assert guessed == ["fields separated by commas (say otherwise with --delimiter)"]


def test_the_cr_is_shown_escaped_never_sent_raw(tmp_path, capsys):
    path = tmp_path / "cr.csv"
    path.write_bytes(b'Rank,City,Score\n1,"Lon\rdon",5\n2,Paris,4\n')
    assert main(["import", str(path), "--id", "cr", "--name", "CR"]) == 0
    assert main(["show", "cr"]) == 0
    out = capsys.readouterr()
    assert "\r" not in out.out + out.err
    assert "Lon\\rdon" in out.out and "Lon\\rdon" in out.err
