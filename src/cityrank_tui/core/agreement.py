"""Which rankings agree: Spearman's ρ for every pair of index families, with the overlap n.

By default each family is represented by its latest edition; `editions="all"` sets every edition
against every other. Each pair is `correlate.correlate` on the cities both rank (a cluster's rank
counts for each member city), so a cell of the matrix and the scatter view opened from it always
give the same figure. Pairs with too small an overlap carry no ρ, or a ρ marked as resting on few
cities; nothing is estimated.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .catalog import Catalog, IndexInfo
from .correlate import MIN_FOR_RHO, MIN_MEANINGFUL, ranked_cities, spearman
from .credits import attribution_lines, json_document
from .errors import UsageError
from .families import family_key as family_key  # where the rule lives; re-exported
from .render import dict_csv, md_table, printable, text_table

EDITIONS = ("latest", "all")

# |ρ| at or above each bound; read without colour.
SHADES = ((0.7, "█"), (0.4, "▓"), (0.2, "▒"), (0.0, "░"))
FEW = "few"  # the cell's mark when the overlap is below MIN_MEANINGFUL


def chosen_editions(catalog: Catalog, editions: str = "latest") -> list[IndexInfo]:
    """The indexes the matrix sets against each other, in catalogue order of their families."""
    if editions not in EDITIONS:
        raise UsageError.unknown("--editions", editions, list(EDITIONS))
    infos = list(catalog.indexes.values())
    if editions == "all":
        return infos
    latest: dict[str, IndexInfo] = {}
    for info in infos:
        key = family_key(info)
        if key not in latest or info.edition > latest[key].edition:
            latest[key] = info
    return list(latest.values())


@dataclass(frozen=True)
class Pair:
    a: IndexInfo
    b: IndexInfo
    n: int
    rho: float | None

    @property
    def few(self) -> bool:
        """Too small an overlap for ρ to mean much (or to be computed at all)."""
        return self.n < MIN_MEANINGFUL

    @property
    def cell(self) -> str:
        """'+0.82█', '+0.31▒ few', 'n<3' — readable without colour."""
        if self.rho is None:
            return f"n={self.n}" if self.n >= MIN_FOR_RHO else f"n<{MIN_FOR_RHO}"
        return f"{self.rho:+.2f}{shade(self.rho)}" + (f" {FEW}" if self.few else "")


def shade(rho: float) -> str:
    strength = abs(rho)
    return next(glyph for bound, glyph in SHADES if strength >= bound)


def agreement(catalog: Catalog, infos: list[IndexInfo]) -> list[Pair]:
    """Every unordered pair of the given indexes, in matrix order.

    Each index's ranked cities are read once; each pair is then one join (the figures are those
    `correlate.correlate` gives for the pair: a test holds them equal)."""
    ranked = {i.id: ranked_cities(catalog, i).select("city_id", "rank") for i in infos}
    pairs = []
    for a, b in itertools.combinations(infos, 2):
        both = ranked[a.id].join(ranked[b.id], on="city_id", how="inner", suffix="_b")
        pairs.append(Pair(a, b, both.height, spearman(both, "rank", "rank_b")))
    return pairs


def ranked_pairs(pairs: list[Pair]) -> list[Pair]:
    """Pairs with a ρ on a meaningful overlap, most agreeing first."""
    usable = [p for p in pairs if p.rho is not None and not p.few]
    return sorted(usable, key=lambda p: (-(p.rho or 0.0), p.a.id, p.b.id))


def _records(pairs: list[Pair]) -> list[dict[str, object]]:
    return [
        {
            "index_a": p.a.id,
            "index_b": p.b.id,
            "n": p.n,
            "spearman_rho": None if p.rho is None else round(p.rho, 4),
            "few": p.few,
        }
        for p in pairs
    ]


def legend() -> list[str]:
    return [
        "ρ: Spearman rank correlation over the cities both rank (+1 same order, 0 none, −1 reversed).",
        "Shade by |ρ|: █ ≥ 0.7  ▓ ≥ 0.4  ▒ ≥ 0.2  ░ below;"
        f" '{FEW}': fewer than {MIN_MEANINGFUL} cities in common;"
        f" n<{MIN_FOR_RHO}: too few for any ρ.",
    ]


def render(pairs: list[Pair], infos: list[IndexInfo], fmt: str) -> str:
    """The matrix as text or Markdown (then the pairs, most agreeing first); CSV/JSON: one row a pair."""
    credits = attribution_lines(infos)
    if fmt == "json":
        return json_document("Agreement between rankings", _records(pairs), infos)
    if fmt == "csv":
        header = ["index_a", "index_b", "n", "spearman_rho", "few"]
        table = dict_csv(_records(pairs)) if pairs else ",".join(header) + "\n"
        return table + "".join(f"# {line}\n" for line in credits)
    by_pair = {(p.a.id, p.b.id): p for p in pairs} | {(p.b.id, p.a.id): p for p in pairs}
    labels = [printable(i.tab_label) for i in infos]
    header = ["", *labels]
    body = [
        [
            labels[r],
            *("·" if a.id == b.id else by_pair[(a.id, b.id)].cell for b in infos),
        ]
        for r, a in enumerate(infos)
    ]
    best = ranked_pairs(pairs)
    listing = [
        f"{printable(p.a.tab_label)} ~ {printable(p.b.tab_label)}: ρ = {p.rho:+.2f} over {p.n} cities"
        for p in best
    ]
    if fmt == "md":
        return (
            "\n".join(
                [
                    "## Agreement between rankings",
                    "",
                    *md_table(header, body),
                    "",
                    *legend(),
                    "",
                    *(f"- {line}" for line in listing),
                    "",
                    *(printable(line) for line in credits),
                ]
            )
            + "\n"
        )
    return (
        "\n".join(
            [
                *text_table(header, body),
                "",
                *legend(),
                "",
                f"Pairs with at least {MIN_MEANINGFUL} cities in common, most agreeing first:"
                if listing
                else f"No pair has {MIN_MEANINGFUL} or more cities in common.",
                *(f"  {line}" for line in listing),
                "",
                *(printable(line) for line in credits),
            ]
        )
        + "\n"
    )
