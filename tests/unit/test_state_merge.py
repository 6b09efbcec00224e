"""Two sessions sharing state.toml (two terminals, two browser tabs of `serve`) keep each other's
changes: a save merges only what this session changed into the file as it is now."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from cityrank_tui.store import paths
from cityrank_tui.store.state import AppState


def on_disk() -> dict:
    return tomllib.loads(paths.state_file().read_text())


def test_two_sessions_setting_different_filters_both_keep_theirs():
    first, second = AppState(), AppState()  # both read the same (empty) file at start
    first.views["gii-2023"] = {"sort": "rank", "descending": False, "filter": {"region": "Asia"}}
    first.save()
    second.views["oe-gci-2024"] = {"sort": "name", "descending": True}
    second.theme = {"picked": "nord", "over": "textual-dark"}
    second.save()  # before, this wrote second's whole memory and dropped gii-2023's filter
    data = on_disk()
    assert data["views"]["gii-2023"]["filter"] == {"region": "Asia"}
    assert data["views"]["oe-gci-2024"]["sort"] == "name"
    assert data["theme"]["picked"] == "nord"


def test_a_session_does_not_write_back_what_it_only_read():
    first = AppState()
    first.views["gfci-38"] = {"sort": "rank", "descending": False}
    first.last_tab = "gfci-38"
    first.save()
    stale = AppState()  # reads gfci-38's view
    first.views["gfci-38"] = {"sort": "name", "descending": False}
    first.save()
    stale.editions["gii"] = "gii-2024"
    stale.save()
    data = on_disk()
    assert data["views"]["gfci-38"]["sort"] == "name"  # not the stale copy
    assert data["editions"] == {"gii": "gii-2024"}
    assert data["last_tab"] == "gfci-38"


def test_the_last_change_to_the_same_entry_wins_and_a_removal_is_kept():
    first, second = AppState(), AppState()
    first.editions["gii"] = "gii-2022"
    first.save()
    second.editions["gii"] = "gii-2025"
    second.save()
    assert on_disk()["editions"]["gii"] == "gii-2025"
    third = AppState()
    del third.editions["gii"]
    third.save()
    assert "gii" not in on_disk().get("editions", {})


def test_nothing_changed_writes_nothing():
    AppState().save()
    assert not paths.state_file().exists()


WRITER = """
import sys
from cityrank_tui.store.state import AppState
me, rounds = sys.argv[1], int(sys.argv[2])
state = AppState()  # one long-lived session, as an open app is
for n in range(rounds):
    state.views[me] = {"sort": "rank", "descending": False, "filter": {"text": f"{me}-{n}"}}
    state.editions[me] = me
    state.save()
"""


def test_concurrent_processes_lose_none_of_each_others_views(tmp_path):
    """Four real sessions (processes, each reading the file once, as an open app does) save their
    own entry 25 times each, all at once: every entry's last value is on disk at the end (before,
    each save replaced the whole file with that session's memory)."""
    names = [f"session{k}" for k in range(4)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, name, "25"], env=env) for name in names
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    data = on_disk()
    for name in names:
        assert data["views"][name]["filter"]["text"] == f"{name}-24"
        assert data["editions"][name] == name
