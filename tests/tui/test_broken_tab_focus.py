"""Keys typed straight after switching to a tab that cannot be opened never reach the tab
hidden by that switch.

The broken tab shows a message, not a table, so nothing of it can take focus; the focus stayed
on the hidden tab's table until the next refresh, and a key typed before that refresh (a burst,
a paste, a slow link) ran as a command there: `r` opened the hidden edition's region picker.
"""

from __future__ import annotations

import shutil

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen


async def test_a_key_typed_at_once_after_showing_a_broken_tab_does_nothing(tmp_path):
    bundled = tmp_path / "parquet"
    shutil.copytree(Catalog().bundled_dir, bundled)
    (bundled / "entries" / "gii-2022.parquet").write_bytes(b"not parquet")
    app = CityRankApp(Catalog(bundled_dir=bundled))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.goto_index("gii-2023")
        await pilot.pause()
        assert app.screen.pane is not None and app.screen.focused is app.screen.pane.table
        app.screen.goto_index("gii-2022")  # and the next key comes before any refresh
        assert app.screen.pane is None
        focused = app.screen.focused
        assert focused is None or all(w.display for w in focused.ancestors_with_self), (
            f"{focused} of a hidden tab keeps the focus"
        )
        await pilot.press("r")
        assert not isinstance(app.screen, PickScreen), "r reached the hidden gii-2023 tab"
