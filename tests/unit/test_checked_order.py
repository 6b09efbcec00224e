"""The checks of a mapped table say the first problem in the same order whatever runs beside
what (ranks, then scores, then names), and an opened file's search text is each name folded
by `fold`, the one fold, value for value."""

from __future__ import annotations

import re

import polars as pl
import pytest

from cityrank_tui.core import importer
from cityrank_tui.core.errors import UsageError
from cityrank_tui.core.textnorm import fold

MAPPING = {"rank": "Rank", "name": "City", "score": "Score", "country": "Land"}


@pytest.mark.parametrize(
    ("rank", "score", "name", "said"),
    [
        ("x", "y", "", "rank value(s) in column 'Rank'"),
        ("0", "y", "", "ranks must be 1 or more"),
        ("2", "y", "", "score value(s) in column 'Score'"),
        ("2", "3", "", "row(s) have no name"),
    ],
)
def test_the_first_problem_is_said_first(rank, score, name, said):
    table = pl.DataFrame(
        {"Rank": ["1", rank], "City": ["Oslo", name], "Score": ["1", score], "Land": ["NO", ""]}
    )
    with pytest.raises(UsageError, match=re.escape(said)):
        importer.unlinked(table, MAPPING, None, "t")


def test_an_opened_files_search_text_is_each_name_folded():
    names = [" Zürich ", "São Paulo", "Town 7", "'=Bad", "Macau – Zhuhai", "  "]
    table = pl.DataFrame(
        {
            "Rank": [str(n) for n in range(1, 7)],
            "City": [*names[:5], "Köln"],
            "Score": ["1"] * 6,
            "Land": ["", "BR", "", "", "MO", "DE"],
        }
    )
    frame, _, _, _ = importer.unlinked(table, MAPPING, None, "t")
    assert frame["search_text"].to_list() == [fold(n) for n in frame["name"].to_list()]
    assert frame["name"].to_list()[0] == "Zürich"
    assert frame["country"].to_list()[:3] == [None, "BR", None]
