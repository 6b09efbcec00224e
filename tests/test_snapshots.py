"""A few key screens at fixed sizes (pytest-textual-snapshot; Textual is pinned exactly).

Regenerate after an intended visual change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from cityrank_tui.core.filters import Filter, View
from cityrank_tui.tui.app import CityRankApp

ASIA_NEXUS_53 = View(Filter(region="Asia", tiers=("NEXUS",), min_score=53))


@pytest.mark.parametrize(("name", "keys", "size"), [
    ("first_tab_80x24", [], (80, 24)),
    ("asia_nexus_53_80x24", ["asia-nexus-53"], (80, 24)),
    ("gii_2023_120x40", ["3"], (120, 40)),
    ("details_80x24", ["3", "enter"], (80, 24)),
    ("help_120x40", ["question_mark"], (120, 40)),
    ("empty_result_80x24", ["slash", *"atlantis", "enter"], (80, 24)),
    ("too_small_50x12", [], (50, 12)),
])
def test_snapshot(snap_compare, name, keys, size):
    preset = keys == ["asia-nexus-53"]

    async def settle(pilot):
        await pilot.pause()
        if preset:
            pilot.app.screen.pane.set_view(ASIA_NEXUS_53)
            await pilot.pause()

    assert snap_compare(CityRankApp(), press=[] if preset else keys, terminal_size=size, run_before=settle)
