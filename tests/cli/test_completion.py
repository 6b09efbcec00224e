"""`cityrank-tui completion SHELL` (#22): Tab completes subcommands, options, format choices,
index ids and files, from the parser the commands use."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cityrank_tui.cli import main
from cityrank_tui.core.catalog import Catalog

BASH = shutil.which("bash")


def _complete(cli, tmp_path: Path, *words: str) -> list[str]:
    """What bash offers for `cityrank-tui WORDS` (the last word is the one being completed)."""
    _, script, _ = cli("completion", "bash")
    (tmp_path / "c.bash").write_text(script)
    quoted = " ".join(f"'{w}'" for w in ("cityrank-tui", *words))
    program = (
        f"source '{tmp_path / 'c.bash'}'; COMP_WORDS=({quoted}); COMP_CWORD={len(words)}; "
        '_cityrank_tui; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [BASH, "--norc", "-c", program],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if line]


pytestmark = pytest.mark.skipif(BASH is None, reason="bash is not installed")


def test_bash_completes_commands_options_choices_and_files(cli, tmp_path):
    assert _complete(cli, tmp_path, "sh") == ["show"]
    assert _complete(cli, tmp_path, "bookmarks", "ex") == ["export"]
    assert _complete(cli, tmp_path, "bookmarks", "export", "--format", "j") == ["json"]
    assert _complete(cli, tmp_path, "agreement", "--editions", "") == ["overlap", "latest", "all"]
    assert "--min-families" in _complete(cli, tmp_path, "cities", "--min")
    assert _complete(cli, tmp_path, "completion", "f") == ["fish"]
    (tmp_path / "ranks.csv").write_text("rank,name\n1,Paris\n")
    assert _complete(cli, tmp_path, "import", "ra") == ["ranks.csv"]
    assert _complete(cli, tmp_path, "show", "--output", "ra") == ["ranks.csv"]
    assert _complete(cli, tmp_path, "show", "--region", "") == []  # the user's own words


def test_bash_completes_index_ids_from_the_catalogue(cli, tmp_path):
    expected = sorted(i for i in Catalog().indexes if i.startswith("gpci-"))
    assert expected and sorted(_complete(cli, tmp_path, "show", "gpci-")) == expected


def test_every_command_in_help_completes_in_every_shell(cli, capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out.split("  COMMAND\n", 1)[1].split("\noptions:")[0]
    commands = re.findall(r"^    ([a-z-]+)", text, flags=re.M)
    assert "show" in commands and "completion" in commands
    for shell in ("bash", "zsh", "fish"):
        code, script, err = cli("completion", shell)
        assert code == 0 and err == ""
        for command in commands:
            if shell == "fish":
                assert f" -a {command} -d " in script, (shell, command)
            else:
                top = script.split('case " ', 1)[1].split("\n")[0]
                assert f" {command} " in f" {top}", (shell, command)


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_the_fish_script_parses(cli, tmp_path):
    _, script, _ = cli("completion", "fish")
    (tmp_path / "c.fish").write_text(script)
    subprocess.run(["fish", "--no-execute", str(tmp_path / "c.fish")], check=True, timeout=60)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_the_zsh_script_parses(cli, tmp_path):
    _, script, _ = cli("completion", "zsh")
    (tmp_path / "c.zsh").write_text(script)
    subprocess.run(["zsh", "-n", str(tmp_path / "c.zsh")], check=True, timeout=60)
