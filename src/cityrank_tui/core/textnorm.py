"""Folding text for matching: case- and accent-insensitive, punctuation-tolerant."""

from __future__ import annotations

import re
import unicodedata

import polars as pl

_SPACE = re.compile(r"\s+")
_DASH_SPACED = re.compile(r" ?- ?")  # "Macau – Zhuhai" is "Macau–Zhuhai" spaced out
# Letters that do not decompose into a base letter plus a combining mark.
_SPECIAL_PAIRS: tuple[tuple[str, str], ...] = (
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
# Punctuation that is written several ways for the same mark, folded like accents, so that
# `tokyo-yoko` finds WIPO's "Tokyo–Yokohama" and `xi'an` finds "Xi’an": every Unicode dash
# punctuation (category Pd) and the minus sign become "-"; apostrophes, modifier letters and
# accents written as apostrophes become "'"; curly and angle quotes become '"'.
DASHES = (
    "\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b"
    "\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead\u2212"
)
APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u02b9\u0060\u00b4\u2032\u201b\uff07"
QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02"
_PUNCTUATION_PAIRS = (
    *((c, "-") for c in DASHES),
    *((c, "'") for c in APOSTROPHES),
    *((c, '"') for c in QUOTES),
)
_SPECIAL_PAIRS = (*_SPECIAL_PAIRS, *_PUNCTUATION_PAIRS)
_SPECIAL = str.maketrans(dict(_SPECIAL_PAIRS))


def fold(text: str) -> str:
    """Lower-case, strip accents, fold dashes, apostrophes and quotes to their ASCII mark, and
    collapse white space: 'Zürich' -> 'zurich', 'Tokyo–Yokohama' -> 'tokyo-yokohama'. The one
    fold for what is stored (search texts, link keys) and what is typed."""
    # lower case first, so that 'Đ' meets the pair for 'đ' (a fold folded again is the same)
    text = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _DASH_SPACED.sub("-", _SPACE.sub(" ", stripped.casefold()).strip())


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """`fold` as a polars expression, for matching a million names without a Python loop."""
    return (
        expr.str.to_lowercase()
        .str.replace_many({k: v for k, v in _SPECIAL_PAIRS})
        .str.normalize("NFKD")
        .str.replace_all(r"\p{M}", "")
        .str.to_lowercase()
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
        .str.replace_all(" ?- ?", "-")
    )


def slug(text: str) -> str:
    """An identifier made of folded words joined by hyphens: "Xi'an" -> 'xian'."""
    folded = fold(text).replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


# What `fold_expr` changes in a text of ASCII letters, digits, punctuation and single spaces:
# only the case and the spaces at either end (not the backtick, an apostrophe written as one,
# nor a space beside a dash).
_NOT_PLAIN = r"[^\x20-\x7e]|  |`| -|- "
# ... and in one with no space at either end, only the case
_NOT_LOWER_ONLY = _NOT_PLAIN + "|^ | $"


def fold_series(values: pl.Series) -> pl.Series:
    """`fold_expr` of a Series, the same value for value, at a fraction of its cost: most names
    are plain ASCII, where folding is lower-casing and trimming; only the others are normalised."""
    quick = values.str.to_lowercase()
    hard = values.str.contains(_NOT_LOWER_ONLY).fill_null(False)
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


def fold_chars(text: str) -> str:
    """`fold` one character at a time, keeping the text's length and case, so that a match
    found in the folded text lights the same places in the text shown ('Städte' -> 'Stadte',
    'Tokyo–Yokohama' -> 'Tokyo-Yokohama'); a character that folds to several ('ß') stays."""
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 and folded != ch.casefold() else ch)
    return "".join(out)


def refold_joined(texts: pl.Series, sep: str = " | ") -> pl.Series:
    """Texts made of folded parts joined by `sep` (a stored search_text, 'key | alias | '),
    each part folded again by today's `fold`: only the texts a fold can change are split."""
    hard = texts.str.contains(_NOT_PLAIN).fill_null(False)
    if not hard.any():
        return texts
    rows = hard.arg_true()
    again = (
        texts.gather(rows)
        .to_frame("t")
        .select(pl.col("t").str.split(sep).list.eval(fold_expr(pl.element())).list.join(sep))
        .to_series()
    )
    return texts.scatter(rows, again)
