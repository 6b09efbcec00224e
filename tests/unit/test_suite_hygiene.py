"""The suite never waits a fixed time for the app (issue 20): a fixed pause passes on a quiet
machine and fails beside busy ones. A test under tests/tui waits for the condition it needs
(tests/support/waiting.py); a fixed wait stays only where time itself is under test, with
`# timed: <why>` on its line."""

from __future__ import annotations

import re
from pathlib import Path

TUI = Path(__file__).resolve().parents[1] / "tui"

# pilot.pause(0.5), asyncio.sleep(1), time.sleep(DELAY): a time, not a condition. A bare
# pilot.pause() lets the app process what is queued and is not a fixed wait.
FIXED_WAIT = re.compile(r"\b(?:pause|sleep)\(\s*[^)\s]")


def fixed_waits(text: str) -> list[tuple[int, str]]:
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if FIXED_WAIT.search(line) and "# timed:" not in line
    ]


def test_the_pattern_finds_fixed_waits_and_leaves_conditions_alone():
    found = fixed_waits(
        "await pilot.pause(0.3)\n"
        "await asyncio.sleep(1)\n"
        "time.sleep( .5)\n"
        "await pilot.pause(delay=2)\n"
        "await asyncio.sleep(SAVE_DELAY)\n"
        "await pilot.pause(1.1)  # timed: type-ahead resets after a second\n"
        "await pilot.pause()\n"
        "await wait_until(pilot, lambda: done, 'x')\n"
    )
    assert [n for n, _ in found] == [1, 2, 3, 4, 5]


def test_no_tui_test_waits_a_fixed_time_unless_time_is_under_test():
    files = sorted(TUI.rglob("*.py"))
    assert files, TUI
    offenders = [
        f"{path.relative_to(TUI.parents[1])}:{number}: {line}"
        for path in files
        for number, line in fixed_waits(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, (
        "fixed waits in tests/tui (wait for a condition with tests/support/waiting.py, or mark "
        "a wait that tests time itself with '# timed: <why>'):\n" + "\n".join(offenders)
    )
