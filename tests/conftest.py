from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from cityrank_tui.cli import main
from cityrank_tui.core import cityview
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.schema import conform
from cityrank_tui.store.userindexes import save
from tests.support.hostile_terminal import TITLE, EvilImports
from tests.support.waiting import quicker_idle_checks

quicker_idle_checks()


def pytest_collection_modifyitems(config, items):
    """Tests marked `browser` (a real Chromium) run only when asked for: `pytest -m browser`."""
    if "browser" in (config.getoption("markexpr", "") or ""):
        return
    chosen = [i for i in items if i.get_closest_marker("browser") is None]
    if len(chosen) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in chosen])
        items[:] = chosen


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path, monkeypatch):
    """Every test gets empty config, data and state folders of its own."""
    monkeypatch.setenv("CITYRANK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CITYRANK_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.setenv("CITYRANK_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("CITYRANK_BUNDLED_DIR", raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog()


@pytest.fixture
def cli(capsys):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def app():
    """A fresh app (made after the isolated folders are set, so it reads them)."""
    from cityrank_tui.tui.app import CityRankApp

    return CityRankApp()


# Fixtures shared by the test_bookmarks tests of more than one folder.
@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "config" / "bookmarks.toml"


# Fixtures shared by the test_cityview tests of more than one folder.
@pytest.fixture(scope="module")
def table(catalog):
    return cityview.city_table(catalog)


# Fixtures shared by the test_compare tests of more than one folder.
# -- correlation ---------------------------------------------------------------------------
@pytest.fixture
def two_small_indexes(tmp_path):
    """Two hand-made indexes over five known cities, for a correlation worked out by hand."""
    ids = ["seoul-kr", "tokyo-jp", "beijing-cn", "paris-fr", "london-gb"]

    def make(index_id, ranks, ids=ids):
        frame = pl.DataFrame(
            {
                "index": [index_id] * len(ranks),
                "rank": ranks,
                "name": ids[: len(ranks)],
                "city_ids": [[c] for c in ids[: len(ranks)]],
                "source_url": ["https://example.org/"] * len(ranks),
                "search_text": ids[: len(ranks)],
            }
        )
        save(tmp_path, index_id, {"name": index_id, "universe_size": 5}, conform(frame))

    make("a", [1, 2, 3, 4, 5])
    make("b", [2, 1, 4, 3, 5])
    make("ties", [1, 2, 2, 4])
    make("pair", [1, 2])
    make("elsewhere", [1, 2], ids=["boston-us", "madrid-es"])
    make("unrelated", [2, 5, 3, 1, 4])  # d = (-1, -3, 0, 3, 1); Σd² = 20; ρ = 1 - 120/120 = 0
    return Catalog(user_dir=tmp_path)


# Fixtures shared by the test_hostile_terminal tests of more than one folder.


@pytest.fixture(scope="session")
def evil_imports(tmp_path_factory) -> EvilImports:
    return EvilImports(tmp_path_factory.mktemp("evil-imports"))


@pytest.fixture
def evil_index(tmp_path: Path, evil_imports: EvilImports) -> Path:
    """The hostile index, its name and attribution hostile too (imported once, copied here)."""
    return evil_imports.into(tmp_path, f"Evil{TITLE}", "By\x1b[2J someone")
