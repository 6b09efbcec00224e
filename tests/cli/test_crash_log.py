"""An error we did not expect is one line on stderr naming it and the crash log holding its
traceback; never a traceback on the terminal (#22: "a crash leaves no log file")."""

from __future__ import annotations

from cityrank_tui import commands_cli
from cityrank_tui.cli import EXIT_CRASH


def _explode(message: str) -> None:
    raise ZeroDivisionError(message)


def test_an_unexpected_error_is_one_line_and_its_traceback_is_in_the_crash_log(
    cli, monkeypatch, tmp_path
):
    monkeypatch.setattr(commands_cli, "cmd_indexes", lambda args: _explode("boom \x1b[31mred"))
    code, out, err = cli("indexes", "--format", "csv")
    assert code == EXIT_CRASH and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "\x1b" not in err
    assert "ZeroDivisionError: boom" in err
    log = tmp_path / "state" / "crash.log"
    assert str(log) in err
    text = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in text
    assert "ZeroDivisionError: boom" in text and "_explode" in text
    assert "command: cityrank-tui indexes --format csv" in text
    assert not [p for p in log.parent.iterdir() if p.name.endswith(".part")]


def test_an_oserror_about_a_file_of_ours_is_a_crash_line_not_a_traceback(cli, monkeypatch):
    def denied(args):
        raise PermissionError(13, "Permission denied", "/somewhere/file")

    monkeypatch.setattr(commands_cli, "cmd_indexes", denied)
    code, _, err = cli("indexes")
    assert code == EXIT_CRASH
    assert "PermissionError" in err and "Traceback" not in err


def test_when_the_log_cannot_be_written_the_line_says_so(cli, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CITYRANK_STATE_DIR", str(blocker))
    monkeypatch.setattr(commands_cli, "cmd_indexes", lambda args: _explode("boom"))
    code, _, err = cli("indexes")
    assert code == EXIT_CRASH
    assert "no crash log could be written" in err and "ZeroDivisionError: boom" in err
    assert len(err.strip().splitlines()) == 1


def test_a_crash_log_that_is_a_symlink_is_not_followed(cli, monkeypatch, tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "crash.log").symlink_to(target)
    monkeypatch.setattr(commands_cli, "cmd_indexes", lambda args: _explode("boom"))
    code, _, err = cli("indexes")
    assert code == EXIT_CRASH and "no crash log could be written" in err
    assert target.read_text() == "keep me"
