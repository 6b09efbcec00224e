"""The app driven with Pilot: every interaction of the browser, at 80×24 unless stated."""

from __future__ import annotations

from cityrank_tui.tui.widgets.tab_strip import tab_window


def test_tab_window_moves_as_little_as_it_must():
    widths = [10] * 7  # seven tabs of 10 cells, one-cell gaps
    assert tab_window(widths, 0, 0, 80) == (0, 7)  # 76 cells: all fit
    first, last = tab_window(widths, 6, 0, 40)
    assert first <= 6 < last and last == 7
    assert tab_window(widths, 4, first, 40) == (first, last)  # still in view: nothing moves
    assert tab_window(widths, 0, first, 40)[0] == 0  # back to the start
    assert tab_window(widths, 3, 0, 5) == (3, 4)  # narrower than one tab: the active one alone
    assert tab_window([], 0, 0, 80) == (0, 0)
