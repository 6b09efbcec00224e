"""Helpers shared by the test_hostile_terminal tests of more than one folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

EVIL = "Zzqx\x1b]52;c;TkFNRQ==\x1b\\Town"  # OSC 52: would write the user's clipboard


SHOWN = "Zzqx\\x1b]52;c;TkFNRQ==\\x1b\\Town"  # how it must appear instead


TITLE = "\x1b]0;pwned\x07"  # OSC 0: would set the window title


# C0 controls except \n and \t, DEL, and C1 controls (as code points, i.e. UTF-8 C2 80..C2 9F).
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


TIMEOUT = 60


RUN = "import sys; from cityrank_tui.cli import main; sys.exit(main())"


def run(
    *args: str | bytes, env: dict | None = None, stdout: int | None = subprocess.PIPE, **kw
) -> subprocess.CompletedProcess:
    """The CLI in a fresh process (same user folders as the test), bounded in time."""
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        check=False,
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=kw.pop("stdin", subprocess.DEVNULL),
        env={**os.environ, **(env or {})},
        timeout=kw.pop("timeout", TIMEOUT),
        **kw,
    )


def import_evil(
    folder: Path, name: str, attribution: str, env: dict[str, str] | None = None
) -> Path:
    """Import an index whose names, tiers, URLs and notes carry terminal escape sequences (into
    the user folders of `env`, by default the test's own)."""
    source = folder / "evil.csv"
    rows = [
        ("Rank", "City", "Country", "Score", "Tier", "Source", "Note"),
        ("1", "London", "United Kingdom", "90", "Alpha", "https://x.test/\x1b[31mred", ""),
        ("2", EVIL, "US", "80", EVIL, "https://x.test/\x9b31m", f"note{TITLE}"),
        ("3", "Paris", "France", "70", f"Gam\x7fma{TITLE}", "https://x.test/p", ""),
    ]
    source.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    proc = run(
        "import",
        str(source),
        "--id",
        "evil-2024",
        "--name",
        name,
        "--tiers",
        f"Alpha,{EVIL},Gam\x7fma{TITLE}",
        "--attribution",
        attribution,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    (folder / "import-stderr").write_bytes(proc.stderr)  # checked by its own test below
    return source


USER_DIRS = {
    "config": "CITYRANK_CONFIG_DIR",
    "userdata": "CITYRANK_DATA_DIR",
    "state": "CITYRANK_STATE_DIR",
}


class EvilImports:
    """The hostile index imported once per session (and pytest-xdist worker) for each name and
    attribution, in a child process as a user would; each test gets a copy of its data folder,
    so a test that changes it changes only its own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: dict[tuple[str, str], Path] = {}

    def _template(self, name: str, attribution: str) -> Path:
        key = (name, attribution)
        if key not in self.made:
            folder = self.root / f"evil-{len(self.made)}"
            folder.mkdir()
            env = {variable: str(folder / part) for part, variable in USER_DIRS.items()}
            import_evil(folder, name, attribution, env)
            self.made[key] = folder
        return self.made[key]

    def into(self, tmp_path: Path, name: str, attribution: str) -> Path:
        """The import, copied into the test's user folders; its source beside it in `tmp_path`."""
        template = self._template(name, attribution)
        for part, variable in USER_DIRS.items():
            if (template / part).exists():
                shutil.copytree(template / part, os.environ[variable], dirs_exist_ok=True)
        for file in ("evil.csv", "import-stderr"):
            shutil.copy2(template / file, tmp_path / file)
        return tmp_path / "evil.csv"


# -- item 2 (symlinks) and item 4 (FIFOs): the user's files ---------------------------------------
def config_dir() -> Path:
    folder = Path(os.environ["CITYRANK_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def state_dir() -> Path:
    folder = Path(os.environ["CITYRANK_STATE_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder
