"""Folding text for matching: case- and accent-insensitive, punctuation-tolerant."""

from __future__ import annotations

import re
import unicodedata

import polars as pl

_SPACE = re.compile(r"\s+")
# Letters that do not decompose into a base letter plus a combining mark.
_SPECIAL_PAIRS = (
    ("ß", "ss"),
    ("ø", "o"),
    ("Ø", "o"),
    ("æ", "ae"),
    ("Æ", "ae"),
    ("ł", "l"),
    ("Ł", "l"),
    ("đ", "d"),
    ("ı", "i"),
)
_SPECIAL = str.maketrans(dict(_SPECIAL_PAIRS))


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse white space: 'Zürich' -> 'zurich'."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.casefold()).strip()


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """`fold` as a polars expression, for matching a million names without a Python loop."""
    return (
        expr.str.replace_many({k: v for k, v in _SPECIAL_PAIRS})
        .str.normalize("NFKD")
        .str.replace_all(r"\p{M}", "")
        .str.to_lowercase()
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def slug(text: str) -> str:
    """An identifier made of folded words joined by hyphens: "Xi'an" -> 'xian'."""
    folded = fold(text).replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


# What `fold_expr` changes in a text of ASCII letters, digits, punctuation and single spaces:
# only the case and the spaces at either end.
_NOT_PLAIN = r"[^\x20-\x7e]|  "


def fold_series(values: pl.Series) -> pl.Series:
    """`fold_expr` of a Series, the same value for value, at a fraction of its cost: most names
    are plain ASCII, where folding is lower-casing and trimming; only the others are normalised."""
    quick = values.str.to_lowercase().str.strip_chars()
    hard = values.str.contains(_NOT_PLAIN).fill_null(False)
    if not hard.any():
        return quick
    rows = hard.arg_true()
    full = pl.select(fold_expr(pl.lit(values.gather(rows)))).to_series()
    return quick.scatter(rows, full)


def slug_series(folded: pl.Series) -> pl.Series:
    """The id part of folded names: runs of anything but a-z and 0-9 become one hyphen, none at
    either end ('st. gallen' -> 'st-gallen'); names of letters, digits and spaces need no regex."""
    quick = folded.str.replace_all(" ", "-", literal=True)
    hard = folded.str.contains(r"[^a-z0-9 ]|^ | $|  ").fill_null(False)
    if not hard.any():
        return quick
    rows = hard.arg_true()
    full = folded.gather(rows).str.replace_all(r"[^a-z0-9]+", "-").str.strip_chars("-")
    return quick.scatter(rows, full)
