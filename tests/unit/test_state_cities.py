"""The Cities tab's view in state.toml: kept as typed, a wrong value dropped with a note."""

from __future__ import annotations

from cityrank_tui.core.cityview import MEDIAN, CityFilter, CityView
from cityrank_tui.store import paths
from cityrank_tui.store.state import AppState, city_view_from_dict, city_view_to_dict


def test_the_cities_view_goes_to_state_toml_and_back():
    view = CityView(CityFilter(region="Northern Europe", min_families=8), (MEDIAN, True), True)
    state = AppState()
    state.cities = city_view_to_dict(view)
    state.save()
    assert 'region = "Northern Europe"' in paths.state_file().read_text()
    again = AppState()
    assert again.cities is not None and city_view_from_dict(again.cities) == view


def test_a_wrong_cities_view_is_dropped_with_a_note_and_the_rest_is_kept():
    path = paths.state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'last_tab = "@cities"\nviews = 3\ntheme = {picked = "x", over = "y"}\n'
        '[cities]\nmin_families = "8"\n'
    )
    state = AppState()
    assert state.cities is None and state.last_tab == "@cities"
    assert any(
        "Cities tab was dropped (min_families must be a whole number" in w for w in state.warnings
    )
    assert state.picked_theme("y") == "x"  # a broken 'views' no longer loses the theme
