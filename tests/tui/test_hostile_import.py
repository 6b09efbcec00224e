"""Hostile and careless imports and outputs (issue 12): path-like ids, formula cells, mistyped
metadata, wrong encodings and delimiters, decimal commas, re-imports, concurrent imports, killed
writers, output files whose extension lies, and copies too large for a terminal.

Every test runs the real CLI (in-process) or the real app, and checks that bad input gives one
line and exit 2, never a traceback, and that no file outside the user's folders changes.
"""

from __future__ import annotations

import tomllib

import pytest
import tomli_w

from cityrank_tui.core import render
from cityrank_tui.store import paths
from tests.support.hostile_import import csv_file, do_import, no_traceback
from tests.support.screen import toasts, write_config


@pytest.mark.parametrize(
    "line",
    [
        'universe_size = "big"',
        'edition = "2024"',
        'tiers = "Alpha"',
        "columns = 5",
        'has_scores = "yes"',
        "name = 3",
        "rows_bundled = true",
        'entries_file = "../../config/bookmarks.toml"',
        "source_urls = [1, 2]",
        "universe_size = 99999999999999",
        "universe_size = 0",
        'columns = ["rank", "name", "bogus"]',
        'full_columns = ["bogus"]',
    ],
)
async def test_mistyped_metadata_is_skipped_with_a_warning(cli, tmp_path, line):
    assert do_import(cli, csv_file(tmp_path, "Rank,City\n1,London\n"), "myidx")[0] == 0
    meta = paths.data_dir() / "indexes" / "myidx.toml"
    data = {**tomllib.loads(meta.read_text()), **tomllib.loads(line)}
    meta.write_text(tomli_w.dumps(data))  # still valid TOML: only the one value is wrong
    for args in (("indexes",), ("show", "ici-2014", "--top", "1"), ("city", "London")):
        code, out, err = cli(*args)
        assert code == 0 and no_traceback(err), err
        assert "myidx.toml" in err and "skipped" in err
        assert "myidx" not in out.replace("myidx.toml", "")
    code, _, err = cli("show", "myidx")
    assert code == 2 and "Traceback" not in err
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "myidx" not in app.catalog.indexes
        assert any("myidx.toml" in w for w in app.catalog.warnings)


async def test_copy_view_in_the_app_refuses_what_the_terminal_would_drop(monkeypatch):
    from cityrank_tui.tui.app import CityRankApp

    monkeypatch.setattr(render, "CLIPBOARD_LIMIT", 2_000)
    write_config('copy_format = "csv"\n')  # the first copy would ask
    app = CityRankApp()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        assert copied == []
        assert any("press e to export" in n for n in toasts(app))
        await pilot.press("y")
        await pilot.pause()
        assert len(copied) == 1 and copied[0].startswith("index,rank,")
