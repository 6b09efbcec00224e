"""How a figure prints: one rule for every table, dialog, profile, comparison and export.

A figure prints at its measure's declared decimals (GPCI 2023 London: 1,646.7, although the
data file holds 1646.7303259914; ICI's integer scores: 54, never 54.0). A measure that declares
none (an imported index's score) prints as the file wrote it: 85.25 stays 85.25, 1,234.5 stays
1,234.5, 85 stays 85. People read thousands separated (`figure`); CSV and TSV carry the same
digits without separators (`plain`); JSON carries the same value as a number, an integer where
nothing follows the point (`number`); Parquet and Excel hold that number too.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import IndexInfo

MISSING = "—"
FIGURE_KINDS = ("score", "share")  # measures whose declared decimals fix how they print


def places(info: IndexInfo, column: str) -> int | None:
    """The declared decimals of the measure held in `column` (a score or share), or None: the
    figure prints as held (an integer, or a value written with its own digits)."""
    measure = info.measure(column)
    if measure is None or measure.kind not in FIGURE_KINDS:
        return None
    return measure.decimals


def _digits(value: float, decimals: int | None) -> str:
    """The figure's digits without separators: at `decimals` places, or as held."""
    if decimals is not None and math.isfinite(value):
        # half away from zero on the digits as held (85.25 -> 85.3, as a spreadsheet rounds),
        # not on the binary value, which `f"{85.25:.1f}"` rounds to 85.2
        exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        return f"{abs(exact) if exact == 0 else exact:f}"  # never -0.0
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _grouped(digits: str) -> str:
    """1646.7 -> 1,646.7; the sign and every decimal kept."""
    if "e" in digits or not digits.lstrip("-")[:1].isdigit():
        return digits  # an exponent, inf: written as held
    sign = "-" if digits.startswith("-") else ""
    whole, point, fraction = digits.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}{point}{fraction}"


def figure(value: object, decimals: int | None = None) -> str:
    """A figure for people: thousands separated (127,418), never an exponent for a whole
    number, at `decimals` places where the measure declares them; — when missing."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):  # NaN is not a figure anyone published
            return MISSING
        return _grouped(_digits(value, decimals))
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


class Digits(str):
    """A figure written as text for CSV: a number to a spreadsheet, so core/csvsafe.py never
    guards it as it guards text that starts with - (a negative figure stays -5)."""

    __slots__ = ()


def plain(value: object, decimals: int | None = None) -> object:
    """The same figure for CSV and TSV: the same digits, no separators; text and other values
    pass through unchanged (None stays None: an empty cell)."""
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return Digits(_digits(value, decimals))
    return value


def number(value: object, decimals: int | None = None) -> object:
    """The same figure for JSON, as a number: the value `figure` prints (1646.7, not
    1646.7303259914), an integer when it has no decimals (54, not 54.0)."""
    if isinstance(value, float) and not isinstance(value, bool):
        if math.isnan(value):
            return None
        digits = _digits(value, decimals)
        if "e" in digits or "inf" in digits:
            return value
        return int(digits) if "." not in digits else float(digits)
    return value
