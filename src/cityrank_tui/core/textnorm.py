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
