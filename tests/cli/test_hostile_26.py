"""Issue 26 on the command line: where --output and --report may write, FIFOs where the user's
files should be, and ids that cannot name a file. Anything that hung on the old code runs as a
real process with a bound on its time."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest

from cityrank_tui.store import paths
from tests.support import fifos
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


def far_cell_xlsx(path) -> None:
    """A minimal workbook (a few hundred bytes) with one cell at XFD1048576."""
    import zipfile

    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>rank</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text)


@pytest.mark.parametrize("command", ["import", "open"])
def test_a_tiny_xlsx_with_a_far_cell_is_refused_not_a_crash(tmp_path, command):
    book = tmp_path / "far.xlsx"
    far_cell_xlsx(book)
    args = ["--id", "far", "--name", "F"] if command == "import" else []
    result = run_cli(command, str(book), *args)
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    assert "1,048,576 rows × 16,384 columns" in result.stderr and no_traceback(result.stderr)


def test_a_parquet_with_a_duration_column_is_one_line_or_imported(cli, tmp_path):
    from datetime import timedelta

    import polars as pl

    source = tmp_path / "d.parquet"
    pl.DataFrame(
        {"rank": [1, 2], "name": ["London", "Paris"], "took": [timedelta(1), timedelta(2)]}
    ).write_parquet(source)
    code, _out, err = do_import(cli, source)
    assert no_traceback(err) and code == 0, err


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_import_names_a_folder_or_fifo_for_what_it_is(tmp_path, kind):
    target = tmp_path / "thing.csv"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    result = run_cli("import", str(target), "--id", "x", "--name", "X")
    assert result.returncode == 2 and "no such file" not in result.stderr
    assert ("a folder" if kind == "folder" else "a FIFO") in result.stderr


def plant_fifos(tmp_path) -> list:
    """A FIFO at every path of the user's files the app reads; returns them."""
    source = csv_file(tmp_path, CSV)
    assert run_cli("import", str(source), "--id", "mine", "--name", "M").returncode == 0
    return fifos.plant_fifos()


@pytest.mark.parametrize(
    "args",
    [
        ("indexes",),
        ("bookmarks", "export", "--format", "json"),
        ("bookmarks", "add", "Seoul"),
        ("show", "mine"),
        ("show", "fifo-data"),
        ("city", "London"),
        ("import", "{csv}", "--id", "other", "--name", "O"),
    ],
    ids=lambda a: "-".join(a[:2]),
)
def test_a_fifo_at_every_path_the_cli_reads_is_refused_within_a_bound(tmp_path, args):
    planted = plant_fifos(tmp_path)
    source = csv_file(tmp_path, CSV, name="other.csv")
    result = run_cli(*(a.replace("{csv}", str(source)) for a in args), timeout=BOUND)
    assert no_traceback(result.stderr), result.stderr
    assert all(p.exists() and not p.is_file() for p in planted)  # seen, never replaced
    assert not list((paths.data_dir() / "indexes").glob(".*.lock"))


def run_in_pty(env_extra: dict[str, str], stdin_devnull: bool = False, want: bytes = b"Cities"):
    """The app in a real pseudo-terminal of 80x24: (what it drew, exit code or None if still
    running) once `want` was drawn or the process ended, within BOUND seconds."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", **env_extra}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cityrank_tui.cli"],
        stdin=subprocess.DEVNULL if stdin_devnull else slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + BOUND
    try:
        while time.monotonic() < deadline and want not in seen:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break  # the other end closed: the process ended
            elif proc.poll() is not None:
                break
        if want not in seen:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
        return seen, proc.poll()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=BOUND)
        os.close(master)


def test_huge_columns_and_lines_still_draw_the_main_screen():
    seen, _code = run_in_pty({"COLUMNS": "100000", "LINES": "100000"})
    assert b"Cities" in seen


def test_stdin_from_dev_null_in_a_terminal_exits_with_one_line():
    seen, code = run_in_pty({}, stdin_devnull=True, want=b"\0 (read until it exits)")
    assert code == 2 and b"needs a terminal" in seen


def test_remove_index_with_a_very_long_id_is_one_short_line(cli):
    code, _out, err = cli("remove-index", "b" * 5000)
    assert code == 2 and "not an index id" in err and len(err) < 300
