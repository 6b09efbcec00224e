"""The profile's wording (#24 item 17), London at 80×24: cautions name their family, the chart
says which editions it leaves out, wrapped lines keep their indentation, a family is spelled
one way, and GII's figure is called what it is (Share %, as in the comparison)."""

from __future__ import annotations

import re

from cityrank_tui.tui.screens.profile import HangingText, ProfileScreen
from tests.support.waiting import wait_until

LONDON = ["number_sign", "3", "enter", "p"]  # ICI 2014 rank 3


async def london_profile(app, pilot) -> list[str]:
    await pilot.press(*LONDON)
    await wait_until(pilot, lambda: isinstance(app.screen, ProfileScreen), "the profile")
    body = app.screen.query_one(HangingText)
    await wait_until(pilot, lambda: body.size.width > 0, "laid out")
    await wait_until(
        pilot, lambda: str(body.render()) != body.source.plain, "the text wrapped to the screen"
    )
    return str(body.render()).split("\n")


async def test_profile_words_at_80x24(app, catalog):
    async with app.run_test(size=(80, 24)) as pilot:
        lines = await london_profile(app, pilot)
        text = "\n".join(lines)
        width = app.screen.query_one(HangingText).size.width
        assert all(len(line) <= width for line in lines)
        # every caution names its family, spelled as in the lines above it
        moved = text.split("Between editions")[1]
        names = {m[1].strip() for m in re.finditer(r"^  (\S.*?)\s+\d+ → \d+:", moved, re.M)}
        assert {"GII clusters", "GFCI", "Resonance"} <= names, names
        cautions = [line for line in lines if line.strip().startswith("⚠")]
        assert cautions
        for line in cautions:
            assert any(line.strip().startswith(f"⚠ {n}:") for n in names), line
        assert "RESONANCE" not in text and "GII clusters 2023" in text
        # the chart names the edition it cannot draw (GFCI 35: no list size held)
        chart = " ".join(text.split("Across editions")[1].split())
        assert "not charted: 35 (rank 2 of ?" in chart, chart
        # a wrapped sub-line keeps its indentation
        at = next(n for n, line in enumerate(lines) if line.startswith("    Economics"))
        assert lines[at + 1].startswith("    ") and lines[at + 1].strip(), lines[at : at + 2]
        # GII's figure is WIPO's share, called as the comparison and the tab call it
        gii = next(line for line in lines if line.startswith("GII clusters 2023"))
        label = catalog.get("gii-2023").measure("score").label
        assert label == "Share %" and gii.rstrip().endswith(f"1.3 {label}"), gii


def test_city_on_the_command_line_uses_the_same_words(cli):
    code, out, _ = cli("city", "London")
    assert code == 0
    gii = next(line for line in out.splitlines() if line.startswith("gii ") and "gii-2023" in line)
    assert "1.3 Share %" in gii, gii
    assert "  GII clusters 2023 → 2025:" in out and "GII 2023 → 2025" not in out
    assert "  Caution, GII clusters: 2025 changed the method" in out
