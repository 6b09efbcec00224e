"""Filter, search, sort, `/` and Esc latency on a synthetic index loaded like any imported index.

Measures, headless at 120x40, in-process (the outside-in figures through a terminal are in
bench/peers.py):

- opening the tab (read + first paint);
- each filter or sort change to the repainted table;
- sorts twice: COLD (the first time that order is asked for: the app's cache of recent sort
  orders is emptied first) and WARM (answered from that cache, as a repeat of a recent sort is);
- typing a search letter by letter in the search box, each keystroke to the frame that shows the
  table's new rows;
- the same text sent in one burst (every key at once), to the frame with its rows: keys that
  come faster than the rows are searched are searched once, for the latest text;
- `/` (the search box opens) and Esc (it closes and the view before the search is back), to the
  last frame drawn for that key.

Keys are handed to the app as its terminal driver does, and timed from there to the frames the
app writes: not with Pilot.press, which waits for the app to go idle (at least 40 ms) before it
returns.

The reference, measured in the same run on the same frame, is plain polars: the filter expression
or the arg-sort alone, with nothing drawn. Medians of --repeat runs; the process's peak memory.

    python bench/filter.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

SORTS = [("score", True), ("name", False), ("country", False), ("tier", False), ("rank", True)]
TYPED = "city 12345"
RARE = "q"  # no synthetic name holds it


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


def median_of(times: list[float]) -> float:
    return statistics.median(times) if times else float("nan")


def plain_polars(frame: Any, fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def run(rows: int, repeat: int, typing_only: bool = False) -> None:
    from synthetic import make
    from textual import events
    from textual.widgets import Input

    from cityrank_tui.core.filters import Filter, Sort, View
    from cityrank_tui.tui.app import CityRankApp

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(CITYRANK_CONFIG_DIR=tmp, CITYRANK_STATE_DIR=tmp, CITYRANK_DATA_DIR=tmp)
        t0 = time.perf_counter()
        make(Path(tmp), rows)
        print(f"made {rows:,} rows in {time.perf_counter() - t0:.2f} s")
        app = CityRankApp()
        frames: list[float] = []  # when each frame was composed for the terminal
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                frames.append(time.perf_counter())
            display(screen, renderable)

        app._display = timed_display  # type: ignore[method-assign]
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            app.screen.goto_index("synthetic")
            while not (
                app.screen.pane
                and app.screen.pane.info.id == "synthetic"
                and app.screen.pane.table.painted
            ):
                await asyncio.sleep(0.001)
            opened = time.perf_counter() - start
            pane = app.screen.pane
            frame = pane.cache.frame

            async def change(view: View) -> float:
                if view == pane.view:
                    return 0.0  # nothing to redraw
                pane.table.painted = False
                start = time.perf_counter()
                pane.set_view(view)
                while not pane.table.painted:
                    await asyncio.sleep(0.0005)
                took = time.perf_counter() - start
                await pilot.pause()
                return took

            # The first sort by name, then by country, as a user meets it after a moment on
            # the table: the pane computes those orders on a worker once it is shown. Waited
            # for with --typing-only too: typing then competes with no sort still computed.
            ahead = [Sort().toggled(f, pane.info) for f in ("name", "country")]
            idle = time.perf_counter()
            while not all(sort in pane.cache._orders for sort in ahead):
                await asyncio.sleep(0.01)
            idle = time.perf_counter() - idle
            after_idle = {}
            for sort in ahead if not typing_only else ():
                after_idle[sort.field] = await change(View(sort=sort))
                await change(View())

            changes = {
                "tier": View(Filter(tiers=("B",))),
                "region": View(Filter(region="Eastern Asia")),
                "score range": View(Filter(min_score=20, max_score=60)),
                "search": View(Filter(text="city 12345")),
                "combined": View(
                    Filter(region="Europe", tiers=("A", "B"), min_score=70, text="zurich")
                ),
                "sort score desc": View(sort=Sort("score", True)),
                "sort name": View(sort=Sort("name")),
                "clear": View(),
            }
            # Applied one after another, so each differs from the view before it.
            timings: dict[str, list[float]] = {k: [] for k in changes}
            for _ in range(0 if typing_only else repeat):
                for label, view in changes.items():
                    timings[label].append(await change(view))

            cold: dict[str, list[float]] = {f: [] for f, _ in SORTS}
            warm: dict[str, list[float]] = {f: [] for f, _ in SORTS}
            for _ in range(0 if typing_only else repeat):
                for field, desc in SORTS:
                    pane.cache._orders.clear()  # the first time this order is asked for
                    await change(View())
                    cold[field].append(await change(View(sort=Sort(field, desc))))
                    await change(View())
                    warm[field].append(await change(View(sort=Sort(field, desc))))
            await change(View())

            def send(key: str) -> float:
                """The key, as the terminal driver hands it to the app; when it was sent.

                Not Pilot.press: it waits for the app to go idle (at least 2 x 20 ms) before
                it returns, which would be counted as the key's cost.
                """
                char = " " if key == "space" else key if len(key) == 1 else None
                start = time.perf_counter()
                app._driver.send_message(events.Key(key, char))  # type: ignore[union-attr]
                return start

            async def key_to_last_frame(key: str, settle: float = 0.25) -> float:
                """From the key to the last frame drawn for it (frames stop for `settle` s)."""
                frames.clear()
                start = send(key)
                await asyncio.sleep(settle)
                return max(frames) - start if frames else float("nan")

            async def key_to_rows(key: str) -> float:
                """From the key to the frame that shows the table's new rows."""
                pane.table.painted = False
                frames.clear()
                start = send(key)
                while not (pane.table.painted and frames):
                    await asyncio.sleep(0.0005)
                took = frames[-1] - start  # the frame of that paint: drawn in the same call
                # the count of all the rows shown (on a worker, when only the first rows were)
                while getattr(pane, "counting", False):
                    await asyncio.sleep(0.0005)
                counted.append(time.perf_counter() - start)
                await asyncio.sleep(0.05)  # let the key's other work (footer, summary) finish
                return took

            typing: list[list[float]] = [[] for _ in TYPED]
            counted: list[float] = []  # key -> every row counted, for each key typed
            slash: list[float] = []
            escape: list[float] = []
            for _ in range(repeat):
                slash.append(await key_to_last_frame("slash"))
                box = pane.query_one(Input)
                box.cursor_blink = False  # a blinking cursor would draw frames of its own
                for n, char in enumerate(TYPED):
                    typing[n].append(await key_to_rows("space" if char == " " else char))
                await asyncio.sleep(0.1)
                escape.append(await key_to_last_frame("escape"))
            # A first key that no row holds (nothing narrows it; its rows are not in the first
            # rows read): to the frame it draws, and to its count.
            rare: list[float] = []
            rare_counted: list[float] = []
            for _ in range(repeat):
                await key_to_last_frame("slash")
                pane.query_one(Input).cursor_blink = False
                pane.cache._last_search = None  # a search never made before, as on a first 'q'
                rare.append(await key_to_rows(RARE))
                rare_counted.append(counted[-1])
                await asyncio.sleep(0.1)
                await key_to_last_frame("escape")
            # A burst: every key of the text sent at once (a paste, fast typing, a slow link),
            # from the first key to the frame showing the rows of the whole text.
            burst: list[float] = []
            for _ in range(repeat):
                await key_to_last_frame("slash")
                pane.table.painted = False
                frames.clear()
                start = send(TYPED[0])
                for char in TYPED[1:]:
                    send("space" if char == " " else char)
                while not (pane.view.filter.text == TYPED and pane.table.painted and frames):
                    await asyncio.sleep(0.0005)
                burst.append(frames[-1] - start)
                await asyncio.sleep(0.1)
                await key_to_last_frame("escape")
            await pilot.pause()

    # The reference: plain polars on the same frame, nothing drawn.
    search = Filter(text="city 1").expr()
    ref_filter = plain_polars(frame, lambda: frame.select(search), repeat)
    # polars' own search for each text typed, one full scan each, in this same run
    searches = [Filter(text=TYPED[: n + 1]).expr() for n in range(len(TYPED))]
    ref_typed = [
        plain_polars(frame, lambda e=e: frame.select(e), repeat)  # type: ignore[misc]
        for e in searches
    ]
    print(f"open the {rows:,}-row tab: {opened * 1000:.0f} ms")
    if not typing_only:
        report_changes(frame, timings, cold, warm, after_idle, idle, ref_filter, repeat)
    every_key = [t for ts in typing for t in ts]
    print(f'typing "{TYPED}" in the search box, keystroke -> repaint:')
    print("  per key: key -> rows on screen / polars' own search of that text (ratio):")
    for n, ts in enumerate(typing):
        print(
            f"    {TYPED[: n + 1]!r:14} {ms(median_of(ts))} (worst {ms(max(ts))})"
            f" / {ms(ref_typed[n])}  ({median_of(ts) / ref_typed[n]:.2f}x)"
        )
    print(
        f"  key -> all its rows counted (the summary's count): median {ms(median_of(counted))},"
        f" worst {ms(max(counted))}"
    )
    print(
        f"  median {ms(median_of(every_key))}, worst key {ms(max(median_of(t) for t in typing))}"
        f" (first key {median_of(typing[0]) / ref_filter:.2f}x the plain polars search)"
    )
    print(
        f'  "{TYPED}" sent in one burst, first key -> its rows: median {ms(median_of(burst))}'
        f" ({median_of(burst) / len(TYPED) * 1000:.0f} ms a key;"
        f" {median_of(burst) / ref_filter:.2f}x one plain polars search)"
    )
    ref_rare = plain_polars(frame, lambda: frame.select(Filter(text=RARE).expr()), repeat)
    print(
        f"  first key {RARE!r} (no row holds it) -> screen: median {ms(median_of(rare))},"
        f" -> its count: {ms(median_of(rare_counted))}; polars' own search {ms(ref_rare)}"
        f" ({median_of(rare) / ref_rare:.2f}x)"
    )
    print(f"'/' -> search box drawn: median {ms(median_of(slash))}")
    print(f"Esc -> box gone, view back: median {ms(median_of(escape))}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")


def report_changes(
    frame: Any,
    timings: dict[str, list[float]],
    cold: dict[str, list[float]],
    warm: dict[str, list[float]],
    after_idle: dict[str, float],
    idle: float,
    ref_filter: float,
    repeat: int,
) -> None:
    """Filters and sorts to the repainted table, against plain polars on the same frame."""
    import polars as pl

    from cityrank_tui.core.filters import Sort

    ref_sort = {
        field: plain_polars(
            frame,
            lambda f=field, d=desc: frame.select(  # type: ignore[misc]
                pl.arg_sort_by(Sort(f).column, descending=d, nulls_last=True, maintain_order=True)
            ),
            repeat,
        )
        for field, desc in SORTS
    }
    all_times = [t for ts in timings.values() for t in ts]
    for label, ts in timings.items():
        print(f"  {label:16} median {ms(median_of(ts))}")
    print(
        f"change -> repaint: median {median_of(all_times) * 1000:.1f} ms over {len(all_times)} changes"
    )
    print(f"reference: plain polars search mask over {frame.height:,} rows {ms(ref_filter)}")
    print("sort -> repaint, cold (first time) / warm (cached order) / plain polars arg-sort:")
    for field, desc in SORTS:
        print(
            f"  {field + (' desc' if desc else ''):12} cold {ms(median_of(cold[field]))}"
            f"  warm {ms(median_of(warm[field]))}  polars {ms(ref_sort[field])}"
            f"  (cold {median_of(cold[field]) / ref_sort[field]:.2f}x polars)"
        )
    print(
        "  first sort after a moment on the table (the orders computed ahead, "
        f"{idle * 1000:.0f} ms after it was shown): "
        + ", ".join(f"{f} {t * 1000:.0f} ms" for f, t in after_idle.items())
        + " (goal <= 200 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--typing-only", action="store_true", help="only the search box: /, typing, burst, Esc"
    )
    args = parser.parse_args()
    asyncio.run(run(args.rows, args.repeat, args.typing_only))


if __name__ == "__main__":
    main()
