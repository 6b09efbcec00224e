"""London's profile at 80×24: a line that wraps goes on under the text it continues (after the
family name, the chart's bars, a 'name: ' label), not under the family name, where it read as
a row of its own."""

from __future__ import annotations

from cityrank_tui.tui.screens.profile import HangingText, ProfileScreen
from tests.support.waiting import wait_until

LONDON = ["number_sign", "3", "enter", "p"]  # ICI 2014 rank 3


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _continued(lines: list[str], start: str) -> tuple[str, str]:
    """The line starting with `start` (after its indentation) and the line it wraps on to."""
    at = next(n for n, line in enumerate(lines) if line.lstrip().startswith(start))
    return lines[at], lines[at + 1]


async def test_wrapped_profile_lines_start_under_their_text(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*LONDON)
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileScreen), "the profile")
        body = app.screen.query_one(HangingText)
        await wait_until(pilot, lambda: body.size.width > 0, "laid out")
        await wait_until(pilot, lambda: str(body.render()) != body.source.plain, "wrapped")
        lines = str(body.render()).split("\n")
        assert all(len(line) <= body.size.width for line in lines)
        # the chart: on under its first edition's words, past the family and the bars
        line, more = _continued(lines, "GII clusters     ▇")
        assert "not charted" in line and more.strip(), (line, more)
        assert _indent(more) == line.index("2023"), (line, more)
        # a caution: on under its text, past '⚠ GII clusters: '
        line, more = _continued(lines, "⚠ GII clusters:")
        assert _indent(more) == line.index("2025 changed"), (line, more)
        # an absence: on under what is said, past the edition's name
        line, more = _continued(lines, "GII clusters 2022: not in our data")
        assert _indent(more) == line.index("not in our data"), (line, more)
        # a source: its addresses go on under the first
        line, more = _continued(lines, "GII clusters 2025: http")
        assert _indent(more) == line.index("http"), (line, more)
