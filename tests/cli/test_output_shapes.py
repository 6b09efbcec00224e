"""Every command's output has one shape: JSON an object {title, rows, attribution}; an empty
result a valid empty document; --output always a file; the publishers named wherever figures
show; and the CLI conventions (python -m, --help texts, no Textual for an empty list)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys

import pytest

from cityrank_tui.cli import build_parser

# GaWC asks for its acknowledgement wherever its figures show: both editions name the network
GAWC = "Globalization and World Cities (GaWC) research network (https://gawc.lboro.ac.uk/)"
COMMANDS = [
    ("indexes",),
    ("sources", "gawc-2020"),
    ("show", "gawc-2020", "--top", "3"),
    ("city", "London"),
    ("compare", "London", "Paris"),
    ("correlate", "gawc-2020", "gii-2023"),
    ("cities", "--top", "3"),
    ("agreement",),
    ("bookmarks", "list"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_json_is_one_object_with_title_rows_and_attribution(cli, command):
    if command[0] == "bookmarks":
        cli("bookmarks", "add", "London")
    code, out, err = cli(*command, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert (
        isinstance(doc, dict)
        and next(iter(doc)) == "title"
        and list(doc)[-2:]
        == [
            "rows",
            "attribution",
        ]
    )
    assert isinstance(doc["title"], str) and doc["title"]
    assert isinstance(doc["rows"], list) and doc["rows"]
    assert all(isinstance(line, str) for line in doc["attribution"])
    if command[0] != "indexes":  # every one of these shows a GaWC figure or source
        assert any(GAWC in line for line in doc["attribution"]), doc["attribution"]


@pytest.mark.parametrize("command", COMMANDS[3:], ids=lambda c: c[0])
@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_every_format_names_the_publishers_of_its_figures(cli, command, fmt):
    if command[0] == "bookmarks":
        cli("bookmarks", "add", "London")
    code, out, err = cli(*command, "--format", fmt)
    assert code == 0, err
    assert GAWC in out, f"{command} {fmt}: no GaWC acknowledgement"


def test_an_empty_bookmarks_list_is_a_valid_empty_document(cli, tmp_path):
    code, out, _ = cli("bookmarks", "list", "--format", "json")
    assert code == 0 and json.loads(out)["rows"] == [] and json.loads(out)["attribution"] == []
    code, out, _ = cli("bookmarks", "list", "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 1  # the header, no sentence
    assert next(csv.reader(io.StringIO(out)))[:2] == ["city_id", "name"]
    code, out, _ = cli("bookmarks", "list", "--format", "md")
    assert code == 0 and out.startswith("## Bookmarks\n\n| City |") and "No bookmarks" not in out
    for name in ("out.md", "out.json", "out.txt"):
        target = tmp_path / name
        assert cli("bookmarks", "list", "--output", str(target))[0] == 0
        assert target.exists(), name
    assert json.loads((tmp_path / "out.json").read_text())["rows"] == []
    assert "No bookmarks yet" in (tmp_path / "out.txt").read_text()


def test_an_empty_show_and_cities_are_valid_empty_documents(cli):
    _, out, _ = cli("show", "ici-2014", "--search", "no such place", "--format", "json")
    assert json.loads(out)["rows"] == []
    _, out, _ = cli("cities", "--search", "no such place", "--format", "json")
    assert json.loads(out)["rows"] == []
    _, out, _ = cli("cities", "--search", "no such place", "--format", "csv")
    assert out.splitlines()[0].startswith("city_id,")


def _run(*args: str, env_dir) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CITYRANK_CONFIG_DIR": str(env_dir / "config"),
        "CITYRANK_DATA_DIR": str(env_dir / "data"),
        "CITYRANK_STATE_DIR": str(env_dir / "state"),
    }
    return subprocess.run(
        [sys.executable, *args], check=False, capture_output=True, text=True, env=env, timeout=120
    )


def test_python_dash_m_runs_the_cli(tmp_path):
    from cityrank_tui import __version__

    proc = _run("-m", "cityrank_tui", "--version", env_dir=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == f"cityrank-tui {__version__}"


def test_an_empty_bookmarks_list_does_not_load_textual(tmp_path):
    script = (
        "import sys\n"
        "from cityrank_tui.cli import main\n"
        "code = main(['bookmarks', 'list'])\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('TEXTUAL', loaded, code)\n"
    )
    proc = _run("-c", script, env_dir=tmp_path)
    assert "No bookmarks yet" in proc.stdout and "press b in the app" in proc.stdout
    assert "TEXTUAL [] 0" in proc.stdout, proc.stdout + proc.stderr


def _subcommands(parser: argparse.ArgumentParser, prefix: str = ""):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"{prefix}{name}", sub
                yield from _subcommands(sub, f"{prefix}{name} ")


def test_every_subcommand_has_a_description_and_every_option_a_help_text():
    found = list(_subcommands(build_parser()))
    assert len(found) >= 15
    for name, parser in found:
        assert parser.description and "\n" not in parser.description.strip(), name
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help, f"{name}: {action.option_strings or action.dest} has no help"
