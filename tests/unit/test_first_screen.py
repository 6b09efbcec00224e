"""first_screen.json (core/first_screen.py): current with the committed Parquet, read only while
it matches it, and what lets the first frame be drawn before polars is imported."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import polars as pl

from cityrank_tui.core import first_screen
from cityrank_tui.core.catalog import Catalog, bundled_data_dir
from cityrank_tui.core.filters import View, ViewCache
from cityrank_tui.core.movement import with_movement
from cityrank_tui.core.render import table_keys


def test_the_committed_file_is_what_the_committed_parquet_makes():
    """A Parquet change without a rebuild of the file is caught here (the app would not use
    the stale file, and would start slower)."""
    folder = bundled_data_dir()
    committed = json.loads((folder / first_screen.FILE).read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(first_screen.make(folder)))


def test_the_catalogue_from_the_file_is_the_catalogue_from_the_parquet():
    from_file, from_parquet = Catalog(), Catalog(first_screen=False)
    assert from_file.first_screen is not None and from_parquet.first_screen is None
    assert list(from_file.indexes) == list(from_parquet.indexes)
    assert from_file.indexes == from_parquet.indexes


def test_each_preview_holds_the_first_rows_of_the_default_view_read_from_the_parquet():
    """Checked against the entries read here, in rank order (then name), not by make()."""
    catalog = Catalog(first_screen=False)
    shown = Catalog().first_screen
    assert shown is not None
    for info in catalog.indexes.values():
        preview = shown.preview(info.id)
        assert preview is not None, info.id
        frame, _ = with_movement(catalog, info, catalog.entries(info.id))
        keys = table_keys(info, frame.columns)
        ordered = frame.with_row_index("_n").sort(
            ["rank", "tier_order", "name", "_n"], nulls_last=True, maintain_order=True
        )
        expected = ordered.select([*keys, "city_ids"]).head(first_screen.ROWS).rows()
        assert preview.rows == tuple(expected), info.id
        assert preview.height == frame.height == info.rows_bundled
        assert ViewCache(frame).rows(View()).len() == frame.height


def copied(tmp_path):
    folder = tmp_path / "bundled"
    shutil.copytree(bundled_data_dir(), folder)
    return folder


def rewrite(path) -> None:
    """The same rows in other bytes (a rebuild that forgot the first-screen file)."""
    pl.read_parquet(path).write_parquet(path, compression="uncompressed")


def test_an_edition_whose_parquet_changed_is_not_previewed(tmp_path):
    folder = copied(tmp_path)
    rewrite(folder / "entries" / "gii-2023.parquet")
    shown = first_screen.load(folder)
    assert shown is not None
    assert shown.preview("gii-2023") is None
    assert shown.preview("gii-2024") is None  # its Move column is counted against gii-2023
    assert shown.preview("gii-2025") is not None
    assert shown.preview("ici-2014") is not None


def test_a_changed_index_list_is_read_from_its_parquet(tmp_path):
    folder = copied(tmp_path)
    meta = pl.read_parquet(folder / "indexes.parquet")
    meta.with_columns(pl.col("name").str.replace("Index", "Indices")).write_parquet(
        folder / "indexes.parquet"
    )
    assert first_screen.load(folder) is None
    catalog = Catalog(bundled_dir=folder)
    assert catalog.first_screen is None
    assert "Innovation Cities™ Indices 2014" in catalog.indexes["ici-2014"].name


def test_a_damaged_or_missing_file_is_not_used(tmp_path):
    for damage in ("{not json", '{"version": 1}', '{"version": 999}', None):
        folder = tmp_path / f"bundled-{len(str(damage))}"
        shutil.copytree(bundled_data_dir(), folder)
        target = folder / first_screen.FILE
        if damage is None:
            target.unlink()
        else:
            target.write_text(damage, encoding="utf-8")
        assert first_screen.load(folder) is None
        read = Catalog(bundled_dir=folder, first_screen=False).indexes
        assert Catalog(bundled_dir=folder).indexes == read


START = textwrap.dedent(
    """
    from cityrank_tui import cli
    from cityrank_tui.core import lazypolars
    from cityrank_tui.tui import run

    real_run_app = run.run_app

    def run_app(opening=None):
        lazypolars.install()  # as run_app does, first: patching the app imports its modules
        from textual.app import App

        from cityrank_tui.tui.app import CityRankApp
        from cityrank_tui.tui.screens.main import MainScreen

        shown = CityRankApp._display

        def display(self, screen, renderable):
            if renderable is not None and "first" not in seen:
                seen["first"] = (lazypolars.loaded(), screen.previewing)
                self.call_later(self.exit if QUIT_AT_FIRST_FRAME else lambda: None)
            return shown(self, screen, renderable)

        realise = MainScreen.realise

        def realised(screen):
            realise(screen)
            seen["real"] = (lazypolars.loaded(), screen.previewing)
            screen.app.call_later(screen.app.exit)

        CityRankApp._display = display
        MainScreen.realise = realised
        CityRankApp.run = lambda self, *a, **k: App.run(self, headless=True, size=(80, 24))
        return real_run_app(opening)

    seen = {}
    run.run_app = run_app
    cli.has_terminal = lambda: True
    cli.main([])
    print(seen["first"], seen.get("real"))
    """
)


def start(tmp_path, quit_at_first_frame: bool) -> subprocess.CompletedProcess[str]:
    """`cityrank-tui` (headless, 80x24) with fresh user folders."""
    import os

    env = {
        "CITYRANK_CONFIG_DIR": str(tmp_path / "c"),
        "CITYRANK_STATE_DIR": str(tmp_path / "s"),
        "CITYRANK_DATA_DIR": str(tmp_path / "d"),
    }
    return subprocess.run(
        [sys.executable, "-c", f"QUIT_AT_FIRST_FRAME = {quit_at_first_frame}\n{START}"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def test_the_first_frame_is_drawn_before_polars_is_imported(tmp_path):
    """As `cityrank-tui` starts: the modules of the first screen, the catalogue and the first
    frame need no polars; the real tab, right after, does."""
    done = start(tmp_path, quit_at_first_frame=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "(False, True) (True, False)"


def test_with_an_imported_index_the_first_frame_is_still_drawn_before_polars(tmp_path, monkeypatch):
    """A user with imports: listing their tabs (their metadata checked against the entries'
    column names, core/schema.Schema's names) needs no polars either."""
    from cityrank_tui.cli import main

    csv = tmp_path / "mine.csv"
    csv.write_text("Rank,City,Score\n1,Paris,5\n2,Lyon,4\n")
    for name, folder in (("CONFIG", "c"), ("STATE", "s"), ("DATA", "d")):
        monkeypatch.setenv(f"CITYRANK_{name}_DIR", str(tmp_path / folder))  # start()'s folders
    assert main(["import", str(csv), "--id", "mine", "--name", "Mine"]) == 0
    assert "columns" in (tmp_path / "d" / "indexes" / "mine.toml").read_text()
    done = start(tmp_path, quit_at_first_frame=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "(False, True) (True, False)"


def test_a_quit_before_the_real_tab_is_in_ends_cleanly(tmp_path):
    """The app ending while its first tab is still the first screen: no error (a real tab
    mounted into a screen being closed was one)."""
    done = start(tmp_path, quit_at_first_frame=True)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stdout + done.stderr
    assert done.stdout.split("\n")[-2].startswith("(False, True) ")


LAZY = textwrap.dedent(
    """
    import sys, threading
    from cityrank_tui.core import lazypolars
    lazypolars.install()
    import polars as pl
    stand = pl
    assert not lazypolars.loaded() and "polars._plr" not in sys.modules
    got = []
    threads = [threading.Thread(target=lambda: got.append(pl.DataFrame)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    import polars
    from polars.datatypes import String
    assert lazypolars.loaded() and polars is not stand and sys.modules["polars"] is polars
    assert len(got) == 4 and all(g is polars.DataFrame for g in got)
    assert pl.DataFrame({"a": ["x"]}).schema["a"] == String == pl.String
    print("ok")
    """
)


def test_polars_behind_the_stand_in_is_polars_once_first_read():
    done = subprocess.run(
        [sys.executable, "-c", LAZY], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr
