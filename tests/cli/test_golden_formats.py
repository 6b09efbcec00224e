"""Every command in every format it writes, compared byte for byte with a file in tests/golden/.

A golden file is what a user gets: read it before accepting a change to it. After a deliberate
change to an output, regenerate the files and review the diff:

    CITYRANK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_golden_formats.py -n 0

(the test then writes the file and passes; without the variable a missing file fails). The CLI
runs in-process (cli.main with stdout captured), so the whole set takes seconds. The import's
temporary folder is written as <tmp> in the files, so they do not depend on where tests run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cityrank_tui.cli import build_parser

GOLDEN = Path(__file__).parent.parent / "golden"
UPDATE = os.environ.get("CITYRANK_UPDATE_GOLDEN") == "1"
EXTENSION = {"table": "txt"}  # every other format is its own extension

IMPORT_CSV = "Rank,City,Country,Score\n1,London,United Kingdom,90.5\n2,Paris,France,88\n3,Tokyo,Japan,70.25\n4,Gotham,US,50\n"

# name -> (arguments, what it needs first)
CASES: dict[str, tuple[tuple[str, ...], str]] = {
    "indexes": (("indexes",), ""),
    "show-gpci-2023": (("show", "gpci-2023", "--top", "5"), ""),
    "show-gawc-2020": (("show", "gawc-2020", "--top", "5"), ""),
    "show-ici-2014": (("show", "ici-2014", "--top", "5"), ""),
    "show-oe-gci-2024": (("show", "oe-gci-2024", "--top", "11"), ""),
    "show-import": (("show", "my-list-2024"), "import"),
    "city-london": (("city", "London"), ""),
    "compare": (("compare", "London", "Paris", "Tokyo"), ""),
    "correlate": (("correlate", "gawc-2020", "gii-2023"), ""),
    "agreement": (("agreement",), ""),
    "cities": (("cities", "--top", "5"), ""),
    "sources": (("sources",), ""),
    "sources-gawc-2020": (("sources", "gawc-2020"), ""),
    "bookmarks-list": (("bookmarks", "list"), "bookmarks"),
    "bookmarks-export": (("bookmarks", "export"), "bookmarks"),
}


def formats(args: tuple[str, ...]) -> tuple[str, ...]:
    """The text formats the command's --format offers (Parquet and Excel are binary: not here)."""
    parser = build_parser()
    sub = parser._subparsers._group_actions[0]  # type: ignore[union-attr]
    command = sub.choices[args[0]]
    if args[0] == "bookmarks":
        command = command._subparsers._group_actions[0].choices[args[1]]  # type: ignore[union-attr]
    option = next(a for a in command._actions if "--format" in a.option_strings)
    return tuple(f for f in option.choices if f not in ("parquet", "xlsx"))


PARAMS = [
    pytest.param(name, fmt, id=f"{name}-{fmt}")
    for name, (args, _) in CASES.items()
    for fmt in formats(args)
]


def prepare(cli, tmp_path: Path, need: str) -> None:
    if need == "import":
        source = tmp_path / "my.csv"
        source.write_text(IMPORT_CSV, encoding="utf-8")
        code, _, err = cli(
            "import", str(source), "--id", "my-list-2024", "--name", "My list 2024",
            "--edition", "2024", "--attribution", "Compiled by me",
        )  # fmt: skip
        assert code == 0, err
    elif need == "bookmarks":
        for args in (
            ("London", "--note", "home", "--list", "trip"),
            ("san-jose-us",),
            ("Tokyo", "--list", "trip"),
        ):
            code, _, err = cli("bookmarks", "add", *args)
            assert code == 0, err


@pytest.mark.parametrize(("name", "fmt"), PARAMS)
def test_output_is_the_golden_file(cli, tmp_path, name, fmt):
    args, need = CASES[name]
    prepare(cli, tmp_path, need)
    code, out, err = cli(*args, "--format", fmt)
    assert code == 0, err
    out = out.replace(str(tmp_path), "<tmp>")
    golden = GOLDEN / f"{name}.{EXTENSION.get(fmt, fmt)}"
    if UPDATE:
        golden.write_bytes(out.encode("utf-8"))
    assert golden.exists(), f"no {golden.name}: run with CITYRANK_UPDATE_GOLDEN=1 and review it"
    assert out.encode("utf-8") == golden.read_bytes(), f"{golden.name} differs"


def test_every_golden_file_is_a_case():
    """A renamed or removed case leaves no stale file behind."""
    wanted = {f"{name}.{EXTENSION.get(fmt, fmt)}" for name, fmt in (p.values for p in PARAMS)}
    assert {p.name for p in GOLDEN.iterdir()} == wanted
