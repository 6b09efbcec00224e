"""An installed wheel (not the checkout) finds the bundled data."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_ships_the_data(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("cityrank_tui-*.whl"))
    assert wheel.stat().st_size <= 10_000_000  # 2.1 MB with 28 editions and the GeoNames table
    names = zipfile.ZipFile(wheel).namelist()
    assert "cityrank_tui/_data/places.parquet" in names
    assert "cityrank_tui/_data/entries/gawc-2020.parquet" in names
    assert "cityrank_tui/_data/land.parquet" in names  # the world map's land, made at build time
    # Installed once, beside this environment's dependencies (no second venv): the target
    # folder comes first on the path, so `cityrank_tui` is the wheel's, not the checkout's.
    target = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target"]
    subprocess.run(
        [*pip, str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    exe = target / "bin" / "cityrank-tui"
    env = {**os.environ, "PYTHONPATH": str(target)}
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    result = subprocess.run(
        [str(exe), "indexes"], cwd=workdir, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "ici-2014" in result.stdout and "47 of 100 clusters bundled" in result.stdout
    # the map needs nothing beyond the runtime dependencies (no land package installed here)
    drawn = subprocess.run(
        [str(exe), "map", "gii-2023", "--width", "60"],
        cwd=workdir,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # braille, whatever the locale
        check=False,
    )
    assert drawn.returncode == 0, drawn.stderr
    assert "⣿" in drawn.stdout and "Ranks 1–9: 1 Tokyo–Yokohama" in drawn.stdout
    paths = subprocess.run(
        [str(exe), "--paths"], cwd=workdir, env=env, capture_output=True, text=True, check=False
    ).stdout
    bundled = next(line for line in paths.splitlines() if line.startswith("bundled data:"))
    assert str(target / "cityrank_tui" / "_data") in bundled, bundled
    # what pip would install beside it: the project's own dependencies, as pyproject names them
    metadata = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/METADATA"))
    )
    requires = {
        str(Requirement(line.split(":", 1)[1].strip()))  # one spelling: specifiers sorted
        for line in metadata.decode().splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert requires == {str(Requirement(r)) for r in project["dependencies"]}
