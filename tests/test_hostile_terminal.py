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

EVIL = "Zzqx\x1b]52;c;TkFNRQ==\x1b\\Town"  # OSC 52: would write the user's clipboard
SHOWN = "Zzqx\\x1b]52;c;TkFNRQ==\\x1b\\Town"  # how it must appear instead
TITLE = "\x1b]0;pwned\x07"  # OSC 0: would set the window title
# C0 controls except \n and \t, DEL, and C1 controls (as code points, i.e. UTF-8 C2 80..C2 9F).
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
TIMEOUT = 60
RUN = "import sys; from cityrank_tui.cli import main; sys.exit(main())"


def run(
    *args: str | bytes, env: dict | None = None, stdout: int | None = subprocess.PIPE, **kw
) -> subprocess.CompletedProcess:
    """The CLI in a fresh process (same user folders as the test), bounded in time."""
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        check=False,
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=kw.pop("stdin", subprocess.DEVNULL),
        env={**os.environ, **(env or {})},
        timeout=kw.pop("timeout", TIMEOUT),
        **kw,
    )


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


def import_evil(folder: Path, name: str, attribution: str) -> Path:
    """Import an index whose names, tiers, URLs and notes carry terminal escape sequences."""
    source = folder / "evil.csv"
    rows = [
        ("Rank", "City", "Country", "Score", "Tier", "Source", "Note"),
        ("1", "London", "United Kingdom", "90", "Alpha", "https://x.test/\x1b[31mred", ""),
        ("2", EVIL, "US", "80", EVIL, "https://x.test/\x9b31m", f"note{TITLE}"),
        ("3", "Paris", "France", "70", f"Gam\x7fma{TITLE}", "https://x.test/p", ""),
    ]
    source.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    proc = run(
        "import",
        str(source),
        "--id",
        "evil-2024",
        "--name",
        name,
        "--tiers",
        f"Alpha,{EVIL},Gam\x7fma{TITLE}",
        "--attribution",
        attribution,
    )
    assert proc.returncode == 0, proc.stderr
    (folder / "import-stderr").write_bytes(proc.stderr)  # checked by its own test below
    return source


@pytest.fixture
def evil_index(tmp_path: Path) -> Path:
    """The hostile index, its name and attribution hostile too."""
    return import_evil(tmp_path, f"Evil{TITLE}", "By\x1b[2J someone")


@pytest.fixture
def evil_rows(tmp_path: Path) -> Path:
    """The hostile index with a plain name and attribution: each app surface is tested alone."""
    return import_evil(tmp_path, "Evil", "By someone")


def test_import_report_of_new_cities_is_shown_not_obeyed(evil_index, tmp_path):
    report = (tmp_path / "import-stderr").read_bytes()
    assert b"Traceback" not in report and RAW_CONTROL.search(report) is None, report
    assert b"Zzqx\\x1b]52" in report


# -- item 1: the CLI ---------------------------------------------------------------------------
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
def test_cli_never_writes_a_control_character(evil_index, args):
    proc = run(*args)
    assert_clean(proc)
    assert proc.returncode in (0, 2)
    if proc.returncode == 0:
        assert b"\\x1b" in proc.stdout or b"\\u001b" in proc.stdout  # shown, not obeyed


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
    rows = json.loads(proc.stdout)
    assert rows[1]["name"] == EVIL and rows[1]["source_url"] == "https://x.test/\x9b31m"


def test_output_file_keeps_the_data_as_it_is(evil_index, tmp_path):
    out = tmp_path / "view.json"
    proc = run("show", "evil-2024", "--output", str(out))
    assert proc.returncode == 0 and assert_clean(proc) is None
    assert json.loads(out.read_text(encoding="utf-8"))[1]["name"] == EVIL


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


# -- item 1: the app ---------------------------------------------------------------------------
def screen_text(app) -> str:
    """Everything the current screen paints (toasts and dialogs included), as text."""
    update = app.screen._compositor.render_full_update()
    return "".join(segment.text for strip in update.strips for segment in strip)


def assert_screen_clean(app, must_show: str | None = SHOWN) -> str:
    text = screen_text(app)
    found = RAW_CONTROL.search(text.encode("utf-8"))
    assert found is None, f"raw {found.group()!r} painted on {type(app.screen).__name__}"
    if must_show:
        assert must_show[:14] in text, f"{must_show[:14]!r} not on {type(app.screen).__name__}"
    return text


async def test_index_tab_header_and_table_show_escapes(evil_index):
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        app.screen.goto_index("evil-2024")
        await pilot.pause()
        text = assert_screen_clean(app)
        assert "Evil\\x1b]0;pwned\\x07" in text and "By\\x1b[2J someone" in text


# Each surface: the keys that open it from the evil row (rank 2) of the evil tab.
SURFACES = {
    "tier picker": ("t",),
    "row details": ("enter",),
    "bookmark notification": ("b",),
    "pick notification": ("space",),
    "profile": ("p",),
    "comparison": ("space", "up", "space", "v"),
    "bookmarks screen": ("b", "B"),
}


@pytest.mark.parametrize("surface", list(SURFACES))
async def test_app_surface_shows_escapes(evil_rows, surface):
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        app.screen.goto_index("evil-2024")
        await pilot.pause()
        await pilot.press("down")  # to the evil row
        await pilot.pause()
        assert_screen_clean(app)  # the table itself
        await pilot.press(*SURFACES[surface])
        await pilot.pause()
        text = assert_screen_clean(app)
        if surface == "row details":
            assert "https://x.test/\\x9b31m" in text and "note\\x1b]0;pwned\\x07" in text
        if surface == "bookmark notification":
            assert "Bookmarked Zzqx\\x1b]52" in text  # the toast is painted
        if surface == "pick notification":
            assert "Picked Zzqx\\x1b]52" in text
        if surface == "tier picker":
            assert "Gam\\x7fma\\x1b]0;pwned" in text
        assert all(RAW_CONTROL.search(n.message.encode()) is None for n in app._notifications)


async def test_note_dialog_shows_escapes_and_keeps_an_unchanged_note(evil_rows):
    from cityrank_tui.tui.app import CityRankApp

    note = f"note{TITLE}"
    assert run("bookmarks", "add", "Zzqx", "--note", note).returncode == 0
    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert_screen_clean(app, "note\\x1b]0;pwned")
        await pilot.press("enter")
        await pilot.pause()
    assert [b.note for b in app.bookmarks.items.values()] == [note]


async def test_palette_entries_are_shown_not_obeyed(evil_rows):
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"zzqx")
        await pilot.pause(0.5)
        assert_screen_clean(app)


async def test_correlation_screen_is_clean(evil_index):
    from cityrank_tui.tui.app import CityRankApp
    from cityrank_tui.tui.screens.correlate import CorrelateScreen

    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        app.push_screen(CorrelateScreen(app.catalog, "evil-2024", "ici-2014"))
        await pilot.pause()
        assert_screen_clean(app, "Evil\\x1b]0;pwned")


async def test_markup_in_data_is_never_markup(tmp_path):
    """`[b]` and nested brackets in a name stay literal in the palette (its highlighter read them
    as markup) and in dialogs."""
    from cityrank_tui.tui.app import CityRankApp

    source = tmp_path / "m.csv"
    source.write_text("Rank,City\n1,[b][[red]]Oddtown[/b]\n2,London\n", encoding="utf-8")
    assert run("import", str(source), "--id", "markup-2024", "--name", "M").returncode == 0
    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"oddtown")
        await pilot.pause(0.5)
        assert "[b][[red]]Oddtown[/b]" in screen_text(app)


# -- item 2 (symlinks) and item 4 (FIFOs): the user's files ---------------------------------------
def config_dir() -> Path:
    folder = Path(os.environ["CITYRANK_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def state_dir() -> Path:
    folder = Path(os.environ["CITYRANK_STATE_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    lines = [line for line in proc.stderr.decode().splitlines() if line.strip()]
    assert lines and lines[-1].startswith("cityrank-tui: "), proc.stderr
    return lines[-1]


@pytest.mark.parametrize("name", ["bookmarks.toml", "bookmarks.toml.lock"])
def test_fifo_in_place_of_bookmarks_never_blocks(name):
    os.mkfifo(config_dir() / name)
    proc = run("bookmarks", "add", "Paris", timeout=30)
    assert_clean(proc)
    assert proc.returncode == 2
    assert "FIFO" in one_line_error(proc)
    proc = run("bookmarks", "list", timeout=30)
    assert_clean(proc)


READ_ALL = (
    "from cityrank_tui.store import settings, state; from cityrank_tui.store.bookmarks import "
    "Bookmarks; print(settings.load().warnings, state.AppState().warnings, Bookmarks.load().warnings)"
)


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


APP_WITH_FIFOS = """
import asyncio
from cityrank_tui.tui.app import CityRankApp

async def main():
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("b")  # saving a bookmark must not block on a FIFO either
        await pilot.pause()
        print(" ".join(n.message for n in app._notifications))
        await pilot.press("q")

asyncio.run(main())
"""


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


def test_symlinked_state_file_is_not_replaced(tmp_path):
    from cityrank_tui.store import tomlfile
    from cityrank_tui.store.state import AppState

    outside = tmp_path / "elsewhere.toml"
    outside.write_text('last_tab = "ici-2014"\n')
    (state_dir() / "state.toml").symlink_to(outside)
    state = AppState()
    state.last_tab = "gii-2024"
    with pytest.raises(tomlfile.SaveError, match="symbolic link"):
        state.save()
    assert outside.read_text() == 'last_tab = "ici-2014"\n'


# -- item 5: no terminal ------------------------------------------------------------------------
def test_without_a_terminal_the_app_says_so_and_exits_2(tmp_path):
    out = tmp_path / "out"
    with out.open("wb") as handle:
        proc = run(stdout=handle, timeout=30)
    assert proc.returncode == 2
    assert out.read_bytes() == b""
    assert b"needs a terminal" in proc.stderr and b"show" in proc.stderr
    assert_clean(proc)


# -- item 7: deeply nested TOML -----------------------------------------------------------------
DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"


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


def test_surrogates_never_reach_the_toml_writer(tmp_path):
    from cityrank_tui.store import tomlfile

    with pytest.raises(tomlfile.SaveError, match="not valid UTF-8"):
        tomlfile.write(tmp_path / "x.toml", {"name": "a\udcffb"})
    assert not (tmp_path / "x.toml").exists()


async def test_mistyped_saved_view_is_dropped_with_a_note():
    from cityrank_tui.tui.app import CityRankApp

    (state_dir() / "state.toml").write_text(
        'last_tab = "ici-2014"\n[views.ici-2014]\nsort = "rank"\n'
        '[views.ici-2014.filter]\nmin_score = "53"\n'
        '[views.gii-2024]\nsort = "rank"\n[views.gii-2024.filter]\nmin_rank = 3\n'
    )
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.pane.info.id == "ici-2014"
        assert app.screen.pane.view.filter.min_score is None
        messages = [n.message for n in app._notifications]
        assert any("saved view of ici-2014 was dropped (min_score" in m for m in messages)
    assert "gii-2024" in app.state.views  # a valid view is kept


@pytest.mark.parametrize(
    "value",
    ['min_score = "53"', "min_rank = 2.5", "min_score = nan", "tiers = [1, 2]", "region = 3"],
)
def test_view_problem_names_the_field(value):
    import tomllib

    from cityrank_tui.store.state import view_problem

    data = tomllib.loads(f"[filter]\n{value}\n")
    assert view_problem(data) is not None
    assert view_problem({"filter": {"min_score": 53, "tiers": ["A"], "min_rank": 1}}) is None


# -- item 9: output encodings --------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize(
    "args",
    [
        ("show", "ici-2014"),
        ("city", "Zürich"),
        ("city", "Seoul", "--format", "md"),
        ("indexes",),
        ("compare", "Seoul", "Tokyo"),
        ("show", "gii-2024", "--format", "json"),
        ("show", "nope"),
    ],
)
def test_non_utf8_output_never_raises(encoding, args):
    proc = run(*args, env={"PYTHONIOENCODING": encoding})
    assert_clean(proc)
    assert b"UnicodeEncodeError" not in proc.stderr
    assert proc.returncode in (0, 2)
    proc.stdout.decode(encoding)  # every byte is in the encoding
    assert b"\\u2014" not in proc.stdout and b"\\u25b6" not in proc.stdout


def test_ascii_stand_ins_keep_the_width():
    from rich.cells import cell_len

    from cityrank_tui.termout import ascii_stand_in

    for glyph, ascii in (("▶", ">"), ("★", "*"), ("●", "*"), ("▲", "^"), ("▼", "v"), ("—", "-")):
        assert ascii_stand_in(glyph) == ascii
    for ch in "│─┌█▁é™北":
        assert len(ascii_stand_in(ch)) == cell_len(ch) and ascii_stand_in(ch).isascii()


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
        time.sleep(0.5)
        while select.select([main], [], [], 0.2)[0]:
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


# -- item 20: config.toml ---------------------------------------------------------------------------
def test_unknown_settings_and_start_tab_are_named():
    from cityrank_tui.store import settings

    (config_dir() / "config.toml").write_text(
        'colour = "red"\nstart_tab = "nope-2024"\n[keyz]\nsearch = "z"\n'
    )
    warnings = settings.load(index_ids={"ici-2014"}).warnings
    assert any("unknown setting 'colour'" in w for w in warnings)
    assert any("unknown setting 'keyz'" in w for w in warnings)
    assert any("start_tab 'nope-2024' is not an index" in w for w in warnings)
    assert settings.load(index_ids={"ici-2014"}).start_tab is None


def test_a_key_name_with_a_control_character_is_refused():
    from cityrank_tui.store import settings

    (config_dir() / "config.toml").write_text('[keys]\nsearch = "\\u001b]0;x\\u0007"\n')
    loaded = settings.load()
    assert loaded.keys == {} and "keys.search must be a key name" in loaded.warnings[0]


async def test_app_names_an_unknown_start_tab():
    from cityrank_tui.tui.app import CityRankApp

    (config_dir() / "config.toml").write_text('start_tab = "nope"\n')
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("start_tab 'nope' is not an index" in n.message for n in app._notifications)
