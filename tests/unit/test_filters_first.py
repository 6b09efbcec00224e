"""A search's first screenful, found before the whole search, and the whole search done in slices
that a newer text can stop (issue 25): both must be exactly what a plain polars filter of the same
hand-made frame gives, the same rows in the same order."""

from __future__ import annotations

import polars as pl
import pytest

from cityrank_tui.core import filters
from cityrank_tui.core.filters import Filter, Sort, Stopped, View, ViewCache

N = 100_000  # several of the first screenful's steps (16,384 rows, then doubled)


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    i = pl.int_range(0, N, eager=True)
    names = [f"Town {(n * 7919) % N}" if n % 10 else f"Zürich {n}" for n in range(N)]
    return pl.DataFrame(
        {
            "rank": (i + 1).cast(pl.Int32),
            "name": names,
            "tier_order": pl.Series([n * 4 // N for n in range(N)], dtype=pl.Int8),
            "country": [None if n % 97 == 0 else f"Country {n % 151}" for n in range(N)],
            "score": [None if n % 13 == 0 else float((n * 31) % 1000) for n in range(N)],
        }
    ).with_columns(
        country_iso2=pl.lit(None, pl.String),  # a country filter reads these too
        country_name=pl.lit(None, pl.String),
        search_text=pl.col("name").str.to_lowercase().str.replace("ü", "u"),
    )


def plain(frame: pl.DataFrame, view: View) -> list[int]:
    """The view's rows as plain polars gives them: filter, then a stable sort, missing last."""
    needle = view.filter.text.lower()
    kept = frame.with_row_index("row").filter(
        pl.col("search_text").str.contains(needle, literal=True)
    )
    if view.filter.country:
        kept = kept.filter(pl.col("country") == view.filter.country)
    if view.sort != Sort():
        kept = kept.sort(
            view.sort.column, descending=view.sort.descending, nulls_last=True, maintain_order=True
        )
    return kept["row"].to_list()


TEXTS = ["t", "to", "town 1", "town 12", "zurich 9", "7", "zz", "town 99999"]
SORTS = [Sort(), Sort("name"), Sort("score", True), Sort("country")]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("country", [None, "Country 5"])
def test_first_rows_are_the_head_of_the_whole_search(frame, text, sort, country):
    view = View(Filter(text=text, country=country), sort)
    expected = plain(frame, view)
    cache = ViewCache(frame)
    if sort != Sort():
        assert cache.first(view, 40) is None  # its order is not computed yet: no shortcut
        cache.order(sort)
    found = cache.first(view, 40)
    assert found is not None
    rows, complete = found
    if complete:  # every row was read: that is the whole search
        assert rows.to_list() == expected
    else:
        assert len(expected) > 40
        assert rows.to_list() == expected[:40]
    # and the whole search after it (narrowed by what `first` kept, or not) agrees too
    assert cache.rows(view).to_list() == expected


@pytest.mark.parametrize("sort", SORTS)
def test_first_rows_of_a_text_few_rows_hold_stop_after_so_many_read(frame, sort):
    cache = ViewCache(frame)
    cache.order(sort)
    for text in TEXTS:
        view = View(Filter(text=text), sort)
        expected = plain(frame, view)
        found = cache.first(view, 40, read=20_000)
        assert found is not None
        rows, complete = found
        assert not complete  # 20,000 of 100,000 rows read
        assert rows.to_list() == expected[: len(rows)]  # the first of them, maybe fewer than 40
        if len(rows) < 40:  # none of the other rows read holds the text
            read = 20_000
            if sort == Sort():
                positions = list(range(read))
            else:
                positions = cache.order(sort).head(read).to_list()
            assert set(expected) & set(positions) == set(rows.to_list())


@pytest.mark.parametrize("sort", SORTS)
def test_a_search_in_slices_is_the_search_read_whole(frame, sort, monkeypatch):
    monkeypatch.setattr(filters, "SCAN_STEP", 7_001)  # slices that end anywhere in a name
    for text in TEXTS:
        view = View(Filter(text=text), sort)
        assert ViewCache(frame).rows(view, stop=lambda: False).to_list() == plain(frame, view)


def test_a_newer_text_stops_a_search_that_reads_every_row(frame, monkeypatch):
    monkeypatch.setattr(filters, "SCAN_STEP", 10_000)
    cache = ViewCache(frame)
    looks: list[int] = []

    def stop() -> bool:
        looks.append(1)
        return len(looks) > 3  # the newer text arrives while the fourth slice is due

    with pytest.raises(Stopped):
        cache.rows(View(Filter(text="to")), stop=stop)
    assert len(looks) == 4
    # nothing half-searched is kept as an answer: the same text searched again is whole
    assert cache.rows(View(Filter(text="to"))).to_list() == plain(frame, View(Filter(text="to")))


def test_reads_says_how_many_texts_a_search_reads(frame):
    cache = ViewCache(frame)
    assert cache.reads(Filter(text="to")) == N  # nothing searched before: every row
    assert cache.reads(Filter()) == 0  # no text: no search
    cache.rows(View(Filter(text="to")))
    assert cache.reads(Filter(text="to")) == 0  # the same text: its answer is at hand
    assert cache.reads(Filter(text="tow")) == N  # "to" kept nearly every row: read them all
    cache.rows(View(Filter(text="zurich")))  # a tenth of the rows
    assert cache.reads(Filter(text="zurich 1")) == N // 10  # only those are searched


def test_first_rows_after_a_shorter_text_come_from_the_rows_it_kept(frame):
    cache = ViewCache(frame)
    cache.rows(View(Filter(text="zurich")))
    for text in ("zurich 1", "zurich 12", "zurich 99990", "zurich 5x"):
        view = View(Filter(text=text))
        found = cache.first(view, 40)
        assert found is not None
        rows, complete = found
        expected = plain(frame, view)
        assert rows.to_list() == (expected if complete else expected[:40])
