"""The help and the palette name every format `e` offers: on the Cities tab they said "CSV,
JSON or Markdown" while the picker offered TSV and GeoJSON too, and an index tab's left out
TSV and GeoJSON."""

from __future__ import annotations

from cityrank_tui.core import cityexport
from cityrank_tui.tui.commands import BY_ID
from cityrank_tui.tui.pickers import EXPORT_FORMATS


def test_an_index_tab_export_names_every_format_it_offers():
    words = BY_ID["export"].help
    assert [label for _, label in EXPORT_FORMATS if label not in words] == []


def test_the_cities_tab_export_names_every_format_it_offers():
    words = BY_ID["cities.export"].help
    assert [label for _, label in cityexport.FORMATS if label not in words] == []
