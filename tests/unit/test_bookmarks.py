"""bookmarks.toml: never lose a user's bookmarks (concurrency, crashes, corrupt files, read-only folders)."""

from __future__ import annotations

import errno
import os
import tomllib

import pytest

from cityrank_tui.core import crosstab
from cityrank_tui.store import tomlfile
from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.store.tomlfile import SaveError


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


@pytest.mark.parametrize(
    "content, problem",
    [
        ("[[bookmarks]\ncity_id = 'x'", "is not valid TOML"),
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
