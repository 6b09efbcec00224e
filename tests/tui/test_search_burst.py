"""Keys typed faster than the rows are searched are searched once, for the latest text (issue 25:
at millions of rows each search reads every row, so searching each intermediate text of a burst
made the last key wait for all of them). No timings: bench/filter.py has those."""

from __future__ import annotations

from textual.widgets import Input

from tests.support.waiting import wait_until

SIZE = (80, 24)


async def test_texts_waiting_together_are_searched_once_for_the_last_of_them(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        pane = app.screen.pane
        searched: list[str] = []
        rows = pane.cache.rows

        def spy(view):
            searched.append(view.filter.text)
            return rows(view)

        pane.cache.rows = spy
        # Three changes of the box's text waiting at once, as a burst of keys leaves them
        for text in ("t", "to", "tok"):
            pane.post_message(Input.Changed(pane.summary, text))
        await wait_until(pilot, lambda: pane.view.filter.text == "tok", "the search for 'tok'")
        assert searched == ["tok"]
        assert [name for name in pane.result["name"]] == ["Tokyo"]


async def test_enter_keeps_a_text_not_yet_searched_and_esc_drops_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        pane = app.screen.pane
        # Esc while the text typed last waits to be searched: it must not be searched later
        pane.on_input_changed(Input.Changed(pane.summary, "seo"))
        pane.close_search(keep=False)
        await wait_until(pilot, lambda: not pane.searching, "the search box closed")
        await pilot.pause()
        assert pane.view.filter.text == ""
        assert len(pane.result) == 151

        await pilot.press("slash")
        pane.on_input_changed(Input.Changed(pane.summary, "seo"))
        pane.close_search(keep=True)  # Enter while it waits: kept, as one undo step
        assert pane.view.filter.text == "seo"
        assert list(pane.result["name"]) == ["Seoul"]
        await pilot.pause()
        assert pane.undo() and pane.view.filter.text == ""
