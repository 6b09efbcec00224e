"""Start the app (imported lazily by the CLI)."""

from __future__ import annotations


def run_app() -> int:
    from ..core.catalog import Catalog
    from ..store import paths
    from .app import CityRankApp

    catalog = Catalog(user_dir=paths.data_dir())
    catalog.indexes  # noqa: B018  (damaged bundled data fails here, as one line, before the screen is taken)
    app = CityRankApp(catalog)
    app.run()
    return app.return_code or 0
