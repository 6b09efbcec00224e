"""Start the app (imported lazily by the CLI)."""

from __future__ import annotations


def run_app() -> int:
    from .app import CityRankApp

    app = CityRankApp()
    app.run()
    return app.return_code or 0
