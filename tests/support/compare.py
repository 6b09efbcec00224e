"""Helpers shared by the test_compare tests of more than one folder."""

from __future__ import annotations

from cityrank_tui.core.cities import find_city


def city(catalog, name):
    return find_city(catalog, name)
