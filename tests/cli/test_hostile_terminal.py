"""Hostile input against every terminal output, the user's files and the CLI's streams (issue 12).

The CLI runs as a subprocess with a bounded timeout: a hang fails the test, never the suite.
Every byte it writes to stdout and stderr is checked for raw control characters and tracebacks.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.hostile_terminal import (
    EVIL,
    RAW_CONTROL,
    RUN,
    SHOWN,
    TIMEOUT,
    TITLE,
    config_dir,
    run,
    state_dir,
)
from tests.support.output_encoding import outputs_under


def assert_clean(proc: subprocess.CompletedProcess) -> None:
    """No traceback and no raw control byte in anything the process wrote."""
    for name, data in (("stdout", proc.stdout or b""), ("stderr", proc.stderr)):
        assert b"Traceback" not in data, f"{name}: {data.decode(errors='replace')}"
        found = RAW_CONTROL.search(data)
        assert found is None, f"raw control {found.group()!r} in {name}: {data[:400]!r}"


def user_dirs() -> list[Path]:
    return [Path(os.environ[k]) for k in ("CITYRANK_CONFIG_DIR", "CITYRANK_DATA_DIR")] + [
        Path(os.environ["CITYRANK_STATE_DIR"])
    ]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (outside the user's folders) with a hash of its bytes."""
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(d in p.parents for d in user_dirs())
    }


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    lines = [line for line in proc.stderr.decode().splitlines() if line.strip()]
    assert lines and lines[-1].startswith("cityrank-tui: "), proc.stderr
    return lines[-1]


READ_ALL = (
    "from cityrank_tui.store import settings, state; from cityrank_tui.store.bookmarks import "
    "Bookmarks; print(settings.load().warnings, state.AppState().warnings, Bookmarks.load().warnings)"
)


APP_WITH_FIFOS = """
import asyncio
from cityrank_tui.tui.app import CityRankApp

async def main():
    app = CityRankApp()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("b")  # saving a bookmark must not block on a FIFO either
        await pilot.pause()
        print(" ".join(str(toast.render()) for toast in app.screen.query("Toast")))
        await pilot.press("q")

asyncio.run(main())
"""


# -- item 7: deeply nested TOML -----------------------------------------------------------------
DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"


def test_import_report_of_new_cities_is_shown_not_obeyed(evil_index, tmp_path):
    report = (tmp_path / "import-stderr").read_bytes()
    assert b"Traceback" not in report and RAW_CONTROL.search(report) is None, report
    assert b"Zzqx\\x1b]52" in report


# -- item 1: the CLI ---------------------------------------------------------------------------
# The same control characters as RAW_CONTROL, in text: the CLI run in-process writes text.
RAW_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize(
    "args",
    [
        ("show", "evil-2024"),
        ("show", "evil-2024", "--format", "csv"),
        ("show", "evil-2024", "--format", "md"),
        ("show", "evil-2024", "--format", "json"),
        ("city", "Zzqx"),
        ("city", "Zzqx", "--format", "json"),
        ("city", "Zzqx", "--format", "md"),
        ("compare", "Zzqx", "London"),
        ("correlate", "evil-2024", "ici-2014"),
        ("indexes",),
        ("show", EVIL),  # an unknown index named with an escape: the error line echoes it
    ],
)
def test_cli_never_writes_a_control_character(evil_index, cli, args):
    """In-process, each output the matrix names; the bytes a real process writes are checked
    by test_a_real_process_writes_no_control_byte (the streams are the same wrappers)."""
    code, out, err = cli(*args)
    for name, text in (("stdout", out), ("stderr", err)):
        assert "Traceback" not in text, f"{name}: {text}"
        found = RAW_CONTROL_TEXT.search(text)
        assert found is None, f"raw control {found.group()!r} in {name}: {text[:400]!r}"
    assert code in (0, 2)
    if code == 0:
        assert "\\x1b" in out or "\\u001b" in out  # shown, not obeyed


@pytest.mark.parametrize("args", [("show", "evil-2024"), ("show", EVIL)])
def test_a_real_process_writes_no_control_byte(evil_index, args):
    """A child process, its stdout and stderr pipes read as bytes: a table, and an error line."""
    proc = run(*args)
    assert_clean(proc)
    assert proc.returncode == (0 if args[1] == "evil-2024" else 2)
    assert b"\\x1b" in proc.stdout + proc.stderr  # shown, not obeyed


def test_cli_bookmarks_add_list_remove_show_escapes(evil_index):
    for args in (
        ("bookmarks", "add", "Zzqx", "--note", f"n{TITLE}", "--list", EVIL),
        ("bookmarks", "list"),
        ("bookmarks", "export", "--format", "md"),
        ("bookmarks", "remove", "Zzqx"),
    ):
        proc = run(*args)
        assert proc.returncode == 0, proc.stderr
        assert_clean(proc)
        if args[1] != "remove":
            assert SHOWN.encode() in proc.stdout + proc.stderr


def test_json_on_stdout_is_exact_data_with_c1_escaped(evil_index):
    proc = run("show", "evil-2024", "--format", "json")
    assert_clean(proc)
    assert b"\\u009b" in proc.stdout  # U+009B (CSI) is escaped, not raw
    rows = json.loads(proc.stdout)["rows"]
    assert rows[1]["name"] == EVIL and rows[1]["source_url"] == "https://x.test/\x9b31m"


def test_output_file_keeps_the_data_as_it_is(evil_index, tmp_path):
    out = tmp_path / "view.json"
    proc = run("show", "evil-2024", "--output", str(out))
    assert proc.returncode == 0 and assert_clean(proc) is None
    assert json.loads(out.read_text(encoding="utf-8"))["rows"][1]["name"] == EVIL


def test_import_report_of_unknown_tiers_is_shown_not_obeyed(evil_index, tmp_path):
    proc = run("import", str(evil_index), "--id", "evil2-2024", "--name", "E", "--tiers", "A")
    assert proc.returncode == 2 and b"Zzqx\\x1b]52" in proc.stderr
    assert_clean(proc)


def test_unknown_tier_and_argument_errors_are_shown_not_obeyed(evil_index):
    proc = run("show", "evil-2024", "--tier", EVIL + "x")
    assert proc.returncode == 2
    assert_clean(proc)
    proc = run("show", "evil-2024", "--format", f"x{TITLE}")  # argparse echoes the choice
    assert proc.returncode == 2
    assert_clean(proc)


@pytest.mark.parametrize("name", ["bookmarks.toml", "bookmarks.toml.lock"])
def test_fifo_in_place_of_bookmarks_never_blocks(name):
    os.mkfifo(config_dir() / name)
    proc = run("bookmarks", "add", "Paris", timeout=30)
    assert_clean(proc)
    assert proc.returncode == 2
    assert "FIFO" in one_line_error(proc)
    proc = run("bookmarks", "list", timeout=30)
    assert_clean(proc)


@pytest.mark.parametrize("name", ["config.toml", "state.toml", "bookmarks.toml"])
def test_fifo_in_place_of_a_settings_file_is_refused_at_once(name):
    os.mkfifo((state_dir() if name == "state.toml" else config_dir()) / name)
    proc = subprocess.run(
        [sys.executable, "-c", READ_ALL],
        check=False,
        capture_output=True,
        timeout=30,
        env=os.environ,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"{name} is a FIFO, not a regular file" in proc.stdout.decode()


def test_app_starts_with_fifos_for_every_file():
    """In a subprocess: a blocking open would hang the test process itself."""
    for name in ("config.toml", "bookmarks.toml", "bookmarks.toml.lock"):
        os.mkfifo(config_dir() / name)
    os.mkfifo(state_dir() / "state.toml")
    proc = subprocess.run(
        [sys.executable, "-c", APP_WITH_FIFOS],
        check=False,
        capture_output=True,
        timeout=TIMEOUT,
        env=os.environ,
    )
    assert proc.returncode == 0, proc.stderr
    messages = proc.stdout.decode()
    for name in ("config.toml", "state.toml", "bookmarks.toml"):
        assert f"{name} is a FIFO, not a regular file" in messages


def test_symlinked_bookmarks_file_is_never_written_through(tmp_path):
    outside = tmp_path / "outside" / "precious.toml"
    outside.parent.mkdir()
    outside.write_text("# not ours\n")
    (config_dir() / "bookmarks.toml").symlink_to(outside)
    before = snapshot(tmp_path)
    proc = run("bookmarks", "add", "Paris")
    assert_clean(proc)
    assert proc.returncode == 2
    assert "symbolic link" in one_line_error(proc)
    assert snapshot(tmp_path) == before
    assert (config_dir() / "bookmarks.toml").is_symlink()


def test_symlinked_lock_file_creates_nothing_outside(tmp_path):
    target = tmp_path / "outside" / "created-by-lock"
    target.parent.mkdir()
    (config_dir() / "bookmarks.toml.lock").symlink_to(target)
    proc = run("bookmarks", "add", "Paris")
    assert_clean(proc)
    assert proc.returncode == 2 and "symbolic link" in one_line_error(proc)
    assert not target.exists()


# -- item 5: no terminal ------------------------------------------------------------------------
def test_without_a_terminal_the_app_says_so_and_exits_2(tmp_path):
    out = tmp_path / "out"
    with out.open("wb") as handle:
        proc = run(stdout=handle, timeout=30)
    assert proc.returncode == 2
    assert out.read_bytes() == b""
    assert b"needs a terminal" in proc.stderr and b"show" in proc.stderr
    assert_clean(proc)


@pytest.mark.parametrize("name", ["config.toml", "state.toml", "bookmarks.toml"])
def test_deeply_nested_toml_is_a_corrupt_file(name):
    folder = state_dir() if name == "state.toml" else config_dir()
    (folder / name).write_text(DEEP)
    proc = subprocess.run(
        [sys.executable, "-c", READ_ALL],
        check=False,
        capture_output=True,
        timeout=30,
        env=os.environ,
    )
    assert proc.returncode == 0, proc.stderr
    assert "nested too deeply" in proc.stdout.decode()
    assert list(folder.glob(f"{name}.corrupt-*")) and not (folder / name).exists()


def test_deeply_nested_bookmarks_through_the_cli():
    (config_dir() / "bookmarks.toml").write_text(DEEP)
    proc = run("bookmarks", "list")
    assert_clean(proc)
    assert proc.returncode == 0 and b"nested too deeply" in proc.stderr


# -- item 8: tracebacks ---------------------------------------------------------------------------
def test_huge_top_keeps_every_row():
    proc = run("show", "ici-2014", "--top", "99999999999999999999999", "--format", "csv")
    assert_clean(proc)
    assert proc.returncode == 0
    from cityrank_tui.core.catalog import Catalog

    rows = Catalog().entries("ici-2014").height
    assert proc.stdout.count(b"\n") == rows + 1  # the header and every row (attribution: a column)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_disk_is_one_line():
    with open("/dev/full", "wb") as full:
        proc = run("show", "ici-2014", stdout=full)
    assert proc.returncode == 1
    assert proc.stderr.decode().strip() == (
        "cityrank-tui: cannot write the output: No space left on device"
    )


def test_closed_stdout_is_no_traceback():
    proc = subprocess.run(
        ["sh", "-c", 'exec "$0" -c "$1" show ici-2014 >&-', sys.executable, RUN],
        check=False,
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert proc.returncode == 0 and proc.stderr == b""


def test_closed_pipe_is_quiet():
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN, "show", "gii-2024", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)
    proc.stdout.close()
    _, err = proc.communicate(timeout=TIMEOUT)
    assert err == b""


@pytest.mark.parametrize(
    "args",
    [
        ("bookmarks", "add", "Paris", "--note", b"a\xffb"),
        ("bookmarks", "add", b"Z\xffrich"),
        ("bookmarks", "add", "Paris", "--list", b"\xed\xa0\x80"),
        ("show", "ici-2014", "--search", b"\xff"),
    ],
)
def test_invalid_utf8_arguments_are_one_line(args):
    proc = run(*args)
    assert_clean(proc)
    assert proc.returncode == 2
    assert "is not valid UTF-8 text" in one_line_error(proc)
    assert not (config_dir() / "bookmarks.toml").exists()


# -- item 9: output encodings --------------------------------------------------------------------
ENCODED_COMMANDS = [
    ("show", "ici-2014"),
    ("city", "Zürich"),
    ("city", "Seoul", "--format", "md"),
    ("indexes",),
    ("compare", "Seoul", "Tokyo"),
    ("show", "gii-2024", "--format", "json"),
    ("show", "nope"),
]


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize("args", ENCODED_COMMANDS)
def test_non_utf8_output_never_raises(encoding, args, tmp_path_factory):
    """Each command on a stdout of that encoding; the commands of one encoding share one real
    process (tests/support/output_encoding.py), each on pipes of its own."""
    folder = tmp_path_factory.getbasetemp() / f"encoded-{encoding}"
    proc = outputs_under(encoding, ENCODED_COMMANDS, folder)[ENCODED_COMMANDS.index(args)]
    assert_clean(proc)
    assert b"UnicodeEncodeError" not in proc.stderr
    assert proc.returncode in (0, 2)
    proc.stdout.decode(encoding)  # every byte is in the encoding
    assert b"\\u2014" not in proc.stdout and b"\\u25b6" not in proc.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_app_on_a_latin1_terminal_draws_ascii_glyphs():
    """The real app in a pseudo-terminal with PYTHONIOENCODING=latin-1: no `\\u25b6` on screen."""
    import pty
    import select
    import time

    main, child = pty.openpty()
    os.set_blocking(main, False)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "TERM": "xterm", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and b"London" not in seen:
            if select.select([main], [], [], 0.5)[0]:
                try:
                    seen += os.read(main, 65536)
                except OSError:
                    break
        # the rest of the first screen: read until the app has been quiet for a second
        while time.monotonic() < deadline and select.select([main], [], [], 1.0)[0]:
            try:
                seen += os.read(main, 65536)
            except OSError:
                break
        os.write(main, b"q")
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    assert b"London" in seen, seen[-500:]
    assert b"\\u" not in seen and b"\\U" not in seen
    assert b"Traceback" not in seen
