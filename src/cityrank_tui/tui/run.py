"""Start the app (imported lazily by the CLI)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .opening import Opening


def run_app(opening: Opening | None = None) -> int:
    """The app; with `opening`, a file opened (not imported) shown as its own tab."""
    import sys

    from ..core.catalog import Catalog
    from ..store import paths
    from ..termout import use_ascii_fallback
    from .app import CityRankApp

    catalog = Catalog(user_dir=paths.data_dir())
    catalog.indexes  # noqa: B018  (damaged bundled data fails here, as one line, before the screen is taken)
    use_ascii_fallback(sys.__stderr__)  # Textual draws on stderr: ASCII stand-ins, never \u25b6
    app = CityRankApp(catalog, opening)
    app.run()
    return app.return_code or 0
