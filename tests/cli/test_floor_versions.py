"""The lowest versions pyproject.toml allows really work (#22: "a true polars floor, checked by a
CI-like test that installs the floor versions and runs the CLI smoke tests").

The floors are read from pyproject.toml's runtime dependencies, installed into a folder of their
own (pip --target, the package index as CI reaches it), and put ahead of the test environment's
copies on PYTHONPATH for one child process. That child runs the CLI's commands in-process and
its outputs must equal the same commands' outputs here, on the pinned versions: a floor that
imports but answers differently fails too. The unit tests of the polars-heavy rules (filters and
the typed-ahead search, standings, pairing, number format) then run on the floors as well: on
polars 1.40 the typed-ahead search answered in another order, which the CLI does not reach. Textual's floor is the version constraints.txt pins
for every other test, so it is covered there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from cityrank_tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
PINNED_ELSEWHERE = {"textual"}  # its floor is constraints.txt's pin: the whole suite runs on it

# Commands across the features (reading the bundled Parquet, filters, standings, pairing,
# agreement, an import, bookmarks), each in a machine format so outputs compare as text.
SMOKE = [
    ["indexes", "--format", "csv"],
    ["show", "gpci-2023", "--top", "5", "--format", "json"],
    ["show", "ici-2014", "--region", "Asia", "--sort", "score:desc", "--format", "csv"],
    ["city", "Seoul", "--format", "json"],
    ["compare", "Seoul", "Tokyo", "--format", "csv"],
    ["correlate", "ici-2014", "gii-2023", "--format", "json"],
    ["cities", "--top", "20", "--format", "csv"],
    ["agreement", "--format", "csv"],
    ["import", "{csv}", "--id", "floor-test", "--name", "Floor test"],
    ["show", "floor-test", "--format", "csv"],
    ["bookmarks", "add", "Paris", "--note", "floor"],
    ["bookmarks", "export", "--format", "json"],
]

UNIT_TESTS = [
    "tests/unit/test_filters.py",
    "tests/unit/test_standing_rule.py",
    "tests/unit/test_pairing_rule.py",
    "tests/unit/test_number_format.py",
]

PLUGINS = ["-p", "xdist.plugin", "-p", "pytest_asyncio.plugin"]

CHILD = """
import io, json, sys, contextlib
from importlib.metadata import version
from cityrank_tui.cli import main
outs = []
for args in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    outs.append([code, out.getvalue()])
floors = {name: version(name) for name in json.loads(sys.argv[2])}
print(json.dumps({"outputs": outs, "versions": floors}))
"""


def floors() -> dict[str, str]:
    """Each runtime dependency's lowest allowed version, as pyproject.toml declares it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    found = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        if requirement.name in PINNED_ELSEWHERE:
            continue
        lows = [s.version for s in requirement.specifier if s.operator == ">="]
        assert len(lows) == 1, f"{line}: no single >= floor to test"
        found[requirement.name] = lows[0]
    return found


def _users_dirs(root: Path) -> dict[str, str]:
    return {
        "CITYRANK_CONFIG_DIR": str(root / "config"),
        "CITYRANK_DATA_DIR": str(root / "data"),
        "CITYRANK_STATE_DIR": str(root / "state"),
    }


def _run_here(commands: list[list[str]], root: Path, monkeypatch, capsys) -> list[list[object]]:
    for name, value in _users_dirs(root).items():
        monkeypatch.setenv(name, value)
    outs: list[list[object]] = []
    for args in commands:
        code = main(args)
        outs.append([code, capsys.readouterr().out])
    return outs


def test_the_cli_answers_the_same_on_the_lowest_versions_we_allow(tmp_path, monkeypatch, capsys):
    wanted = floors()
    assert set(wanted) == {"polars", "platformdirs", "tomli-w"}
    target = tmp_path / "floor"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
            str(target),
            *(f"{name}=={low}" for name, low in wanted.items()),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-2000:]

    table = tmp_path / "ranks.csv"
    table.write_text("rank,city,country,score\n1,Paris,France,9.5\n2,Lyon,France,7.25\n")
    commands = [[str(table) if a == "{csv}" else a for a in args] for args in SMOKE]

    env = {
        **os.environ,
        **_users_dirs(tmp_path / "floor-user"),
        "PYTHONPATH": os.pathsep.join([str(target), str(ROOT / "src")]),
    }
    child = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(commands), json.dumps(sorted(wanted))],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    result = json.loads(child.stdout)
    for name, low in wanted.items():  # the floor itself ran, not the environment's copy
        assert Requirement(f"{name}=={low}").specifier.contains(result["versions"][name]), name

    unit = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "0",
            "-p",
            "no:cacheprovider",
            *PLUGINS,
            *UNIT_TESTS,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        # Entry points are read from the environment's own copies (platformdirs 4.14 declares
        # a pytest plugin the floor does not have): load only the plugins the run needs.
        env={**env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        cwd=ROOT,
    )
    assert unit.returncode == 0, unit.stdout[-3000:]

    here = _run_here(commands, tmp_path / "pinned-user", monkeypatch, capsys)
    for args, (floor_code, floor_out), (code, out) in zip(
        commands, result["outputs"], here, strict=True
    ):
        assert floor_code == code == 0, args
        assert floor_out == out.replace(
            str(tmp_path / "pinned-user"), str(tmp_path / "floor-user")
        ), args
