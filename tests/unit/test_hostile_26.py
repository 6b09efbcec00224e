"""Issue 26, store and core: files written by a newer version, FIFOs and oversized files where
the user's files should be, failed writes. Each test failed on the code before its fix."""

from __future__ import annotations

import pytest

from cityrank_tui.store import tomlfile
from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.store.tomlfile import SaveError

NEWER = (
    "schema_version = 2\n\n[[bookmarks]]\ncity_id = 'seoul-kr'\nname = 'Seoul'\n"
    "added = '2026-01-01T00:00:00'\nfuture_field = 'kept'\n"
)


def test_a_bookmarks_file_of_a_newer_schema_is_never_set_aside_nor_written(path):
    path.parent.mkdir(parents=True)
    path.write_text(NEWER)
    store = Bookmarks.load(path)
    assert len(store.warnings) == 1
    assert "newer cityrank-tui (schema_version 2" in store.warnings[0]
    assert "\n" not in store.warnings[0]
    assert not list(path.parent.glob("bookmarks.toml.corrupt-*"))
    with pytest.raises(SaveError, match="schema_version 2"):
        store.add("tokyo-jp", "Tokyo")
    assert path.read_text() == NEWER  # the newer version finds its bookmarks whole
    assert not list(path.parent.glob("bookmarks.toml.corrupt-*"))
    assert "tokyo-jp" in store  # kept for this session


def test_no_toml_file_of_a_newer_schema_is_replaced(tmp_path):
    target = tmp_path / "state.toml"
    target.write_text("schema_version = 7\nlast_tab = 'x'\n")
    result = tomlfile.read(target)
    assert result.newer == 7 and result.data == {}
    with pytest.raises(SaveError, match="schema_version 7"):
        tomlfile.write(target, {"last_tab": "y"})
    assert target.read_text() == "schema_version = 7\nlast_tab = 'x'\n"
