"""Figures typed as text, the way spreadsheets in different countries write them.

`12,5` is twelve and a half in most of Europe and `1,234` is a thousand and more in English:
a column is read one way or the other as a whole, decided by its unambiguous values, and the
user is told whenever a figure was read other than as plain digits. A column that mixes both
ways is refused with line numbers; nothing is changed silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .errors import UsageError

SHOW_BAD = 5
SIGN = r"^[+-]?"
PLAIN = SIGN + r"(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"  # 12 / 12.5 / 1e-05
DOT_GROUPED = SIGN + r"\d{1,3}([, ]\d{3})+(\.\d+)?$"  # 1,234 / 1 234 / 1,234.5
COMMA_DECIMAL = SIGN + r"(\d{1,3}([. ]\d{3})+|\d+),\d+$"  # 12,5 / 1.234,5 / 1 234,5
COMMA_GROUPED = SIGN + r"\d{1,3}([. ]\d{3})+$"  # 1.234 / 1 234 among decimal commas
AMBIGUOUS = SIGN + r"\d{1,3},\d{3}$"  # 1,234: a thousands comma or a decimal comma
MANY_GROUPS = SIGN + r"\d{1,3}(,\d{3}){2,}(\.\d+)?$"  # 1,234,567: commas are thousands
SPACES = "[\u00a0\u2007\u2009\u202f]"  # no-break and thin spaces used as thousands separators


MAX_DECIMALS = 6  # a figure needing more is shown with this many (never an exponent)


@dataclass
class Parsed:
    values: pl.Series  # Float64; blanks are missing
    note: str | None  # how figures were read, when not as plain digits
    decimals: int = 0  # the file's own precision (`precision`): how every figure is shown


def precision(values: pl.Series, digits: pl.Series | None = None) -> int:
    """The file's own precision: the most decimals any figure was written with (`digits`, the
    figures' text with a decimal point: `80,0` counts one), and never fewer than show every
    figure as it is (a number cell, 1e-05): at most MAX_DECIMALS. One rule for `open` and
    `import` (tests/unit/test_precision_rule.py)."""
    held = values.drop_nulls()
    written = 0
    if digits is not None and digits.dtype == pl.String:
        if digits.str.contains_any(["e", "E"]).any():
            longest = digits.str.extract(r"\.(\d+)(?:[eE][+-]?\d+)?$", 1).str.len_chars().max()
        else:  # no exponent: a figure's decimals are the ASCII digits after its one point
            longest = (digits.str.len_bytes() - digits.str.find(".", literal=True) - 1).max()
        written = int(longest) if isinstance(longest, int) else 0
    # The answer is max(needed, written), where `needed` is the fewest places that show every
    # figure whole: when `written` places do, `needed` is no more, and the answer is `written`
    # at the cost of one look at the figures (the usual file: written as precisely as held).
    if written >= MAX_DECIMALS or (written and _shown_whole(held, written)):
        return min(written, MAX_DECIMALS)
    needed = MAX_DECIMALS
    for places in range(MAX_DECIMALS):
        if _shown_whole(held, places):
            needed = places
            break
    return min(max(needed, written), MAX_DECIMALS)


def _shown_whole(held: pl.Series, places: int) -> bool:
    """Whether every figure is shown exactly with `places` decimals."""
    scaled = held * 10**places
    return bool(((scaled - scaled.round(0)).abs() <= 1e-9 * scaled.abs().clip(1)).all())


def lines(mask: pl.Series) -> list[int]:
    """File line numbers of the first offending rows (the header is line 1)."""
    return (mask.arg_true() + 2).head(SHOW_BAD).to_list()


def _examples(text: pl.Series, mask: pl.Series) -> str:
    values = text.filter(mask).head(SHOW_BAD).to_list()
    return ", ".join(f"line {n}: {v!r}" for n, v in zip(lines(mask), values, strict=False))


def parse(column: pl.Series, name: str, what: str, integer: bool = False) -> Parsed:
    """Parse a text column as numbers; anything that is not one is reported with line numbers."""
    quick = _cast_first(column, integer)
    if quick is not None:
        # the figures as written: a cast reads none with white space around it, so there is
        # none to strip (a blank cell counts no decimals either way)
        text = column if column.dtype == pl.String and not integer else None
        return Parsed(quick, None, 0 if integer else precision(quick, text))
    text = column.str.strip_chars()
    blank = text.is_null() | (text == "")
    quick = _plain(text, blank, integer)
    if quick is not None:
        return Parsed(quick, None, 0 if integer else precision(quick, text))
    clean = text.str.replace(r"^=\s*", "").str.replace_all(SPACES, " ")
    comma = clean.str.contains(COMMA_DECIMAL) & ~clean.str.contains(AMBIGUOUS)
    dot = (
        clean.str.contains(r"\.")
        & (clean.str.contains(PLAIN) | clean.str.contains(DOT_GROUPED))
        & ~clean.str.contains(COMMA_GROUPED)
    ) | clean.str.contains(MANY_GROUPS)
    comma, dot = comma.fill_null(False), dot.fill_null(False)
    if comma.any() and dot.any():
        raise UsageError(
            f"column {name!r} mixes decimal commas ({_examples(text, comma)}) and decimal points "
            f"({_examples(text, dot)}); make them one kind, then import again"
        )
    if comma.any():
        valid = (
            clean.str.contains(COMMA_DECIMAL)
            | clean.str.contains(COMMA_GROUPED)
            | clean.str.contains(SIGN + r"\d+$")
        )
        digits = clean.str.replace_all(r"[. ]", "").str.replace(",", ".", literal=True)
    else:
        valid = clean.str.contains(PLAIN) | clean.str.contains(DOT_GROUPED)
        digits = clean.str.replace_all(r"[, ]", "")
        if integer:  # a whole number written 1.000 or 12.345 is a thousand or more (German)
            dotted = clean.str.contains(COMMA_GROUPED).fill_null(False)
            digits = pl.select(
                pl.when(dotted)
                .then(digits.str.replace_all(".", "", literal=True))
                .otherwise(digits)
            ).to_series()
    parsed = digits.cast(pl.Float64, strict=False)
    valid = valid.fill_null(False) & parsed.is_not_null() & parsed.is_finite().fill_null(False)
    if integer:
        valid = valid & (parsed == parsed.round(0)).fill_null(False)
    bad = ~blank & ~valid
    if bad.any():
        raise UsageError(
            f"{bad.sum()} {what} value(s) in column {name!r} are not "
            f"{'whole numbers' if integer else 'numbers'} ({_examples(text, bad)}"
            f"{', …' if bad.sum() > SHOW_BAD else ''}); fix them or map another column"
        )
    values = pl.select(pl.when(blank).then(None).otherwise(parsed)).to_series()
    changed = ~blank & (clean != digits)
    note = None
    if changed.any():
        first = int(changed.arg_true()[0])
        value = float(values[first])
        shown = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        example = f"line {first + 2}: {text[first]!r} read as {shown}"
        note = (
            f"column {name!r} has decimal commas; {changed.sum():,} figure(s) read accordingly "
            f"({example})"
            if comma.any()
            else f"column {name!r}: thousands separators removed from {changed.sum():,} "
            f"figure(s) ({example})"
        )
    values = values.cast(pl.Float64)
    written = pl.select(pl.when(blank).then(None).otherwise(digits)).to_series()
    return Parsed(values, note, 0 if integer else precision(values, written))


def _cast_first(column: pl.Series, integer: bool) -> pl.Series | None:
    """The figures of a column that a plain cast reads whole (digits, a point, an exponent; no
    padding), blanks missing: no pattern at all. None when any cell needs more than that, and
    `parse` reads the column its usual way. A cast accepts what PLAIN accepts, and `inf` and
    `nan`, which are refused here as not finite (tests/unit/test_import.py checks the two ways
    agree on every kind of cell)."""
    if integer and column.dtype == pl.String:
        # whole numbers written as digits (a sign at most) are read as such at a fraction of
        # the cost; a cell that is not one leaves a gap, and the figures are read as below
        whole = column.cast(pl.Int64, strict=False)
        if whole.null_count() == column.null_count():
            return whole.cast(pl.Float64)
    values = column.cast(pl.Float64, strict=False)
    read = values.is_finite()
    if integer:
        read = read & (values == values.round(0))
    read = read.fill_null(False)
    if read.all():
        return values
    rest = column.filter(~read)
    if rest.dtype == pl.String:
        rest = rest.str.strip_chars()
        if not (rest.is_null() | (rest == "")).all():
            return None
    elif rest.null_count() != rest.len():
        return None
    return pl.select(pl.when(read).then(values)).to_series()


def _plain(text: pl.Series, blank: pl.Series, integer: bool) -> pl.Series | None:
    """The figures of a column written as plain digits (what `parse` reads the same way with
    all its checks, and says nothing about), at the cost of one pattern; None for any other."""
    plain = text.str.contains(SIGN + r"\d+$" if integer else PLAIN).fill_null(False)
    if not (plain | blank).all():
        return None
    values = text.cast(pl.Float64, strict=False)
    if not (values.is_finite().fill_null(False) | blank).all():
        return None
    return pl.select(pl.when(blank).then(None).otherwise(values)).to_series().cast(pl.Float64)
