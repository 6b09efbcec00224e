"""Hostile input against every terminal output, the user's files and the CLI's streams (issue 12).

The CLI runs as a subprocess with a bounded timeout: a hang fails the test, never the suite.
Every byte it writes to stdout and stderr is checked for raw control characters and tracebacks.
"""

from __future__ import annotations

import pytest

from tests.support.hostile_terminal import config_dir, state_dir


def test_symlinked_state_file_is_not_replaced(tmp_path):
    from cityrank_tui.store import tomlfile
    from cityrank_tui.store.state import AppState

    outside = tmp_path / "elsewhere.toml"
    outside.write_text('last_tab = "ici-2014"\n')
    (state_dir() / "state.toml").symlink_to(outside)
    state = AppState()
    state.last_tab = "gii-2024"
    with pytest.raises(tomlfile.SaveError, match="symbolic link"):
        state.save()
    assert outside.read_text() == 'last_tab = "ici-2014"\n'


def test_surrogates_never_reach_the_toml_writer(tmp_path):
    from cityrank_tui.store import tomlfile

    with pytest.raises(tomlfile.SaveError, match="not valid UTF-8"):
        tomlfile.write(tmp_path / "x.toml", {"name": "a\udcffb"})
    assert not (tmp_path / "x.toml").exists()


@pytest.mark.parametrize(
    "value",
    ['min_score = "53"', "min_rank = 2.5", "min_score = nan", "tiers = [1, 2]", "region = 3"],
)
def test_view_problem_names_the_field(value):
    import tomllib

    from cityrank_tui.store.state import view_problem

    data = tomllib.loads(f"[filter]\n{value}\n")
    assert view_problem(data) is not None
    assert view_problem({"filter": {"min_score": 53, "tiers": ["A"], "min_rank": 1}}) is None


def test_ascii_stand_ins_keep_the_width():
    from rich.cells import cell_len

    from cityrank_tui.termout import ascii_stand_in

    for glyph, ascii in (("▶", ">"), ("★", "*"), ("●", "*"), ("▲", "^"), ("▼", "v"), ("—", "-")):
        assert ascii_stand_in(glyph) == ascii
    for ch in "│─┌█▁é™北":
        assert len(ascii_stand_in(ch)) == cell_len(ch) and ascii_stand_in(ch).isascii()


# -- item 20: config.toml ---------------------------------------------------------------------------
def test_unknown_settings_and_start_tab_are_named():
    from cityrank_tui.store import settings

    (config_dir() / "config.toml").write_text(
        'colour = "red"\nstart_tab = "nope-2024"\n[keyz]\nsearch = "z"\n'
    )
    warnings = settings.load(index_ids={"ici-2014"}).warnings
    assert any("unknown setting 'colour'" in w for w in warnings)
    assert any("unknown setting 'keyz'" in w for w in warnings)
    assert any("start_tab 'nope-2024' is not a family or an edition" in w for w in warnings)
    assert settings.load(index_ids={"ici-2014"}).start_tab is None


def test_a_key_name_with_a_control_character_is_refused():
    from cityrank_tui.store import settings

    (config_dir() / "config.toml").write_text('[keys]\nsearch = "\\u001b]0;x\\u0007"\n')
    loaded = settings.load()
    assert loaded.keys == {} and "keys.search must be a key name" in loaded.warnings[0]
