"""Start the app (imported lazily by the CLI)."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .opening import Opening


# Screen sizes beyond any terminal: COLUMNS / LINES outside this are not the terminal's.
MAX_CELLS_ACROSS = 2000


def sane_size_env(environ: MutableMapping[str, str]) -> list[str]:
    """Drop COLUMNS / LINES that are not a plausible terminal size (rich and Textual size the
    screen from them: COLUMNS=100000 made a screen no frame of which was drawn in 30 s).
    The terminal's own size is used instead; returns the names dropped."""
    dropped = []
    for name in ("COLUMNS", "LINES"):
        value = environ.get(name)
        if value is None:
            continue
        if not (value.strip().isdigit() and 1 <= int(value) <= MAX_CELLS_ACROSS):
            del environ[name]
            dropped.append(name)
    return dropped


def run_app(opening: Opening | None = None) -> int:
    """The app; with `opening`, a file opened (not imported) shown as its own tab."""
    import os
    import sys

    from ..core import lazypolars

    lazypolars.install()  # polars is imported on first use: the first frame may come before it
    from ..core.catalog import Catalog
    from ..store import paths
    from ..termout import use_ascii_fallback
    from .app import CityRankApp

    catalog = Catalog(user_dir=paths.data_dir())
    catalog.indexes  # noqa: B018  (damaged bundled data fails here, as one line, before the screen is taken)
    use_ascii_fallback(sys.__stderr__)  # Textual draws on stderr: ASCII stand-ins, never \u25b6
    sane_size_env(os.environ)
    app = CityRankApp(catalog, opening, preview_first=True)
    app.run()
    return app.return_code or 0
