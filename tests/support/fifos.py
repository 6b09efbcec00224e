"""A FIFO at every path of the user's files the app reads (issue 26: nothing may wait on one)."""

from __future__ import annotations

import os
from pathlib import Path

from cityrank_tui.store import paths


def plant_fifos() -> list[Path]:
    """Make FIFOs of config.toml, bookmarks.toml (and its lock), state.toml, a stray metadata
    file and an imported index's data files. Needs an index imported as `mine` first: its
    metadata is copied to name FIFO data files."""
    folder = paths.data_dir() / "indexes"
    meta = (folder / "mine.toml").read_text()
    entries = next(folder.glob("mine.*.parquet"))
    (folder / "fifo-data.toml").write_text(
        meta.replace(entries.name, "fifo-data.1.parquet")
        + 'cities_file = "fifo-data.1.cities.parquet"\n'
    )
    planted = [
        paths.config_file(),
        paths.bookmarks_file(),
        paths.bookmarks_file().with_name("bookmarks.toml.lock"),
        paths.state_file(),
        folder / "zz.toml",
        folder / "fifo-data.1.parquet",
        folder / "fifo-data.1.cities.parquet",
    ]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        os.mkfifo(path)
    return planted
