"""Exports in a browser session (`cityrank-tui serve`): the file reaches the visitor as a
download; no path on the server is shown or asked for, and nothing stays on the server."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path
from typing import Any

import polars as pl
from textual.app import App

from ..core.catalog import IndexInfo
from ..core.errors import CityRankError
from ..core.render import write_export


async def deliver_export(
    app: App[Any], rows: pl.DataFrame, info: IndexInfo, fmt: str, view: str = ""
) -> None:
    """Write the view to a private temporary folder (on a thread), hand it to the browser as a
    download, and remove the folder (the delivery keeps its open file)."""
    name = f"{info.id}-view.{fmt}"
    folder = Path(tempfile.mkdtemp(prefix="cityrank-export-"))
    try:
        target = folder / name
        try:
            await asyncio.to_thread(write_export, rows, info, fmt, target, None, None, view)
        except CityRankError as exc:
            app.notify(str(exc), severity="error", markup=False)
            return
        app.deliver_binary(target, save_filename=name)  # opens the file before returning
        app.notify(
            f"Sent {len(rows):,} rows with sources and attribution to your browser as {name}.",
            markup=False,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
