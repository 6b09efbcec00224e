"""Which rankings agree: Spearman's ρ for every pair of index families, with the overlap n.

By default ("overlap") each pair of families is set through the pair of their editions with the
largest overlap (a cell names the two editions), so OE 2024's 1,000 cities and GaWC 2020's 707
meet even where a later edition holds ten rows. "latest" sets each family's latest edition;
"all" sets every edition against every other. Each pair is `correlate.correlate` of its two
editions (core.matching's rule: one observation per pair of entries), so a cell of the matrix
and the scatter view opened from it always give the same figure. A classification (GaWC 2024)
takes part by its classes' order, equal classes tied. Pairs with too small an overlap carry no
ρ, or a ρ marked as resting on few cities; nothing is estimated.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import polars as pl

from .catalog import Catalog, IndexInfo
from .correlate import MIN_FOR_RHO, MIN_MEANINGFUL, spearman
from .credits import attribution_lines
from .errors import UsageError
from .families import families
from .families import family_key as family_key  # where the rule lives; re-exported
from .matching import RULE, RULE_SHORT, members, ordered_entries, paired_ranks
from .report import Column, Report
from .report import render as render_report

EDITIONS = ("overlap", "latest", "all")

# |ρ| at or above each bound; read without colour. Where the output cannot show the block
# glyphs (an ASCII or latin-1 terminal), stand-ins that keep the order: more marks, stronger.
SHADES = ((0.7, "█"), (0.4, "▓"), (0.2, "▒"), (0.0, "░"))
ASCII_SHADES = ((0.7, "###"), (0.4, "##"), (0.2, "#"), (0.0, "."))
GLYPHS = "".join(glyph for _, glyph in SHADES) + "≥ρ"  # what an output must show for SHADES
FEW = "few"  # the cell's mark when the overlap is below MIN_MEANINGFUL


def chosen_editions(catalog: Catalog, editions: str = "latest") -> list[IndexInfo]:
    """The indexes the matrix sets against each other, in catalogue order of their families
    ("overlap": every edition, each family's pairs then chosen by `matrix`)."""
    if editions not in EDITIONS:
        raise UsageError.unknown("--editions", editions, list(EDITIONS))
    infos = list(catalog.indexes.values())
    if editions in ("all", "overlap"):
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
        return self.cell_text()

    def cell_text(self, ascii_only: bool = False) -> str:
        """The cell; `ascii_only`: '+0.82###', '+0.31# few' (see ASCII_SHADES)."""
        if self.rho is None:
            return f"n={self.n}" if self.n >= MIN_FOR_RHO else f"n<{MIN_FOR_RHO}"
        shown = f"{self.rho:+.2f}"
        return f"{shown}{shade(float(shown), ascii_only)}" + (f" {FEW}" if self.few else "")

    @property
    def same_family(self) -> bool:
        return family_key(self.a) == family_key(self.b)

    @property
    def detail(self) -> str:
        """'OE 2024 ~ GAWC 2020: ρ = +0.64 over 520 pairs of entries' (the editions named)."""
        figure = "no ρ" if self.rho is None else f"ρ = {self.rho:+.2f}"
        return f"{self.a.tab_label} ~ {self.b.tab_label}: {figure} over {self.n} pairs of entries"


@dataclass(frozen=True)
class Matrix:
    """The rows of the matrix (family keys or index ids, with their labels) and its pairs;
    `pairs[(row, column)]` is the cell, both ways round."""

    rows: list[tuple[str, str]]
    pairs: dict[tuple[str, str], Pair]
    editions: str

    @property
    def unique_pairs(self) -> list[Pair]:
        keys = [k for k, _ in self.rows]
        return [self.pairs[(a, b)] for a, b in itertools.combinations(keys, 2)]


def shade(rho: float, ascii_only: bool = False) -> str:
    """The shade of |ρ| as given: callers pass the figure as printed (+0.20 for 0.1959), so a
    cell's shade always agrees with the legend's bounds read against its printed figure."""
    strength = abs(rho)
    shades = ASCII_SHADES if ascii_only else SHADES
    return next(glyph for bound, glyph in shades if strength >= bound)


class Observer:
    """Pairs of entries for two editions, each index's entries read once and each pair (in
    the order asked) computed once: the matrix's two modes share most of their pairs."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._entries: dict[str, pl.DataFrame] = {}
        self._pairs: dict[tuple[str, str], Pair] = {}
        self._members: dict[str, pl.DataFrame] = {}

    def entries(self, info: IndexInfo) -> pl.DataFrame:
        if info.id not in self._entries:
            self._entries[info.id] = ordered_entries(self.catalog, info)
        return self._entries[info.id]

    def members(self, info: IndexInfo) -> pl.DataFrame:
        if info.id not in self._members:
            self._members[info.id] = members(self.entries(info))
        return self._members[info.id]

    def pair(self, a: IndexInfo, b: IndexInfo) -> Pair:
        found = self._pairs.get((a.id, b.id))
        if found is None:
            found = self._pairs[(a.id, b.id)] = self._compute(a, b)
        return found

    def _compute(self, a: IndexInfo, b: IndexInfo) -> Pair:
        ranks = paired_ranks(self.members(a), self.members(b))
        return Pair(a, b, ranks.height, spearman(ranks, "rank", "rank_b"))


def agreement(
    catalog: Catalog, infos: list[IndexInfo], observer: Observer | None = None
) -> list[Pair]:
    """Every unordered pair of the given indexes, in matrix order (the figures are those
    `correlate.correlate` gives for the pair: a test holds them equal)."""
    observer = observer or Observer(catalog)
    return [observer.pair(a, b) for a, b in itertools.combinations(infos, 2)]


def matrix(
    catalog: Catalog,
    editions: str = "overlap",
    fixed: dict[str, str] | None = None,
    observer: Observer | None = None,
) -> Matrix:
    """The matrix for an editions choice. "overlap": one row per family, each pair of families
    through its two editions with the largest overlap (then the most recent); `fixed` (family
    key -> index id) holds a family to one edition. "latest"/"all": one row per edition. An
    `observer` given keeps its pairs for the next matrix of the same catalogue."""
    infos = chosen_editions(catalog, editions)
    observer = observer or Observer(catalog)
    if editions != "overlap":
        pairs = agreement(catalog, infos, observer)
        table = {(p.a.id, p.b.id): p for p in pairs} | {(p.b.id, p.a.id): p for p in pairs}
        return Matrix([(i.id, i.tab_label) for i in infos], table, editions)
    fixed = fixed or {}
    groups = families(infos)
    for key, index_id in fixed.items():
        if key not in {g.key for g in groups}:
            raise UsageError.unknown("family", key, [g.key for g in groups])
        if index_id not in next(g for g in groups if g.key == key).ids:
            raise UsageError(f"--edition {key}={index_id}: {index_id} is not an edition of {key}")
    rows = [(g.key, family_label(g.editions[-1])) for g in groups]
    out: dict[tuple[str, str], Pair] = {}
    for ga, gb in itertools.combinations(groups, 2):
        eds_a = [i for i in ga.editions if fixed.get(ga.key, i.id) == i.id]
        eds_b = [i for i in gb.editions if fixed.get(gb.key, i.id) == i.id]
        candidates = [observer.pair(a, b) for a in eds_a for b in eds_b]
        best = max(candidates, key=lambda p: (p.n, p.a.edition + p.b.edition))
        out[(ga.key, gb.key)] = best
        out[(gb.key, ga.key)] = best
    return Matrix(rows, out, editions)


def family_label(info: IndexInfo) -> str:
    """'GII' for a bundled family's row; an imported index by the name it was given
    (`--name`), as its tab shows it."""
    return info.family.upper() if info.bundled else info.tab_label


def ranked_pairs(pairs: list[Pair]) -> list[Pair]:
    """Pairs of two different families with a ρ on a meaningful overlap, most agreeing first."""
    usable = [p for p in pairs if p.rho is not None and not p.few and not p.same_family]
    return sorted(usable, key=lambda p: (-(p.rho or 0.0), p.a.id, p.b.id))


def _records(pairs: list[Pair]) -> list[dict[str, object]]:
    return [
        {
            "index_a": p.a.id,
            "index_b": p.b.id,
            "family_a": family_key(p.a),
            "family_b": family_key(p.b),
            "n": p.n,
            "spearman_rho": p.rho,  # exact, as correlate writes it: rounded only to display
            "few": p.few,
        }
        for p in pairs
    ]


def shade_key(ascii_only: bool = False, gap: str = " ") -> str:
    """'█ ≥ 0.7 ▓ ≥ 0.4 ▒ ≥ 0.2 ░ below' (ASCII: '### >= 0.7 ## >= 0.4 # >= 0.2 . below')."""
    shades = ASCII_SHADES if ascii_only else SHADES
    at_least = ">=" if ascii_only else "≥"
    return gap.join(
        f"{glyph} {at_least} {bound:.1f}" if bound else f"{glyph} below" for bound, glyph in shades
    )


def legend(
    infos: list[IndexInfo] | None = None, short: bool = False, ascii_only: bool = False
) -> list[str]:
    """What a cell means; `short`: two lines for a screen (the pairing rule in brief);
    `ascii_only`: the shades' ASCII stand-ins, and rho spelled out."""
    classes = [i.tab_label for i in infos or [] if not i.ranked]
    rho = "rho" if ascii_only else "ρ"
    if short:
        tail = f"; {', '.join(classes)}: classes, tied by class" if classes else ""
        return [
            f"{rho}: Spearman · {shade_key(ascii_only)} · "
            f"{FEW}: n < {MIN_MEANINGFUL} · n<{MIN_FOR_RHO}: no {rho}",
            f"n: pairs of entries; {RULE_SHORT}{tail}.",
        ]
    lines = [
        f"{rho}: Spearman rank correlation over the entries both rank (+1 same order, 0 none, −1 reversed).",
        f"Shade by |{rho}|: {shade_key(ascii_only, '  ')};"
        f" '{FEW}': fewer than {MIN_MEANINGFUL} entries in common;"
        f" n<{MIN_FOR_RHO}: too few for any {rho}.",
        RULE,
    ]
    if classes:
        lines.append(
            f"{', '.join(classes)}: classes, not ranks; set by the classes' order, equal "
            "classes tied (average ranks)."
        )
    return lines


def brief(pair: Pair, by_family: bool) -> str:
    """'GPCI~KEARNEY-GCI +0.92 (n 10)': a pair in a line that names several."""
    a, b = (
        (family_label(pair.a), family_label(pair.b))
        if by_family
        else (pair.a.tab_label, pair.b.tab_label)
    )
    figure = "no ρ" if pair.rho is None else f"{pair.rho:+.2f}"
    return f"{a}~{b} {figure} (n {pair.n})"


def report(result: Matrix, ascii_only: bool = False) -> Report:
    """The matrix for people (then the pairs, most agreeing first); one row a pair, ρ exact,
    for machines. `ascii_only`: the shades' ASCII stand-ins (an output that cannot show them)."""
    pairs = result.unique_pairs
    infos = list(dict.fromkeys(i for p in pairs for i in (p.a, p.b)))
    credits = attribution_lines(infos)
    keys = [k for k, _ in result.rows]
    labels = [label for _, label in result.rows]
    body = [
        [labels[r], *("·" if a == b else result.pairs[(a, b)].cell_text(ascii_only) for b in keys)]
        for r, a in enumerate(keys)
    ]
    listing = [p.detail for p in ranked_pairs(pairs)]
    which = {
        "overlap": "Each pair of families through its two editions with the most entries in common.",
        "latest": "Each family's latest edition.",
        "all": "Every edition against every other.",
    }[result.editions]
    header = ["index_a", "index_b", "family_a", "family_b", "n", "spearman_rho", "few"]
    return Report(
        title="Agreement between rankings",
        columns=tuple(Column(c) for c in header),
        rows=_records(pairs),
        attribution=tuple(credits),
        header=("", *labels),
        body=body,
        heading=(which,),
        notes=(
            *legend(infos, ascii_only=ascii_only),
            "",
            f"Pairs of two families with at least {MIN_MEANINGFUL} entries in common, most agreeing first:"
            if listing
            else f"No pair of families has {MIN_MEANINGFUL} or more entries in common.",
            *(f"  {line}" for line in listing),
        ),
        csv_notes=(RULE, *credits),
        extra={"editions": result.editions, "rule": RULE},
    )


def render(result: Matrix, fmt: str, ascii_only: bool = False) -> str:
    """table | csv | tsv | json | md. `ascii_only`: the shades' ASCII stand-ins."""
    return render_report(report(result, ascii_only), fmt)
