"""`cityrank-tui open FILE`: a bad file or option is refused in one line, before any screen."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.support.opening import MAP, excel_csv


def test_missing_file_folder_and_unknown_format(cli, tmp_path):
    code, out, err = cli("open", str(tmp_path / "nowhere.csv"))
    assert code == 2 and out == ""
    assert err == f"cityrank-tui: cannot open {tmp_path / 'nowhere.csv'}: no such file\n"
    code, _, err = cli("open", str(tmp_path))
    assert code == 2 and "it is a folder, not a file" in err
    (tmp_path / "notes.doc").write_text("x")
    code, _, err = cli("open", str(tmp_path / "notes.doc"))
    assert code == 2 and "unknown format '.doc'" in err and len(err.splitlines()) == 1


def test_a_fifo_is_refused_at_once(tmp_path):
    """A FIFO named like a CSV would block a reader forever: refused without opening it."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "cityrank_tui.cli", "open", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "CITYRANK_DATA_DIR": str(tmp_path / "data")},
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "not a regular file (a FIFO, socket or device)" in done.stderr
    assert time.monotonic() - started < 30


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--delimiter", "x"], "--delimiter 'x': use one of , ; | tab"),
        (["--encoding", "nope"], "--encoding 'nope' is not an encoding Python knows"),
        (["--map", "rank=Nope"], "unknown column for --map rank 'Nope'"),
        (["--map", "rank"], "--map 'rank': write FIELD=COLUMN"),
        (["--sheet", "Cities"], "--sheet applies to Excel files only"),
        (["--tiers", "A,B"], "tier values not in --tiers: C"),
    ],
)
def test_bad_options_get_one_line(cli, tmp_path, args, message):
    path = excel_csv(tmp_path, "ranking.csv")
    code, out, err = cli("open", str(path), *MAP, *args)
    assert code == 2 and out == ""
    assert message in err and len(err.splitlines()) == 1


def test_bad_files_get_one_line(cli, tmp_path):
    rows = [("Reihe", "Gemeinde"), ("1", "Wien")]  # headings no guess knows
    path = excel_csv(tmp_path, "ranking.csv", rows=rows)
    code, _, err = cli("open", str(path))
    assert code == 2 and "no rank or name column: the file has Reihe, Gemeinde" in err
    bad = excel_csv(tmp_path, "bad.csv", rows=[("Rank", "City"), ("1", "Oslo"), ("x", "Rome")])
    code, _, err = cli("open", str(bad))
    assert code == 2 and "1 rank value(s) in column 'Rank' are not whole numbers" in err
    (tmp_path / "binary.parquet").write_bytes(b"not parquet at all")
    code, _, err = cli("open", str(tmp_path / "binary.parquet"))
    assert code == 2 and err.startswith("cityrank-tui: cannot read binary.parquet as PARQUET")


def test_a_good_file_without_a_terminal_says_so(cli, tmp_path):
    """The file is checked first (so scripts learn what is wrong with it), then the app needs a
    terminal; a hostile name, given after --, is read and never echoed raw."""
    path = excel_csv(tmp_path)
    code, out, err = cli("open", *MAP, "--", str(path))
    assert code == 2 and out == ""
    assert err.startswith("cityrank-tui: the app needs a terminal")
    assert not (tmp_path / "userdata").exists()  # nothing written to the data folder
