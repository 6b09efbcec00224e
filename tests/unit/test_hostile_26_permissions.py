"""Issue 26 item 13: a file of ours that cannot be read (PermissionError) is one clear line
and is never written over: an unreadable bookmarks.toml became a file of the one bookmark
added (reproduced as a non-root user: `setpriv --reuid=65534 cityrank-tui bookmarks add`)."""

from __future__ import annotations

import os

import pytest

from cityrank_tui.store import paths, tomlfile
from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.store.tomlfile import SaveError

SEOUL = '[[bookmarks]]\ncity_id = "seoul-kr"\nname = "Seoul"\n'


@pytest.fixture
def unreadable(monkeypatch):
    """Make `os.open` of the given paths fail as a file of another user's mode 600 does (the
    guarded reader and the writer's check both open through it); as root, chmod cannot."""
    denied: set[str] = set()
    real_open = os.open

    def guarded_open(path, flags, *args, **kwargs):
        if os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    return denied


def test_an_unreadable_bookmarks_file_is_one_line_and_never_written_over(unreadable):
    path = paths.bookmarks_file()
    path.parent.mkdir(parents=True)
    path.write_text(SEOUL)
    unreadable.add(str(path))
    store = Bookmarks.load()
    assert store.warnings == [f"cannot read {path}: Permission denied"]
    with pytest.raises(SaveError) as caught:
        store.add("tokyo-jp", "Tokyo")
    assert str(caught.value) == (
        f"cannot save {path}: it cannot be read (Permission denied), and cityrank-tui does "
        "not write over a file whose contents it has not read"
    )
    assert "tokyo-jp" in store  # kept for the session
    assert path.read_text() == SEOUL  # nothing lost


def test_an_unreadable_state_or_config_file_is_kept_as_it_is(unreadable):
    for path in (paths.state_file(), paths.config_file()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("theme = 'mine'\n")
        unreadable.add(str(path))
        assert tomlfile.read(path).warning == f"cannot read {path}: Permission denied"
        with pytest.raises(SaveError, match="cannot be read"):
            tomlfile.write(path, {"theme": "other"})
        assert path.read_text() == "theme = 'mine'\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file of mode 000")
def test_a_mode_000_bookmarks_file_is_never_written_over():
    path = paths.bookmarks_file()
    path.parent.mkdir(parents=True)
    path.write_text(SEOUL)
    path.chmod(0)
    try:
        with pytest.raises(SaveError, match="cannot be read"):
            Bookmarks.load().add("tokyo-jp", "Tokyo")
    finally:
        path.chmod(0o600)
    assert path.read_text() == SEOUL


def test_import_and_bookmarks_add_of_unreadable_files_say_so_in_one_line(
    cli, tmp_path, unreadable, monkeypatch
):
    source = tmp_path / "mine.csv"
    source.write_text("rank,name\n1,London\n")
    unreadable.add(str(source))
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: os.fspath(p) != str(source) and real_access(p, mode)
    )
    code, _out, err = cli("import", str(source), "--id", "mine", "--name", "Mine")
    assert code == 2 and "Traceback" not in err
    assert (
        err.strip().splitlines()[-1] == f"cityrank-tui: cannot import {source}: permission denied"
    )
    assert not (paths.data_dir() / "indexes" / "mine.toml").exists()
    path = paths.bookmarks_file()
    path.parent.mkdir(parents=True)
    path.write_text(SEOUL)
    unreadable.add(str(path))
    code, _out, err = cli("bookmarks", "add", "Tokyo")
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines() == [
        f"cityrank-tui: cannot read {path}: Permission denied",
        f"cityrank-tui: cannot save {path}: it cannot be read (Permission denied), and "
        "cityrank-tui does not write over a file whose contents it has not read; nothing was "
        "changed",
    ]
    assert path.read_text() == SEOUL
