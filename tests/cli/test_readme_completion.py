"""The README's line that installs bash completion works for a user who never had any: a
fresh home has no ~/.local/share/bash-completion/completions folder to write into."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_readme_bash_completion_line_works_in_a_fresh_home(tmp_path):
    found = re.search(r"`([^`]*cityrank-tui completion bash > [^`]+)`", README.read_text())
    assert found, "the README no longer gives a bash completion line"
    home = tmp_path / "home"
    home.mkdir()
    bin_dir = Path(sys.executable).parent  # the venv's cityrank-tui
    env = {**os.environ, "HOME": str(home), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-c", found.group(1)],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    script = home / ".local/share/bash-completion/completions/cityrank-tui"
    assert "complete " in script.read_text()
