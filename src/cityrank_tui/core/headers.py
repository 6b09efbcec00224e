"""Which column of a user's file is which field: --map first, then column names that obviously
mean one (in English, German, French and Spanish, as spreadsheets are written), a unit or range
in brackets set aside ('Score (0-100)' is the score, on a 0-100 scale). What `import` and `open`
say about it is made here once, so both say the same."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UsageError
from .textnorm import fold

FIELDS = ("rank", "name", "score", "tier", "country", "region", "subregion", "note", "source_url")
REQUIRED = ("rank", "name")
# Column names (folded) that obviously mean a field, tried in order: English first, then the
# German, French and Spanish words Excel users write ('Rang', 'Stadt', 'Land', 'Punkte').
GUESSES = {
    "rank": (
        "rank",
        "global rank",
        "overall rank",
        "ranking",
        "position",
        "pos",
        "#",
        "no",
        "no.",
        "rang",
        "platz",
        "platzierung",
        "rangliste",
        "classement",
        "rango",
        "puesto",
        "posicion",
        "clasificacion",
    ),
    "name": (
        "name",
        "city",
        "city name",
        "town",
        "cluster",
        "cluster name",
        "metro",
        "metropolitan area",
        "location",
        "stadt",
        "ort",
        "ville",
        "nom",
        "ciudad",
        "nombre",
    ),
    "score": (
        "score",
        "index score",
        "total score",
        "overall score",
        "total",
        "value",
        "points",
        "punkte",
        "punktzahl",
        "wert",
        "indexwert",
        "valeur",
        "puntuacion",
        "puntaje",
        "puntos",
        "valor",
    ),
    "tier": (
        "tier",
        "class",
        "class.",
        "classification",
        "band",
        "category",
        "group",
        "stufe",
        "klasse",
        "kategorie",
        "categorie",
        "classe",
        "categoria",
        "clase",
        "nivel",
    ),
    "country": (
        "country",
        "economy",
        "country/economy",
        "nation",
        "country code",
        "iso2",
        "land",
        "staat",
        "pays",
        "pais",
    ),
    "region": ("region", "continent", "world region", "kontinent", "continente"),
    "subregion": ("subregion", "sub-region", "sub region"),
    "note": ("note", "notes", "comment", "comments", "remarks", "anmerkung", "bemerkung"),
    "source_url": ("source_url", "source", "url", "link", "source url", "quelle", "fuente"),
}
# A unit or range written after a column's name: 'Score (0-100)', 'Punkte [max. 100]'.
_BRACKETED = re.compile(r"\s*[\(\[]([^\)\]]*)[\)\]]\s*$")


def bare(column: str) -> str:
    """The folded column name without a unit or range in brackets at its end."""
    return fold(_BRACKETED.sub("", column)) or fold(column)


def unit_of(column: str) -> str | None:
    """The unit or range a column's name gives in brackets ('0-100'), or None."""
    found = _BRACKETED.search(column)
    return found.group(1).strip() or None if found else None


def resolve_mapping(columns: list[str], given: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Explicit --map entries first, then obvious column names. Returns (mapping, fields guessed)."""
    unknown = sorted(set(given) - set(FIELDS))
    if unknown:
        raise UsageError(f"--map: unknown field {unknown[0]!r}; fields are {', '.join(FIELDS)}")
    mapping: dict[str, str] = {}
    for fld, column in given.items():
        if column not in columns:
            raise UsageError.unknown(f"column for --map {fld}", column, columns)
        mapping[fld] = column
    guessed = []
    by_fold = {fold(c): c for c in reversed(columns)}  # first column wins on equal names
    by_bare = {bare(c): c for c in reversed(columns)}  # then a name with a unit in brackets
    for fld in FIELDS:
        if fld in mapping:
            continue
        for candidate in GUESSES[fld]:
            found = by_fold.get(candidate) or by_bare.get(candidate)
            if found is not None and found not in mapping.values():
                mapping[fld] = found
                guessed.append(fld)
                break
    missing = [f for f in REQUIRED if f not in mapping]
    if missing:
        one = len(columns) == 1 and any(sep in columns[0] for sep in ",;\t|")
        raise UsageError(
            f"no {' or '.join(missing)} column: the file has {', '.join(columns) or 'no columns'}; "
            + (
                "that is one column: say the right delimiter with --delimiter"
                if one
                else f"say which with --map {missing[0]}=COLUMN"
            )
        )
    return mapping, guessed


def map_columns(
    columns: list[str], given: dict[str, str], path: Path, sheet: str | None
) -> tuple[dict[str, str], list[str]]:
    """`resolve_mapping`, its refusal naming a workbook's sheets when the sheet read (the first,
    unless --sheet says) is not the table."""
    try:
        return resolve_mapping(columns, given)
    except UsageError as exc:
        sheets = sheet_names(path)
        if len(sheets) < 2:
            raise
        read = sheet or sheets[0]
        others = ", ".join(repr(s) for s in sheets if s != read)
        raise UsageError(
            f"{exc} (in sheet {read!r}{'' if sheet else ', the first'}; the workbook's other "
            f"sheets: {others}: choose one with --sheet NAME)"
        ) from None


def sheet_names(path: Path) -> list[str]:
    """A workbook's sheet names, [] for any other file (or one the Excel reader cannot open)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls"):
        return []
    try:
        import fastexcel

        return list(fastexcel.read_excel(str(path)).sheet_names)
    except Exception:
        return []


def mapping_lines(
    columns: list[str], mapping: dict[str, str], guessed: list[str], verb: str
) -> list[str]:
    """What `import` and `open` say about the columns: each field guessed, and every column not
    taken, with why and how to take it (`verb`: 'imported' or 'shown')."""
    lines = [
        f"guessed {fld} = column {mapping[fld]!r}"
        + (
            f", on a {unit_of(mapping[fld])} scale as its name says"
            if unit_of(mapping[fld])
            else ""
        )
        + f" (override with --map {fld}=COLUMN)"
        for fld in guessed
    ]
    left = [c for c in columns if c not in mapping.values()]
    free = [f for f in FIELDS if f not in mapping]
    if left:
        lines.append(
            f"columns not {verb}: {', '.join(repr(c) for c in left)}: no field's name "
            f"({', '.join(free) or 'every field is taken'}); take one with --map FIELD=COLUMN"
        )
    return lines
