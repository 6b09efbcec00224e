"""A sort order computed ahead on a worker thread is the order a key computes, and a key that
asks for it while the worker is still at it waits for that one computation."""

from __future__ import annotations

import threading

import polars as pl

from cityrank_tui.core.filters import Sort, ViewCache


def frame(rows: int = 2_000) -> pl.DataFrame:
    names = [f"Town {(n * 7919) % rows}" for n in range(rows)]
    return pl.DataFrame(
        {
            "rank": list(range(1, rows + 1)),
            "tier_order": [None] * rows,
            "name": names,
            "country": [f"Country {n % 13}" for n in range(rows)],
        },
        schema_overrides={"tier_order": pl.Int8},
    )


def by_hand(data: pl.DataFrame, column: str) -> list[int]:
    """The stable order by one text column, ascending: Python's sort of (value, position)."""
    values = data[column].to_list()
    return sorted(range(len(values)), key=lambda i: (values[i], i))


def test_a_key_asking_for_an_order_the_worker_is_computing_waits_for_it(monkeypatch):
    data = frame()
    cache = ViewCache(data)
    started, release = threading.Event(), threading.Event()
    calls: list[Sort] = []
    compute = ViewCache._compute_order

    def slow(self, sort):
        calls.append(sort)
        started.set()
        release.wait(30)
        return compute(self, sort)

    monkeypatch.setattr(ViewCache, "_compute_order", slow)
    by_name = Sort("name")
    results: dict[str, list[int]] = {}
    worker = threading.Thread(target=lambda: results.update(worker=cache.order(by_name).to_list()))
    worker.start()
    assert started.wait(30)
    key = threading.Thread(target=lambda: results.update(key=cache.order(by_name).to_list()))
    key.start()
    key.join(0.2)  # timed: the key must still be waiting while the worker computes
    assert key.is_alive() and "key" not in results
    release.set()
    worker.join(30)
    key.join(30)
    assert calls == [by_name]  # computed once
    assert results["worker"] == results["key"] == by_hand(data, "name")


def test_orders_asked_from_two_threads_are_each_right_and_at_most_keep_are_kept():
    data = frame()
    cache = ViewCache(data, keep=2)
    sorts = [Sort("name"), Sort("country"), Sort(), Sort("name", True)] * 5
    errors: list[BaseException] = []
    got: list[tuple[Sort, list[int]]] = []

    def ask(chosen: list[Sort]) -> None:
        try:
            for sort in chosen:
                got.append((sort, cache.order(sort).to_list()))
        except BaseException as exc:  # a failure in the thread is the test's failure
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(sorts[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and len(got) == len(sorts)
    assert len(cache._orders) <= 2 and not cache._pending
    expected = {
        Sort("name"): by_hand(data, "name"),
        Sort("country"): by_hand(data, "country"),
        Sort(): list(range(data.height)),
    }
    for sort, order in got:
        if sort in expected:
            assert order == expected[sort]
