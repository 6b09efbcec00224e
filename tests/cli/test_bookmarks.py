"""bookmarks.toml: never lose a user's bookmarks (concurrency, crashes, corrupt files, read-only folders)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from cityrank_tui.store.bookmarks import Bookmarks

ADD_ONE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from cityrank_tui.store.bookmarks import Bookmarks
    Bookmarks.load(Path(sys.argv[1])).add(sys.argv[2], sys.argv[2].title())
""")


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


def test_twenty_processes_adding_at_once_all_survive(path):
    procs = [
        subprocess.Popen([sys.executable, "-c", ADD_ONE, str(path), f"city-{n:02d}"])
        for n in range(20)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0] * 20
    assert sorted(Bookmarks.load(path).items) == [f"city-{n:02d}" for n in range(20)]
    assert not list(path.parent.glob("*.tmp"))


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
