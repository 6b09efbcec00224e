"""textnorm.fold_series lower-cases a plain ASCII name and folds the others in full: a name with
a space at either end is folded in full (it is trimmed), whatever its neighbours are; each value
is checked against `fold`, the one fold, value for value."""

from __future__ import annotations

import polars as pl

from cityrank_tui.core.textnorm import fold, fold_series

NAMES = [
    " Paris",
    "Paris ",
    "  Lyon  ",
    "Bern",
    " ",
    "",
    "New York ",
    " Saint - Denis",
    "St. Gallen",
    "\tGenève\t",
    "Rio de Janeiro",
]


def test_each_name_folds_as_fold_folds_it():
    folded = fold_series(pl.Series(NAMES)).to_list()
    assert folded == [fold(name) for name in NAMES]
    assert folded[:4] == ["paris", "paris", "lyon", "bern"]


def test_a_missing_name_stays_missing():
    assert fold_series(pl.Series([None, " Oslo"], dtype=pl.String)).to_list() == [None, "oslo"]
