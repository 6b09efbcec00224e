"""A few key screens at fixed sizes (pytest-textual-snapshot; Textual is pinned exactly).

Regenerate after an intended visual change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from cityrank_tui.core.filters import Filter, View
from cityrank_tui.tui.app import CityRankApp

ASIA_NEXUS_53 = View(Filter(region="Asia", tiers=("NEXUS",), min_score=53))


def asia_nexus_53(app):
    app.screen.pane.set_view(ASIA_NEXUS_53)


def pick_seoul_tokyo_beijing(app):
    app.picks[:] = ["seoul-kr", "tokyo-jp", "beijing-cn"]


def pick_seoul_tokyo(app):
    app.picks[:] = ["seoul-kr", "tokyo-jp"]


def three_bookmarks(app):
    app.bookmarks.add("seoul-kr", "Seoul", note="office", list_name="Asia hubs")
    app.bookmarks.add("boston-us", "Boston")
    app.bookmarks.add(
        "atlantis-xx", "Atlantis"
    )  # a city no longer in the data: kept, shown as unknown
    app.marks_changed()


LONDON = ["number_sign", "3", "enter"]  # ICI 2014 opens on a two-city cluster
GII_2023 = ["3", "left_square_bracket", "left_square_bracket"]  # GII opens on 2025: two back


CASES = [
    ("first_tab_80x24", None, [], (80, 24)),
    ("asia_nexus_53_80x24", asia_nexus_53, [], (80, 24)),
    ("gii_2023_120x40", None, GII_2023, (120, 40)),
    ("family_tabs_80x24", None, ["3"], (80, 24)),  # GII 2025: not comparable with 2024
    ("family_tabs_120x40", None, ["8", "left_square_bracket"], (120, 40)),  # GFCI 37
    ("details_80x24", None, [*GII_2023, "enter"], (80, 24)),
    ("help_120x40", None, ["question_mark"], (120, 40)),
    ("empty_result_80x24", None, ["slash", *"atlantis", "enter"], (80, 24)),
    ("too_small_50x12", None, [], (50, 12)),
    ("profile_80x24", None, [*LONDON, "p"], (80, 24)),
    ("profile_120x40", None, ["j", "j", "j", "j", "j", "j", "p"], (120, 40)),
    ("compare_two_80x24", pick_seoul_tokyo, ["v"], (80, 24)),
    ("compare_three_120x40", pick_seoul_tokyo_beijing, ["v", "n"], (120, 40)),
    ("correlate_80x24", None, ["equals_sign", "down", "enter"], (80, 24)),
    ("correlate_120x40", None, ["equals_sign", "down", "enter"], (120, 40)),
    ("bookmarks_80x24", three_bookmarks, ["B"], (80, 24)),
    ("cities_80x24", None, ["C"], (80, 24)),
    ("cities_120x40", None, ["C"], (120, 40)),
    ("agreement_80x24", None, ["A"], (80, 24)),
    ("agreement_120x40", None, ["A"], (120, 40)),
    ("map_gii_2023_80x24", None, [*GII_2023, "g"], (80, 24)),
    ("map_oe_2024_120x40", None, ["5", "left_square_bracket", "g"], (120, 40)),
]


# Snapshots are named after the screen and size, so adding a case renames no other.
@pytest.mark.parametrize(("name", "preset", "keys", "size"), CASES, ids=[c[0] for c in CASES])
def test_snapshot(snap_compare, name, preset, keys, size):
    async def settle(pilot):
        await pilot.pause()
        if preset is not None:
            preset(pilot.app)
            await pilot.pause()

    assert snap_compare(CityRankApp(), press=keys, terminal_size=size, run_before=settle)
