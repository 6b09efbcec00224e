"""Issue 26 on the command line: where --output and --report may write, FIFOs where the user's
files should be, and ids that cannot name a file. Anything that hung on the old code runs as a
real process with a bound on its time."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cityrank_tui.store import paths
from tests.support.hostile_import import csv_file, do_import, no_traceback

CSV = "rank,name,country\n1,London,GB\n2,Paris,FR\n"
BOUND = 60  # seconds: only a hang reaches it


def run_cli(*args: str, timeout: float = BOUND) -> subprocess.CompletedProcess[str]:
    """The real CLI in its own process (the isolated folders come through the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "cityrank_tui.cli", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ.copy(),
        stdin=subprocess.DEVNULL,
    )


def test_a_report_path_equal_to_the_input_is_refused_and_the_input_kept(cli, tmp_path):
    source = csv_file(tmp_path, CSV)
    code, _out, err = do_import(cli, source, "mine", "--report", str(source))
    assert code == 2 and no_traceback(err)
    assert "is the file being read" in err and len(err.strip().splitlines()) == 1
    assert source.read_text() == CSV
    assert not (paths.data_dir() / "indexes" / "mine.toml").exists()


def test_output_and_report_never_replace_a_file_without_force(cli, tmp_path):
    source = csv_file(tmp_path, CSV)
    report = tmp_path / "report.txt"
    report.write_text("my notes\n")
    code, _out, err = do_import(cli, source, "mine", "--report", str(report))
    assert code == 2 and "add --force" in err and report.read_text() == "my notes\n"
    output = tmp_path / "out.csv"
    output.write_text("keep me\n")
    code, _out, err = cli("show", "ici-2014", "--top", "2", "--output", str(output))
    assert code == 2 and "add --force" in err and output.read_text() == "keep me\n"
    code, _out, err = cli("show", "ici-2014", "--top", "2", "--output", str(output), "--force")
    assert code == 0 and output.read_text() != "keep me\n"
    code, _out, err = do_import(cli, source, "mine", "--report", str(report), "--force")
    assert code == 0 and report.read_text() != "my notes\n"


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "parquet"])
def test_output_to_a_fifo_or_folder_is_refused_at_once(tmp_path, fmt):
    fifo = tmp_path / f"pipe.{fmt}"
    os.mkfifo(fifo)
    result = run_cli("show", "ici-2014", "--top", "2", "--output", str(fifo), "--force")
    assert result.returncode == 2 and no_traceback(result.stderr)
    assert "is a FIFO, not a regular file" in result.stderr
    assert fifo.exists() and not fifo.is_file()  # the FIFO is still there: nothing renamed over it
    assert [p.name for p in tmp_path.iterdir()] == [fifo.name]  # no .part left beside it
    result = run_cli("show", "ici-2014", "--output", str(tmp_path), "--format", fmt, "--force")
    assert result.returncode == 2 and "is a folder" in result.stderr


def test_import_report_to_a_fifo_neither_hangs_nor_keeps_the_lock(tmp_path):
    source = csv_file(tmp_path, CSV)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    result = run_cli("import", str(source), "--id", "mine", "--name", "M", "--report", str(fifo))
    assert result.returncode == 2 and "is a FIFO" in result.stderr
    assert not list((paths.data_dir() / "indexes").glob(".*.lock"))


def test_output_in_a_missing_folder_is_one_line(cli, tmp_path):
    code, _out, err = cli("show", "ici-2014", "--output", str(tmp_path / "nodir" / "x.xlsx"))
    assert code == 2 and no_traceback(err) and "does not exist" in err


def test_a_fifo_named_toml_among_imported_indexes_does_not_hang_import(tmp_path):
    folder = paths.data_dir() / "indexes"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "zz.toml")
    source = csv_file(tmp_path, CSV)
    result = run_cli("import", str(source), "--id", "mine", "--name", "M")
    assert result.returncode == 0, result.stderr
    assert not list(folder.glob(".*.lock"))
    assert "zz.toml" in result.stderr  # said, not waited on


def test_a_very_long_id_is_one_short_line(cli, tmp_path):
    source = csv_file(tmp_path, CSV)
    code, _out, err = do_import(cli, source, "a" * 5000)
    assert code == 2 and no_traceback(err)
    assert len(err.strip().splitlines()) == 1 and len(err) < 400
