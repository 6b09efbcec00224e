"""One observation per pair of entries: how two indexes' entries are set side by side.

An index ranks entries: a city, or a unit of several cities (a GII cluster such as
"San Jose–San Francisco, CA", named after its principal city, which is listed first). Setting a
unit against the cities of another index must not count it once per member, nor give a member
the unit's rank as if it were ranked on its own. THE RULE, used by `correlate`, `agreement`,
the scatter, the disagreement list and the Cities tab:

  Every entry is used at most once. Two entries are paired when they name the same city. A
  unit is paired once: with the other index's entry for its principal city when that is
  ranked there, otherwise with the best-ranked entry of one of its other members; the other
  members' entries are left out of the pair.

Where candidates compete, a pair of the two entries' principal cities comes first, then a pair
through one entry's principal, then one through other members; ties go to the better ranks.
"""

from __future__ import annotations

import polars as pl

from .catalog import Catalog, IndexInfo

RULE = (
    "One observation per pair of entries: a cluster or multi-city unit counts once, through its "
    "principal (first-named) city where the other index ranks it, else through its best-ranked "
    "member there; its other members are not counted as ranked on their own."
)
RULE_SHORT = "a cluster counts once, through its principal city (else its best-ranked member)"


def ordered_entries(catalog: Catalog, info: IndexInfo) -> pl.DataFrame:
    """entry (row number), rank (the published rank; for a classification, its class's order:
    equal classes are ties), name, city_ids (principal first): the entries that can be set
    against another index."""
    frame = catalog.entries(info.id).with_row_index("entry")
    if "tier_order" in frame.columns and not info.ranked:
        value = pl.col("tier_order").cast(pl.Int64)
    else:
        value = pl.col("rank").cast(pl.Int64)
    frame = frame.select("entry", value.alias("rank"), "name", "city_ids", "tier")
    return frame.filter(pl.col("rank").is_not_null() & (pl.col("city_ids").list.len() > 0))


def members(frame: pl.DataFrame) -> pl.DataFrame:
    """entry, rank, principal, city_id: one row per city an `ordered_entries` entry names."""
    return (
        frame.select(
            "entry",
            "rank",
            pl.col("city_ids").list.first().alias("principal"),
            pl.col("city_ids").alias("city_id"),
        )
        .explode("city_id")
        .drop_nulls("city_id")
    )


def pair_entries(left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    """Pair two `ordered_entries` frames under THE RULE (see the module's docstring).

    Returns entry_a, entry_b and city_id (the city through which they are paired), one row per
    observation, in the order of the pairing."""
    return pair_members(members(left), members(right))


def pair_members(a: pl.DataFrame, b: pl.DataFrame) -> pl.DataFrame:
    """`pair_entries` of two `members` frames (kept by a caller that pairs an index many times)."""
    chosen = _chosen(a, b)
    return pl.DataFrame(
        {
            "entry_a": [link[3] for link in chosen],
            "entry_b": [link[4] for link in chosen],
            "city_id": [link[5] for link in chosen],
        },
        schema={"entry_a": pl.UInt32, "entry_b": pl.UInt32, "city_id": pl.String},
    )


def paired_ranks(a: pl.DataFrame, b: pl.DataFrame) -> pl.DataFrame:
    """rank, rank_b: the two entries' ranks of each observation `pair_members` makes (each
    `members` row carries its entry's rank, so no join back to the entries is needed)."""
    chosen = _chosen(a, b)
    return pl.DataFrame(
        {"rank": [link[1] for link in chosen], "rank_b": [link[2] for link in chosen]},
        schema={"rank": pl.Int64, "rank_b": pl.Int64},
    )


Link = tuple[int, int, int, int, int, str]  # how, rank, rank_b, entry, entry_b, city_id


def _chosen(a: pl.DataFrame, b: pl.DataFrame) -> list[Link]:
    """The links THE RULE keeps, in the order it keeps them.

    Every pair of the two sides' members naming the same city is a link, ranked by how it pairs
    (0: the two principals are the same city; 1: one entry's principal is the shared city;
    2: only other members are shared), then by the better ranks, entries and city; the first
    link naming an entry wins. In plain Python: the frames are a few hundred rows, and the
    agreement matrix pairs 400 of them, where a polars join and sort cost 1.7 ms each in
    overhead alone (0.7 s a matrix)."""
    by_city: dict[str, list[tuple[int, int, str | None]]] = {}
    for entry, rank, principal, city in b.select(
        "entry", "rank", "principal", "city_id"
    ).iter_rows():
        by_city.setdefault(city, []).append((entry, rank, principal))
    links: list[Link] = []
    for entry, rank, principal, city in a.select(
        "entry", "rank", "principal", "city_id"
    ).iter_rows():
        for entry_b, rank_b, principal_b in by_city.get(city, ()):
            if principal is not None and principal == principal_b:
                how = 0
            elif city in (principal, principal_b):
                how = 1
            else:
                how = 2
            links.append((how, rank, rank_b, entry, entry_b, city))
    links.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: list[Link] = []
    for link in links:
        if link[3] in used_a or link[4] in used_b:
            continue
        used_a.add(link[3])
        used_b.add(link[4])
        chosen.append(link)
    return chosen


def observations(catalog: Catalog, a: IndexInfo, b: IndexInfo) -> pl.DataFrame:
    """city_id, name_a, rank_a, name_b, rank_b: one row per pair of entries (THE RULE)."""
    left, right = ordered_entries(catalog, a), ordered_entries(catalog, b)
    paired = pair_entries(left, right)
    return (
        paired.join(
            left.select("entry", pl.col("name").alias("name_a"), pl.col("rank").alias("rank_a")),
            left_on="entry_a",
            right_on="entry",
        )
        .join(
            right.select("entry", pl.col("name").alias("name_b"), pl.col("rank").alias("rank_b")),
            left_on="entry_b",
            right_on="entry",
        )
        .select("city_id", "name_a", "rank_a", "name_b", "rank_b")
    )
