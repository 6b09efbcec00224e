from __future__ import annotations

import pytest

from cityrank_tui.cli import main
from cityrank_tui.core.catalog import Catalog


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
