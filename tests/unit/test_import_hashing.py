"""The import's faster steps give what the plain ones give (issue #25): names joined to keys by
their hashes are the pairs a join on the texts makes, even when hashes collide; the first rows
of the new cities are `is_first_distinct`'s; and the import command has polars' allocator give
freed memory back (its peak RSS), unless the user configured it."""

from __future__ import annotations

import os
import subprocess
import sys

import polars as pl
import pytest

from cityrank_tui.cli import ALLOCATOR_OPTIONS
from cityrank_tui.commands_cli import catalog
from cityrank_tui.core.importer import _joined_by_key
from cityrank_tui.store.userindexes import first_rows


def poor_hash(self: pl.Expr | pl.Series, *args: object, **kwargs: object) -> pl.Expr | pl.Series:
    """A hash that collides for every two texts of one length ('paris' and 'tokyo')."""
    return self.cast(pl.String).str.len_bytes().cast(pl.UInt64)


ROWS = pl.DataFrame(
    {
        "_row": pl.Series([0, 1, 2, 3, 4], dtype=pl.UInt32),
        "_key": ["paris", "tokyo", "lagos", "paris", "lima"],
        "country_iso2": [None, "JP", None, "FR", None],
    }
)
KEYS = pl.DataFrame(
    {
        "key": ["paris", "tokyo", "paris", "delhi", None],
        "city_id": ["paris-fr", "tokyo-jp", "paris-us", "delhi-in", "nameless"],
        "_info": pl.Series([0, 1, 2, 3, 4], dtype=pl.UInt32),
    }
)


def by_text() -> pl.DataFrame:
    return ROWS.join(KEYS, left_on="_key", right_on="key").sort("_row", "city_id")


@pytest.mark.parametrize("collide", [False, True])
def test_names_joined_by_hash_are_the_pairs_of_a_join_on_the_texts(monkeypatch, collide):
    if collide:  # every 5-letter key meets every 5-letter name by its hash alone
        monkeypatch.setattr(pl.Expr, "hash", poor_hash)
    got = _joined_by_key(ROWS, KEYS).sort("_row", "city_id")
    assert got.equals(by_text())
    # the hand-made answer: Paris twice (both rows), Tokyo once; Lagos and Lima nothing
    assert got.select("_row", "city_id").rows() == [
        (0, "paris-fr"),
        (0, "paris-us"),
        (1, "tokyo-jp"),
        (3, "paris-fr"),
        (3, "paris-us"),
    ]


IDS = [
    ["a:x-xx", "a:y-xx", "a:z-xx"],
    ["a:x-xx", "a:y-xx", "a:x-xx", None, None, "a:y-xx", "a:zz-fr"],
    ["a:one-xx"] * 4,
    [],
]


@pytest.mark.parametrize("ids", IDS)
@pytest.mark.parametrize("collide", [False, True])
def test_first_rows_are_each_ids_first_row(monkeypatch, ids, collide):
    if collide:  # ids of one length share a hash: the texts must decide
        monkeypatch.setattr(pl.Series, "hash", poor_hash)
    series = pl.Series("city_id", ids, dtype=pl.String)
    expected = [n for n, value in enumerate(ids) if value not in ids[:n]]
    assert first_rows(series).to_list() == expected


def run_import(tmp_path, env_extra: dict[str, str]) -> str:
    """Run `import` in a fresh interpreter and return the allocator option it ran with."""
    csv = tmp_path / "small.csv"
    csv.write_text("Rank,City\n1,Paris\n2,Town 7\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != ALLOCATOR_OPTIONS[0]}
    env.update(
        CITYRANK_CONFIG_DIR=str(tmp_path),
        CITYRANK_STATE_DIR=str(tmp_path),
        CITYRANK_DATA_DIR=str(tmp_path / "data"),
        **env_extra,
    )
    script = (
        "import os, sys\n"
        "from cityrank_tui.cli import main\n"
        f"code = main(['import', {str(csv)!r}, '--id', 'small', '--name', 'Small'])\n"
        f"print(code, os.environ.get({ALLOCATOR_OPTIONS[0]!r}, '(unset)'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


# polars puts its own options first and the variable's value after them (the last one wins)


def test_import_runs_with_freed_memory_given_back(tmp_path):
    code, options = run_import(tmp_path, {}).split(" ")
    assert code == "0"
    assert options.split(",")[-2:] == ["dirty_decay_ms:100", "muzzy_decay_ms:0"]
    assert options.endswith(ALLOCATOR_OPTIONS[1])


def test_a_users_own_allocator_options_are_kept(tmp_path):
    own = {ALLOCATOR_OPTIONS[0]: "dirty_decay_ms:5000"}
    code, options = run_import(tmp_path, own).split(" ")
    assert code == "0"
    assert options.split(",")[-1] == "dirty_decay_ms:5000"
    assert ALLOCATOR_OPTIONS[1] not in options


@pytest.mark.parametrize(
    "second",
    [
        ["Town 2", "Town 1", "Town 3"],  # every earlier new city is wanted: all rows read
        ["Town 2", "Village 1", "Village 2", "Village 3", "Village 4"],  # one: a filtered read
    ],
)
def test_a_later_import_links_to_the_earlier_new_cities_it_names(cli, tmp_path, second):
    first = tmp_path / "first.csv"
    first.write_text("Rank,City\n1,Town 1\n2,Town 2\n3,Town 3\n4,Paris\n", encoding="utf-8")
    later = tmp_path / "second.csv"
    later.write_text(
        "Rank,City\n" + "".join(f"{n},{name}\n" for n, name in enumerate(second, 1)),
        encoding="utf-8",
    )
    assert cli("import", str(first), "--id", "one", "--name", "One")[0] == 0
    assert cli("import", str(later), "--id", "two", "--name", "Two")[0] == 0
    ids = catalog().entries("two")["city_ids"].to_list()
    expected = [
        [f"one:town-{name[-1]}-xx"] if name.startswith("Town") else [f"two:village-{name[-1]}-xx"]
        for name in second
    ]
    assert ids == expected
