"""bookmarks.toml: never lose a user's bookmarks (concurrency, crashes, corrupt files, read-only folders)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from cityrank_tui.core import crosstab
from cityrank_tui.store import tomlfile
from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.store.tomlfile import SaveError


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "config" / "bookmarks.toml"


def test_missing_file_is_empty_and_nothing_is_written(path):
    store = Bookmarks.load(path)
    assert len(store) == 0 and store.warnings == []
    assert not path.exists() and not path.parent.exists()


def test_add_note_lists_remove_round_trip(path):
    store = Bookmarks.load(path)
    store.add("seoul-kr", "Seoul", note="office here", list_name="Asia hubs")
    store.add("tokyo-jp", "Tokyo")
    store.add("tokyo-jp", "Tokyo", list_name="Shortlist")
    store.add("seoul-kr", "Seoul", list_name="Shortlist")  # no note given: the note stays
    again = Bookmarks.load(path)
    assert [b.city_id for b in again] == ["seoul-kr", "tokyo-jp"]
    seoul = again.items["seoul-kr"]
    assert (
        seoul.name == "Seoul"
        and seoul.note == "office here"
        and seoul.lists == ("Asia hubs", "Shortlist")
    )
    assert again.list_names == ["Asia hubs", "Shortlist"]
    assert [b.city_id for b in again.in_list("Asia hubs")] == ["seoul-kr"]
    again.set_note("tokyo-jp", "visit in May")
    again.set_lists("seoul-kr", ("Shortlist",))
    again.remove("seoul-kr")
    final = Bookmarks.load(path)
    assert list(final.items) == ["tokyo-jp"] and final.items["tokyo-jp"].note == "visit in May"
    data = tomllib.loads(path.read_text())
    assert data["schema_version"] == tomlfile.SCHEMA_VERSION
    assert data["bookmarks"][0]["city_id"] == "tokyo-jp" and data["bookmarks"][0]["name"] == "Tokyo"


def test_two_instances_do_not_lose_each_others_changes(path):
    first, second = Bookmarks.load(path), Bookmarks.load(path)
    first.add("seoul-kr", "Seoul")
    second.add("tokyo-jp", "Tokyo")  # second never saw Seoul in memory
    first.remove("tokyo-jp")  # first never saw Tokyo, yet removes it from the file
    second.set_note("seoul-kr", "from the second session")
    assert {b.city_id: b.note for b in Bookmarks.load(path)} == {
        "seoul-kr": "from the second session"
    }


ADD_ONE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from cityrank_tui.store.bookmarks import Bookmarks
    Bookmarks.load(Path(sys.argv[1])).add(sys.argv[2], sys.argv[2].title())
""")


def test_twenty_processes_adding_at_once_all_survive(path):
    procs = [
        subprocess.Popen([sys.executable, "-c", ADD_ONE, str(path), f"city-{n:02d}"])
        for n in range(20)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0] * 20
    assert sorted(Bookmarks.load(path).items) == [f"city-{n:02d}" for n in range(20)]
    assert not list(path.parent.glob("*.tmp"))


CRASH_BEFORE_REPLACE = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from cityrank_tui.store import tomlfile
    from cityrank_tui.store.bookmarks import Bookmarks
    def crash(*args, **kwargs):
        os._exit(9)  # the process dies after the temp file is written and fsynced, before the replace
    tomlfile.os.replace = crash
    Bookmarks.load(Path(sys.argv[1])).add("tokyo-jp", "Tokyo")
""")


def test_a_crash_between_write_and_replace_leaves_the_old_file_intact(path):
    Bookmarks.load(path).add("seoul-kr", "Seoul")
    before = path.read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", CRASH_BEFORE_REPLACE, str(path)], timeout=60, check=False
    )
    assert result.returncode == 9
    assert path.read_bytes() == before
    assert list(Bookmarks.load(path).items) == ["seoul-kr"]
    Bookmarks.load(path).add("tokyo-jp", "Tokyo")  # and the lock was released by the crash
    assert list(Bookmarks.load(path).items) == ["seoul-kr", "tokyo-jp"]


@pytest.mark.parametrize(
    "content, problem",
    [
        ("[[bookmarks]\ncity_id = 'x'", "is not valid TOML"),
        ("schema_version = 99\n", "schema_version 99"),
        ("bookmarks = 'seoul'\n", "not a bookmarks file"),
        ("[[bookmarks]]\nname = 'Seoul'\n", "bookmark 1 has no city_id"),
        (b"\xff\xfe", "is not valid TOML"),
    ],
)
def test_a_broken_file_is_kept_aside_and_reported(path, content, problem):
    path.parent.mkdir(parents=True)
    raw = content if isinstance(content, bytes) else content.encode()
    path.write_bytes(raw)
    store = Bookmarks.load(path)
    assert len(store) == 0
    assert len(store.warnings) == 1 and problem in store.warnings[0]
    kept = list(path.parent.glob("bookmarks.toml.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == raw and str(kept[0]) in store.warnings[0]
    assert not path.exists()  # nothing is written until the first change
    store.add("seoul-kr", "Seoul")
    assert list(Bookmarks.load(path).items) == ["seoul-kr"] and kept[0].read_bytes() == raw


def test_a_file_broken_by_hand_during_a_session_keeps_what_the_session_showed(path):
    store = Bookmarks.load(path)
    store.add("seoul-kr", "Seoul")
    path.write_text("this is [not toml")
    store.add("tokyo-jp", "Tokyo")
    assert set(Bookmarks.load(path).items) == {"seoul-kr", "tokyo-jp"}
    assert any("is not valid TOML" in w for w in store.warnings)
    assert len(list(path.parent.glob("bookmarks.toml.corrupt-*"))) == 1


def test_a_folder_that_cannot_be_written_keeps_bookmarks_for_the_session(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the config folder should be")
    store = Bookmarks.load(blocker / "bookmarks.toml")
    with pytest.raises(SaveError, match="cannot save"):
        store.add("seoul-kr", "Seoul")
    assert "seoul-kr" in store  # kept in memory for the session
    with pytest.raises(SaveError):
        store.add("tokyo-jp", "Tokyo")
    assert set(store.items) == {"seoul-kr", "tokyo-jp"}
    blocker.unlink()  # the folder becomes writable: the next change saves the earlier ones too
    store.remove("tokyo-jp")
    assert list(Bookmarks.load(blocker / "bookmarks.toml").items) == ["seoul-kr"]


def test_a_full_disk_leaves_the_old_file_and_no_temp_file(path, monkeypatch):
    store = Bookmarks.load(path)
    store.add("seoul-kr", "Seoul")
    before = path.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tomlfile.os, "fsync", full)
    with pytest.raises(SaveError, match="No space left"):
        store.add("tokyo-jp", "Tokyo")
    assert path.read_bytes() == before and not list(path.parent.glob("*.tmp"))
    assert "tokyo-jp" in store


def test_a_bookmark_whose_city_is_gone_is_kept_and_shown_as_unknown(path, catalog):
    store = Bookmarks.load(path)
    store.add("atlantis-xx", "Atlantis")
    store.add("seoul-kr", "Seoul")
    rows = crosstab.cross_rows(catalog, [(b.city_id, b.name, {}) for b in Bookmarks.load(path)])
    assert [r.label for r in rows] == ["Atlantis (unknown city)", "Seoul"]
    text = crosstab.render(rows, list(catalog.indexes.values()), "table")
    assert "Atlantis (unknown city)" in text
    assert "atlantis-xx" in Bookmarks.load(path)


def test_cli_bookmarks_add_list_export_remove(cli, tmp_path):
    assert cli("bookmarks", "list")[1].startswith("No bookmarks yet")
    code, _, err = cli("bookmarks", "add", "Seoul", "--note", "HQ", "--list", "Asia hubs")
    assert code == 0 and "seoul-kr" in err
    assert cli("bookmarks", "add", "Boston")[0] == 0
    code, out, _ = cli("bookmarks", "list")
    lines = out.splitlines()
    assert lines[0].split()[:19] == [
        "City",
        "Note",
        "Lists",
        "ICI",
        "2014",
        "GII",
        "2022",
        "GII",
        "2023",
        "GII",
        "2024",
        "GII",
        "2025",
        "IECI",
        "2022",
        "IECI",
        "2024",
        "IECI",
        "2025",
    ]
    assert lines[1].split()[:12] == [
        "Seoul",
        "HQ",
        "Asia",
        "hubs",
        "12/445",
        "4/100",
        "3/100",
        "4/100",
        "5/100",
        "5/37",
        "6/43",
        "4/50",
    ]
    # Boston: 4th in the ICI 2014 media release; GaWC 2024 shows its class, not a rank
    boston = lines[2].split()
    assert boston[:9] == ["Boston", "4/445", "8/100", "8/100", "8/100", "9/100", "?", "—", "—"]
    assert "Alpha-" in boston
    code, out, _ = cli("bookmarks", "list", "--list", "Asia hubs")
    assert "Seoul" in out and "Boston" not in out
    code, out, _ = cli("bookmarks", "export", "--format", "csv")
    header = out.splitlines()[0].split(",")
    assert header[:6] == ["city_id", "name", "known", "country", "note", "lists"]
    seoul = out.splitlines()[1].split(",")
    assert seoul[header.index("gii-2023_rank")] == "3"
    assert seoul[header.index("gii-2023_source_url")].startswith("https://")
    assert out.rstrip().endswith("(www.schroders.com)")  # attribution lines close the file
    assert "Dataset 31 of the Globalization and World Cities" in out  # GaWC asks for it
    code, out, _ = cli(
        "bookmarks", "export", "--format", "json", "--output", str(tmp_path / "b.json")
    )
    assert code == 0
    assert cli("bookmarks", "remove", "Seoul")[0] == 0
    assert cli("bookmarks", "remove", "Seoul")[2].strip() == "cityrank-tui: Seoul is not bookmarked"
    assert cli("bookmarks", "list", "--list", "nope")[0] == 2


def test_cli_reports_a_folder_it_cannot_write(cli, tmp_path, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("")
    monkeypatch.setenv("CITYRANK_CONFIG_DIR", str(blocker))
    code, _, err = cli("bookmarks", "add", "Seoul")
    assert (
        code == 2
        and "cannot save" in err
        and "nothing was changed" in err
        and "Traceback" not in err
    )
