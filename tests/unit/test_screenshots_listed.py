"""README's screenshots: every picture it names exists, every SVG in screenshots/ is named in it,
and each SVG is the terminal size its file name (and so the README's caption) says. Cheap: the
files are read, nothing is rendered."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
README = ROOT / "README.md"

# Rich's SVG export (Textual's save_screenshot): a cell is 12.2 × 24.4 units, plus a frame
# of 18 across and 50 down (the window's title bar and margins)
CELL_WIDTH, CELL_HEIGHT, FRAME_WIDTH, FRAME_HEIGHT = 12.2, 24.4, 18, 50


def referenced() -> set[str]:
    return set(re.findall(r"screenshots/([\w.-]+\.(?:svg|png))", README.read_text("utf-8")))


def test_every_screenshot_the_readme_names_exists():
    names = referenced()
    assert names, "README names no screenshot: the pattern no longer matches its links"
    missing = sorted(name for name in names if not (SHOTS / name).is_file())
    assert missing == [], f"README.md names screenshots that are not in screenshots/: {missing}"


def test_every_svg_in_screenshots_is_named_in_the_readme():
    unnamed = sorted(p.name for p in SHOTS.glob("*.svg") if p.name not in referenced())
    assert unnamed == [], f"screenshots/ holds SVGs README.md never shows: {unnamed}"


def test_each_svg_is_the_size_its_name_says():
    wrong = []
    for svg in sorted(SHOTS.glob("*.svg")):
        named = re.search(r"_(\d+)x(\d+)\.svg$", svg.name)
        assert named, f"{svg.name}: the file name should end in _COLSxROWS.svg"
        box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg.read_text("utf-8"))
        assert box, f"{svg.name}: no viewBox (not a terminal screenshot?)"
        cols = round((float(box[1]) - FRAME_WIDTH) / CELL_WIDTH)
        rows = round((float(box[2]) - FRAME_HEIGHT) / CELL_HEIGHT)
        if (cols, rows) != (int(named[1]), int(named[2])):
            wrong.append(f"{svg.name} is {cols}x{rows}")
    assert wrong == []
