"""What y says after a copy is what happened: OSC 52 is "sent", never "Copied" (in tmux, with the
setting it needs); copy_command's program gets the text; a browser session says the browser
clipboard (issue 22 item 4, issue 23)."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from cityrank_tui.tui.app import CityRankApp
from tests.support.screen import write_config
from tests.support.waiting import wait_until

SIZE = (80, 24)


def script(folder, name: str, body: str):
    """An executable Python script (no shell involved in running it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!{sys.executable}\n{body}")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


async def copy_once(app) -> str:
    """Press y once; the message it left."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = len(app.messages)
        await pilot.press("y")
        await wait_until(pilot, lambda: len(app.messages) > said, "a message")
        return app.messages[-1][2]


@pytest.fixture
def plain_terminal(monkeypatch):
    for name in ("TMUX", "STY"):
        monkeypatch.delenv(name, raising=False)


async def test_outside_tmux_the_text_is_sent_not_claimed_copied(plain_terminal):
    write_config('copy_format = "csv"\n')
    app = CityRankApp()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    said = await copy_once(app)
    assert copied and copied[0].startswith("index,rank,")
    assert said.startswith("Sent the row as CSV, with sources and attribution, to the terminal")
    assert "(OSC 52)" in said and "copy_command" in said and "Copied" not in said


@pytest.mark.parametrize("setting", ["external", "off", None])
async def test_in_tmux_the_message_names_set_clipboard_on(tmp_path, monkeypatch, setting):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    bin_dir = tmp_path / "bin"
    if setting is None:  # a tmux that cannot be asked (not on PATH here)
        bin_dir.mkdir()
    else:
        script(bin_dir, "tmux", f"print({setting!r})\n")
    monkeypatch.setenv("PATH", str(bin_dir))
    write_config('copy_format = "csv"\n')
    app = CityRankApp()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    said = await copy_once(app)
    assert copied
    assert "terminal clipboard (OSC 52)" in said
    assert "in tmux this needs `set -g set-clipboard on`" in said
    assert ("it is " + setting) in said if setting else "it is" not in said
    assert "Copied" not in said


async def test_in_tmux_with_set_clipboard_on_no_fix_is_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    script(tmp_path / "bin", "tmux", "print('on')\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    write_config('copy_format = "csv"\n')
    app = CityRankApp()
    app.copy_to_clipboard = lambda text: None
    said = await copy_once(app)
    assert "tmux passes it on (set-clipboard on)" in said
    assert "needs" not in said


async def test_copy_command_gets_the_text_on_its_stdin(tmp_path, monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")  # not asked: the command is used
    out = tmp_path / "clip.txt"
    tool = script(
        tmp_path / "bin",
        "fake-copy",
        f"import sys\nopen({str(out)!r}, 'wb').write(sys.stdin.buffer.read())\n",
    )
    write_config(f'copy_format = "tsv"\ncopy_command = "{tool} --selection clipboard"\n')
    app = CityRankApp()
    osc: list[str] = []
    app.copy_to_clipboard = osc.append
    said = await copy_once(app)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("index\trank\tname\t") and len(text.splitlines()) == 2
    assert osc == []  # not through the terminal as well
    assert said.startswith("Copied the row as TSV, with sources and attribution, with `")
    assert "fake-copy --selection clipboard` (copy_command)" in said


async def test_a_failing_copy_command_is_one_clear_line(tmp_path):
    tool = script(
        tmp_path / "bin",
        "broken-copy",
        "import sys\nsys.stderr.write('no display\\n')\nsys.exit(3)\n",
    )
    write_config(f'copy_format = "csv"\ncopy_command = "{tool}"\n')
    app = CityRankApp()
    said = await copy_once(app)
    assert app.messages[-1][1] == "error"
    assert "broken-copy` exited with 3: no display; nothing was copied" in said
    assert "\n" not in said and "Traceback" not in said


async def test_a_copy_command_that_is_not_there_is_one_clear_line(tmp_path):
    write_config(f'copy_format = "csv"\ncopy_command = "{tmp_path}/nowhere/xclip -i"\n')
    app = CityRankApp()
    said = await copy_once(app)
    assert "could not start (No such file or directory); nothing was copied" in said


async def test_in_a_browser_session_it_says_the_browser_clipboard(monkeypatch, plain_terminal):
    monkeypatch.setattr(CityRankApp, "is_web", property(lambda self: True))
    write_config('copy_format = "md"\n')
    app = CityRankApp()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    said = await copy_once(app)
    assert copied and copied[0].startswith("## ")
    assert (
        said == "Sent the row as Markdown, with sources and attribution, to the browser clipboard."
    )


def test_config_copy_command_is_split_without_a_shell_and_bad_values_are_one_line():
    from cityrank_tui.store import settings

    write_config("copy_command = \"xclip -selection 'clip board'\"\n")
    assert settings.load().copy_command == ("xclip", "-selection", "clip board")
    for bad in ('copy_command = "xclip \'open"', "copy_command = 3", 'copy_command = ""'):
        write_config(bad + "\n")
        loaded = settings.load()
        assert loaded.copy_command == ()
        assert len(loaded.warnings) == 1 and "copy_command" in loaded.warnings[0]
        assert "\n" not in loaded.warnings[0]
    write_config('copy_format = "xlsx"\n')
    assert settings.load().copy_format is None
    assert os.linesep not in settings.load().warnings[0]
