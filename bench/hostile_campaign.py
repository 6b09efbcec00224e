"""The hostile campaign of issue 26, re-runnable (not part of the test suite).

CLI: each command over a generated corpus of hostile inputs (files, user files, flags, ids),
every run a process with a time bound, classified as
- traceback: "Traceback" on stderr, or killed by a signal;
- hang: the time bound reached;
- silent: a non-zero exit with nothing on stderr;
- control: a raw control character (ESC, C1, BEL, other C0 but tab/newline/CR) on stdout/stderr;
- lost: the user's bookmarks.toml neither kept nor set aside whole after the run.
TUI: random keys through Pilot at 80x24 and at a tiny size; any exception is a traceback.

    python bench/hostile_campaign.py [--timeout 30] [--keys 300] [--jobs 2] [--only cli|tui]
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

BOOKMARKS = '[[bookmarks]]\ncity_id = "seoul-kr"\nname = "Seoul"\nnote = "keep me"\n'
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")


def corpus(folder: Path) -> dict[str, Path]:
    """Hostile input files, by name."""
    files: dict[str, bytes] = {
        "empty.csv": b"",
        "header-only.csv": b"rank,name\n",
        "controls.csv": b"rank,name\n1,Lon\x1b]52;c;aGk=\x07don\n2,Pa\x9bris\n3,\x1b[2J\n",
        "c1-utf8.csv": "rank,name\n1,Ber\u009blin\n2,\u202eevil\n".encode(),
        "nul.csv": b"rank,name\n1,Lon\x00don\n2,Paris\n",
        "bad-utf8.csv": b"rank,name\n1,M\xfcnchen\n2,\xff\xfe\xfd\n",
        "utf16-nobom.csv": "rank,name\n1,London\n".encode("utf-16-le"),
        "huge-line.csv": b"rank,name\n1," + b"x" * 5_000_000 + b"\n",
        "huge-numbers.csv": b"rank,name,score\n1,London,1e400\n99999999999999999999999,Paris,-1e308\n",
        "nan-inf.csv": b"rank,name,score\nnan,London,inf\n-inf,Paris,nan\n2,Rome,NaN\n",
        "dup-headers.csv": b"rank,name,name,rank\n1,London,Paris,2\n",
        "10k-columns.csv": (",".join(f"c{n}" for n in range(10_000)) + "\n").encode()
        + (",".join("1" for _ in range(10_000)) + "\n").encode(),
        "rtl-emoji.csv": "rank,name\n1,القاهرة\n2,e\u0301\u0301\u0301\n3,👨‍👩‍👧 city\n4,東京\n".encode(),
        "semicolons.csv": b"rank;name;score\n1;London;1,5\n2;Paris;2,5\n",
        "binary.csv": bytes(range(256)) * 40,
        "not-xlsx.xlsx": b"PK\x03\x04 not really a zip",
        "not-parquet.parquet": b"PAR1 garbage PAR1",
        "negative-ranks.csv": b"rank,name\n-1,London\n0,Paris\n1.5,Rome\n",
        "only-newlines.csv": b"\n\n\n\n",
        "bom-only.csv": b"\xef\xbb\xbf",
    }
    paths = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    (folder / "a-folder.csv").mkdir()
    paths["folder"] = folder / "a-folder.csv"
    os.mkfifo(folder / "fifo.csv")
    paths["fifo"] = folder / "fifo.csv"
    (folder / "loop.csv").symlink_to(folder / "loop.csv")
    paths["symlink-loop"] = folder / "loop.csv"
    paths["dev-zero"] = Path("/dev/zero")
    paths["dev-null"] = Path("/dev/null")
    paths["missing"] = folder / "no-such.csv"
    return paths


USER_FILES = {  # (file name in the config folder, content): malformed user files
    "config-list-keys": ("config.toml", b"[keys]\nquit = ['q', 1]\nclear = ','\n"),
    "config-bad-toml": ("config.toml", b"[keys\nquit = \n"),
    "config-binary": ("config.toml", bytes(range(256))),
    "config-deep": ("config.toml", b"[keys]\n" + b"a." * 1500 + b"b = 'x'\n"),
    "bookmarks-bad": ("bookmarks.toml", b"[[bookmarks]\ncity_id = 1\n"),
    "bookmarks-newer": ("bookmarks.toml", b"schema_version = 9\n" + BOOKMARKS.encode()),
    "bookmarks-controls": (
        "bookmarks.toml",
        b'[[bookmarks]]\ncity_id = "x\\u001b]52;c;aGk=\\u0007"\nname = "\\u001b[2J"\n',
    ),
    "bookmarks-wrong-types": ("bookmarks.toml", b"bookmarks = 3\n"),
    "bookmarks-50k": (  # issue 26 item 18: 50,000 bookmarks (the data loss check: Seoul first)
        "bookmarks.toml",
        BOOKMARKS.encode()
        + "".join(
            f'[[bookmarks]]\ncity_id = "gone-{n}-xx"\nname = "Gone {n}"\nnote = "n"\n'
            for n in range(49_999)
        ).encode(),
    ),
}


def cli_cases(files: dict[str, Path], out: Path) -> list[tuple[str, list[str], str | None]]:
    """(label, arguments, user file key or None)."""
    cases: list[tuple[str, list[str], str | None]] = []
    for name, path in files.items():
        cases.append((f"import {name}", ["import", str(path), "--id", "h", "--name", "H"], None))
        cases.append((f"open {name}", ["open", str(path)], None))
    evil = "x\x1b]0;pwned\x07\u009b31m"
    for label, args in {
        "show unknown id": ["show", evil],
        "show huge top": ["show", "ici-2014", "--top", "9" * 40],
        "show negative top": ["show", "ici-2014", "--top", "-5"],
        "show evil search": ["show", "ici-2014", "--search", "(" * 5000 + evil],
        "city evil": ["city", evil],
        "city empty": ["city", ""],
        "compare evil": ["compare", evil, "Seoul"],
        "compare one": ["compare", "Seoul"],
        "correlate evil": ["correlate", evil, "ici-2014"],
        "agreement json": ["agreement", "--format", "json"],
        "map evil": ["map", evil],
        "sources evil": ["sources", evil],
        "indexes": ["indexes"],
        "export to dev-null": ["show", "ici-2014", "--output", "/dev/null", "--force"],
        "export to folder": ["show", "ici-2014", "--output", str(out)],
        "export to fifo": ["show", "ici-2014", "--output", str(files["fifo"])],
        "export long path": ["show", "ici-2014", "--output", str(out / ("x" * 300 + ".csv"))],
        "import long id": ["import", str(files["controls.csv"]), "--id", "a" * 5000, "--name", "x"],
        "import evil id": [
            "import",
            str(files["controls.csv"]),
            "--id",
            "../../etc",
            "--name",
            "x",
        ],
        "import evil name": ["import", str(files["controls.csv"]), "--id", "ok", "--name", evil],
        "bookmarks add evil": ["bookmarks", "add", evil],
        "bookmarks export": ["bookmarks", "export", "--format", "json"],
        "bookmarks list evil list": ["bookmarks", "list", "--list", evil],
        "unknown command": [evil],
        "bad flag": ["show", "--" + evil],
    }.items():
        cases.append((label, args, None))
    for key in USER_FILES:
        for args in (["bookmarks", "list"], ["bookmarks", "add", "Tokyo"], ["indexes"]):
            cases.append((f"{key}: {' '.join(args)}", args, key))
    for fmt in ("json", "csv"):
        args = ["bookmarks", "export", "--format", fmt]
        cases.append((f"bookmarks-50k: {' '.join(args)}", args, "bookmarks-50k"))
    return cases


def run_case(
    case: tuple[str, list[str], str | None], timeout: float, root: Path
) -> tuple[str, list[str], str]:
    """(label, findings, a line of what was seen)."""
    label, args, user_file = case
    home = Path(tempfile.mkdtemp(dir=root))
    config = home / "config"
    config.mkdir()
    (config / "bookmarks.toml").write_text(BOOKMARKS)
    if user_file:
        name, data = USER_FILES[user_file]
        (config / name).write_bytes(data)
    env = {
        **os.environ,
        "CITYRANK_CONFIG_DIR": str(config),
        "CITYRANK_DATA_DIR": str(home / "data"),
        "CITYRANK_STATE_DIR": str(home / "state"),
        "COLUMNS": "100",
    }
    findings = []
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cityrank_tui", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        if args[0] == "import" and done.returncode == 0:  # what was imported, shown
            shown = subprocess.run(
                [sys.executable, "-m", "cityrank_tui", "show", args[3], "--top", "20"],
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
            done = subprocess.CompletedProcess(
                done.args, shown.returncode, done.stdout + shown.stdout, done.stderr + shown.stderr
            )
    except subprocess.TimeoutExpired:
        return label, ["hang"], f"no end in {timeout:.0f} s"
    err = done.stderr
    if b"Traceback" in err or done.returncode < 0:
        findings.append("traceback")
    if done.returncode != 0 and not err.strip():
        findings.append("silent")
    if RAW_CONTROL.search(done.stdout) or RAW_CONTROL.search(err):
        findings.append("control")
    kept = [
        p for p in config.glob("bookmarks.toml*") if p.is_file() and b"seoul-kr" in p.read_bytes()
    ]
    name, data = USER_FILES[user_file] if user_file else ("", b"")
    held = name != "bookmarks.toml" or b"seoul-kr" in data  # a hostile one may replace Seoul
    if held and not kept:
        findings.append("lost")
    shutil.rmtree(home, ignore_errors=True)
    last = (err.decode("utf-8", "replace").strip().splitlines() or [""])[-1][:160]
    return label, findings, f"exit {done.returncode}: {last!r}"


async def random_keys(size: tuple[int, int], count: int, seed: int) -> list[str]:
    """Random keys on every screen through Pilot; returns the errors seen."""
    from cityrank_tui.tui.app import CityRankApp

    keys = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    keys += ["enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "home"]
    keys += ["end", "pageup", "pagedown", "space", "backspace", "slash", "question_mark"]
    keys += ["left_square_bracket", "right_square_bracket", "equals_sign", "colon", "ctrl+p"]
    keys += ["number_sign", "comma", "full_stop", "minus", "plus", "delete", "shift+left"]
    rng = random.Random(seed)
    errors: list[str] = []
    app = CityRankApp()
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for _ in range(count):
                key = rng.choice(keys)
                if key == "q" or key == "ctrl+c":
                    continue  # quitting ends the run, not a finding
                await pilot.press(key)
                if app._exception is not None:
                    errors.append(f"{key}: {app._exception!r}")
                    break
                if len(app.screen_stack) > 12:
                    await pilot.press("escape", "escape", "escape", "escape")
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    return errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", choices=("cli", "tui"))
    options = parser.parse_args()
    counts: Counter[str] = Counter()
    tries = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if options.only != "tui":
            files_dir = root / "files"
            files_dir.mkdir()
            out = root / "out"
            out.mkdir()
            cases = cli_cases(corpus(files_dir), out)
            with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
                for label, findings, seen in pool.map(
                    lambda c: run_case(c, options.timeout, root), cases
                ):
                    tries += 1
                    counts.update(findings)
                    if findings:
                        print(f"FINDING {','.join(findings)}: {label!r}: {seen}", flush=True)
        if options.only != "cli":
            os.environ.update(
                CITYRANK_CONFIG_DIR=str(root / "tui"),
                CITYRANK_DATA_DIR=str(root / "tui"),
                CITYRANK_STATE_DIR=str(root / "tui"),
            )
            for size, seed in (((80, 24), 1), ((80, 24), 2), ((12, 5), 3)):
                tries += 1
                errors = asyncio.run(random_keys(size, options.keys, seed))
                counts.update(["traceback"] * bool(errors))
                for error in errors:
                    print(f"FINDING traceback: random keys at {size}, seed {seed}: {error}")
    print(
        f"{tries} tries: {counts['traceback']} tracebacks, {counts['hang']} hangs, "
        f"{counts['lost']} data lost, {counts['silent']} silent failures, "
        f"{counts['control']} with control characters"
    )


if __name__ == "__main__":
    main()
