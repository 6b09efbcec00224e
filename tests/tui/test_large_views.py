"""Behaviour kept while the search box, palette and export were made fast for large indexes
(issue 15). No timings here: bench/filter.py and bench/peers.py measure those."""

from __future__ import annotations

from tests.support.screen import screen_text, wait_for_export
from tests.support.waiting import wait_for_command, wait_until

SIZE = (80, 24)


def footer_line(app) -> str:
    return screen_text(app)[-SIZE[0] :]


async def test_footer_shows_the_keys_that_work_while_searching_and_all_of_them_after_esc(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = footer_line(app)
        assert "/ Search" in before and "r Region" in before and "? Help" in before
        for _ in range(2):  # the second time the footer reuses the keys it already holds
            await pilot.press("slash", "s", "e")
            await pilot.pause()
            searching = footer_line(app)
            assert "r Region" not in searching and "/ Search" not in searching
            assert "Help" in searching and "Palette" in searching
            await pilot.press("escape")
            await pilot.pause()
            assert footer_line(app) == before
            assert "row 1 of 151" in screen_text(app)  # Esc put back the view from before


async def test_palette_finds_a_city_of_a_large_import_far_past_the_first_rows(tmp_path):
    """The palette searched only the first 5,000 cities; any imported city is found now."""
    from cityrank_tui.tui.app import CityRankApp
    from tests.support.hostile_terminal import run

    rows = 12_000
    source = tmp_path / "big.csv"
    source.write_text(
        "Rank,City,Country\n"
        + "".join(f"{n},Qtown {n},Land {n % 7}\n" for n in range(1, rows + 1)),
        encoding="utf-8",
    )
    assert run("import", str(source), "--id", "big-2026", "--name", "Big").returncode == 0
    app = CityRankApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"Profile of qtown 11987")
        await wait_for_command(pilot, "Profile of Qtown 11987")
        assert "Profile of Qtown 11987" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Qtown 11987" in screen_text(app) and "Big" in screen_text(app)


async def test_palette_folds_accents_and_offers_each_verb(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"zurich")
        verbs = ("Jump to Zürich", "Profile of Zürich", "Pick Zürich for comparison")
        await wait_until(
            pilot,
            lambda: all(verb in screen_text(app) for verb in verbs),
            f"the palette offers {verbs}",
        )


def test_fast_fold_of_city_names_equals_the_full_fold(catalog):
    import polars as pl

    from cityrank_tui.core.textnorm import fold_expr
    from cityrank_tui.tui.city_search import _folded

    odd = [" Lead", "Trail ", "Two  spaces", "Tab\tX", "ÅLAND", "straße", "", "ABC-def", "İstanbul"]
    for names in (catalog.cities["name"].fill_null(""), pl.Series("name", odd)):
        assert _folded(names).equals(names.to_frame().select(fold_expr(pl.col("name"))).to_series())


async def _export_with_a_gate(monkeypatch, tmp_path, app, then):
    """Export ici-2014 (151 rows) as CSV 50 rows at a time, the writer held after its first
    chunk until `then(pilot, gate)` has looked at the screen and opened the gate."""
    import threading

    from cityrank_tui.core import render
    from cityrank_tui.tui.widgets import index_pane

    monkeypatch.setattr(render, "CSV_CHUNK", 50)
    gate = threading.Event()
    real = index_pane.write_export

    def held(frame, info, fmt, path, progress, stop, view=""):
        def report(rows: int) -> None:
            progress(rows)
            gate.wait(10)

        real(frame, info, fmt, path, report, stop, view)

    monkeypatch.setattr(index_pane, "write_export", held)
    target = tmp_path / "view.csv"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e", "enter")  # CSV
        await pilot.pause()
        from textual.widgets import Input

        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        # the progress line itself, in the tab's summary (the word alone can be read while the
        # screen is between the dialog and the tab, which left the next read with no summary)
        await wait_until(
            pilot,
            lambda: "Exporting… 50 of 151 rows" in screen_text(app),
            "the first chunk is reported in the tab's summary",
        )
        await then(pilot, gate)
        gate.set()
        await wait_for_export(app)
        await pilot.pause()
        return target, screen_text(app)


async def test_export_shows_its_progress_off_the_ui_thread_then_writes_the_file(
    app, monkeypatch, tmp_path
):
    async def look(pilot, gate):
        assert "Exporting… 50 of 151 rows · Esc stops" in screen_text(pilot.app)
        await pilot.press("j")  # the app still takes keys while the file is written

    target, shown = await _export_with_a_gate(monkeypatch, tmp_path, app, look)
    assert "Wrote 151 rows" in shown
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("index,rank") and len(lines) == 152


async def test_esc_stops_an_export_and_writes_nothing(app, monkeypatch, tmp_path):
    async def stop(pilot, gate):
        await pilot.press("escape")
        await pilot.pause()
        assert "Stopping" in screen_text(pilot.app)

    target, shown = await _export_with_a_gate(monkeypatch, tmp_path, app, stop)
    assert "Export stopped: nothing was written." in shown
    assert not target.exists() and list(tmp_path.iterdir()) == []
