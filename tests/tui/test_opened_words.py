"""#24 item 20 on screen: an opened file's tab speaks of the opened file, never of "our data"
or "the imported file", and shows the scale its score column's name gives."""

from __future__ import annotations

from cityrank_tui.core.opened import OpenRequest, read_head
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.opening import start
from tests.support.opening import excel_csv
from tests.support.screen import screen_text
from tests.support.waiting import wait_until


async def _header(tmp_path, rows) -> str:
    path = excel_csv(tmp_path, "eigene.csv", rows)
    app = CityRankApp(opening=start(read_head(OpenRequest(path))))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "eigene.csv" in screen_text(app), "the opened tab")
        await wait_until(pilot, lambda: not app.screen.pane.status, "linked")
        return screen_text(app)


async def test_an_opened_file_without_scores_says_so_in_its_own_words(tmp_path):
    text = await _header(tmp_path, [("Rang", "Stadt"), ("1", "Wien"), ("2", "Graz")])
    assert "no score column in the opened file" in text
    assert "no scores published in our data" not in text


async def test_an_opened_files_score_shows_the_scale_its_heading_gives(tmp_path):
    rows = [("Rank", "City", "Score (0-100)"), ("1", "Wien", "90"), ("2", "Graz", "80")]
    text = await _header(tmp_path, rows)
    assert "Score: 0-100" in text
    assert "imported file" not in text


async def test_the_opened_tab_says_what_linking_found_as_import_does(tmp_path):
    """Only the last report line ('3 of 3 names linked…') was said; ties and a London taken
    in Ontario were said by import only."""
    rows = [("Rang", "Stadt", "Land"), ("1", "London", "Kanada"), ("1", "Wien", "Österreich")]
    path = excel_csv(tmp_path, "eigene.csv", rows)
    app = CityRankApp(opening=start(read_head(OpenRequest(path))))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: not app.screen.pane.status, "linked")
        said = lambda: " ".join(n.message for n in app._notifications)  # noqa: E731
        await wait_until(pilot, lambda: "London -> London, Ontario, Canada" in said(), "said")
        notes = app.screen.opening.current.notes  # what M keeps: the whole report
        assert any("1 rank is shared by several rows" in note for note in notes)
        assert any("linked to a place GeoNames shares the name of" in note for note in notes)
