"""Issue 26, store and core: files written by a newer version, FIFOs and oversized files where
the user's files should be, failed writes. Each test failed on the code before its fix."""

from __future__ import annotations

import pytest

from cityrank_tui.store import tomlfile
from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.store.tomlfile import SaveError

NEWER = (
    "schema_version = 2\n\n[[bookmarks]]\ncity_id = 'seoul-kr'\nname = 'Seoul'\n"
    "added = '2026-01-01T00:00:00'\nfuture_field = 'kept'\n"
)


def test_a_bookmarks_file_of_a_newer_schema_is_never_set_aside_nor_written(path):
    path.parent.mkdir(parents=True)
    path.write_text(NEWER)
    store = Bookmarks.load(path)
    assert len(store.warnings) == 1
    assert "newer cityrank-tui (schema_version 2" in store.warnings[0]
    assert "\n" not in store.warnings[0]
    assert not list(path.parent.glob("bookmarks.toml.corrupt-*"))
    with pytest.raises(SaveError, match="schema_version 2"):
        store.add("tokyo-jp", "Tokyo")
    assert path.read_text() == NEWER  # the newer version finds its bookmarks whole
    assert not list(path.parent.glob("bookmarks.toml.corrupt-*"))
    assert "tokyo-jp" in store  # kept for this session


def test_no_toml_file_of_a_newer_schema_is_replaced(tmp_path):
    target = tmp_path / "state.toml"
    target.write_text("schema_version = 7\nlast_tab = 'x'\n")
    result = tomlfile.read(target)
    assert result.newer == 7 and result.data == {}
    with pytest.raises(SaveError, match="schema_version 7"):
        tomlfile.write(target, {"last_tab": "y"})
    assert target.read_text() == "schema_version = 7\nlast_tab = 'x'\n"


@pytest.mark.parametrize(
    "keys_toml, problem",
    [
        ('sort = ","', 'keys.sort must be a key name such as "f"'),
        ('sort = ",,a,,"', 'keys.sort must be a key name such as "f"'),
        ('sort = ["a", "b"]', 'keys.sort must be a key name such as "f"'),
        ("\n".join(f'x{i} = "a"' for i in range(10_000)), "and 9,997 more are not a command id"),
        (".".join(["a"] * 1500) + ' = "z"', "is not a command id"),
    ],
    ids=["comma", "comma-soup", "list", "10000-unknown", "1500-levels"],
)
def test_malformed_keys_in_config_toml_are_one_line_each_and_the_defaults_kept(keys_toml, problem):
    from cityrank_tui.store import paths, settings

    paths.config_file().parent.mkdir(parents=True)
    paths.config_file().write_text(f"[keys]\n{keys_toml}\n")
    loaded = settings.load(known_binding_ids={"sort", "quit", "search"})
    assert loaded.keys == {}
    assert len(loaded.warnings) == 1 and problem in loaded.warnings[0]
    assert len(loaded.warnings[0]) < 200


def test_a_megabyte_of_search_text_is_literal_and_never_a_regex_error(catalog):
    import polars as pl

    from cityrank_tui.core import filters

    frame = catalog.entries("ici-2014")
    huge = "ab" * 500_000
    view = filters.View(filters.Filter(text=huge))
    assert filters.apply(frame, view).height == 0
    assert filters.ViewCache(frame).rows(view) is not None
    # literal, for a needle of any length: checked against Python's `in` on a hand-made series
    needle = "x(" * 600  # a regex would call this unbalanced
    texts = pl.Series("t", ["a" + needle + "b", needle[:-1], None, "zz", needle])
    assert filters.holding(texts, needle).fill_null(False).to_list() == [
        True,
        False,
        False,
        False,
        True,
    ]


def test_a_huge_state_toml_is_ignored_with_one_line_before_it_is_parsed(monkeypatch):
    from cityrank_tui.store import paths, state

    target = paths.state_file()
    target.parent.mkdir(parents=True)
    target.write_text("last_tab = 'x'\n" + "# padding\n" * 1_000_000)  # 10 MB
    parsed: list[str] = []
    monkeypatch.setattr(tomlfile.tomllib, "loads", lambda text: parsed.append(text) or {})
    loaded = state.AppState()
    assert parsed == [] and loaded.last_tab is None
    assert len(loaded.warnings) == 1 and "more than the" in loaded.warnings[0]


def test_an_import_that_fills_the_disk_leaves_no_partial_file_and_says_so(monkeypatch, tmp_path):
    import polars as pl

    from cityrank_tui.store import userindexes

    def full_disk(self, path, **_kwargs):
        with open(path, "wb") as handle:
            handle.write(b"PAR1" + b"\0" * 4096)  # what was written before the disk filled
        raise pl.exceptions.ComputeError(
            "File out of specification: underlying IO error: No space left on device (os error 28)"
        )

    monkeypatch.setattr(pl.DataFrame, "write_parquet", full_disk)
    frame = pl.DataFrame({"rank": [1], "name": ["x"], "score": [None], "city_ids": [["x-1"]]})
    with pytest.raises(SaveError) as caught:
        userindexes.save(tmp_path, "mine", {"name": "M", "universe_size": 1}, frame)
    folder = tmp_path / "indexes"
    assert f"no space left on the disk holding {folder.resolve()}" in str(caught.value)
    assert [p.name for p in folder.iterdir()] == []


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_that_fills_the_disk_leaves_nothing_and_says_so(
    monkeypatch, tmp_path, catalog, fmt
):
    import errno

    from cityrank_tui.core import render
    from cityrank_tui.core.errors import UsageError

    def full(path, *_args, **_kwargs):
        with open(path, "wb") as handle:
            handle.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(render, "write_excel", lambda frame, path: full(path))
    monkeypatch.setattr(render, "_write_csv", lambda frame, info, part, *_: full(part))
    monkeypatch.setattr(render, "render", lambda *_args: full(tmp_path / ".view.part"))
    target = tmp_path / f"view.{fmt}"
    info = catalog.indexes["ici-2014"]
    with pytest.raises(UsageError, match="no space left on the disk holding"):
        render.write_export(catalog.entries("ici-2014"), info, fmt, target)
    assert [p.name for p in tmp_path.iterdir()] == []


def test_only_plausible_terminal_sizes_are_kept_from_the_environment():
    from cityrank_tui.tui.run import sane_size_env

    env = {"COLUMNS": "100000", "LINES": "-3", "TERM": "xterm"}
    assert sane_size_env(env) == ["COLUMNS", "LINES"] and env == {"TERM": "xterm"}
    env = {"COLUMNS": "120", "LINES": "40"}
    assert sane_size_env(env) == [] and env == {"COLUMNS": "120", "LINES": "40"}
    env = {"COLUMNS": "wide"}
    assert sane_size_env(env) == ["COLUMNS"] and env == {}


@pytest.mark.parametrize("fn", ["visible", "visible_lines"])
def test_a_20_mb_line_with_one_control_is_escaped_in_bounded_memory(fn):
    import tracemalloc

    from cityrank_tui.core import safetext

    line = "a" * 10_000_000 + "\x1b[31m" + "b" * 10_000_000
    tracemalloc.start()
    try:
        shown = getattr(safetext, fn)(line)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # checked by hand, not by the function: the one ESC as its four-character escape
    assert shown == "a" * 10_000_000 + "\\x1b[31m" + "b" * 10_000_000
    assert peak < 3 * len(line)  # the result and a slice or two, never a list of every char


def test_json_text_escapes_controls_the_same_in_every_slice():
    import json

    from cityrank_tui.core import safetext

    names = ["x" * 70_000 + "\u009b" + "y", "\u202e", "plain\nline"]
    text = safetext.json_text(names)
    assert json.loads(text) == names
    assert "\u009b" not in text and "\u202e" not in text and "\\u009b" in text


def _cells(text: str) -> int:
    """Screen cells counted by hand: wide East Asian characters two, combining marks none."""
    import unicodedata

    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def test_plain_tables_pad_by_screen_cells_for_cjk_and_combining_names():
    from cityrank_tui.core.render import fit, text_table

    body = [["東京", "1"], ["Cafe\u0301 town", "2"], ["Paris", "3"], ["서울특별시", "4"]]
    lines = text_table(["name", "rank"], body)
    # the rank column starts at the same screen cell on every line
    starts = {
        _cells(line[: line.rindex(rank)]) for line, rank in zip(lines[1:], "1234", strict=True)
    }
    assert len(starts) == 1
    cut = fit("서울특별시", 6, mark="…")
    assert _cells(cut) == 6 and cut.startswith("서울") and "…" in cut
