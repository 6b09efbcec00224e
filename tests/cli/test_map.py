"""`cityrank-tui map`: an index's view on the world map, as text to paste into a report."""

from __future__ import annotations

import math

import polars as pl

from cityrank_tui.core.catalog import bundled_data_dir
from tests.support.hostile_terminal import run


def _cities() -> pl.DataFrame:
    return pl.read_parquet(bundled_data_dir() / "cities.parquet")


def _map_lines(out: str) -> list[str]:
    """The map itself: the lines between the title and the legend."""
    lines = out.splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith(("1–9 ", "1-9 ")))
    return lines[1:end]


def test_map_puts_new_york_first_and_names_every_digit(cli):
    code, out, err = cli("map", "oe-gci-2024", "--width", "120", "--height", "40")
    assert code == 0, err
    lat, lon = (
        _cities().filter(pl.col("city_id") == "new-york-us").select("latitude", "longitude").row(0)
    )
    degrees = max(360 / 240, 142 / 160)  # the world, one step per dot both ways
    x, y = math.floor((lon + 180) / (2 * degrees)), math.floor((84 - lat) / (4 * degrees))
    lines = _map_lines(out)
    assert len(lines) == 24 and lines[y][x] == "1"
    assert out.splitlines()[0].startswith("OE Global Cities 2024 · Oxford Economics · 1,000 of")
    assert "Ranks 1–9: 1 New York, United States; 2 London, United Kingdom;" in out
    assert "Source: Oxford Economics, Global Cities Index 2024" in out


def test_map_says_how_many_rows_it_cannot_place(cli):
    entries = pl.read_parquet(bundled_data_dir() / "entries" / "oe-gci-2024.parquet")
    placed = _cities().filter(pl.col("latitude").is_not_null())["city_id"]
    unplaced = entries.filter(
        ~pl.col("city_ids").list.eval(pl.element().is_in(placed.implode())).list.any()
    ).height
    assert unplaced > 0
    _, out, _ = cli("map", "oe-gci-2024")
    assert f"Not on the map: {unplaced:,} of 1,000 rows name no city" in out


def test_a_region_zooms_and_keeps_only_its_cities(cli):
    code, out, _ = cli("map", "gii-2023", "--region", "asia", "--width", "80")
    assert code == 0
    assert "zoomed to region=Asia" in out.splitlines()[0]
    assert "1 Tokyo–Yokohama" in out and "San Jose" not in out
    world = cli("map", "gii-2023", "--width", "80")[1]
    assert "° a dot" in out and _degrees(out) < _degrees(world)


def _degrees(out: str) -> float:
    legend = next(line for line in out.splitlines() if "° a dot" in line)
    return float(legend.rsplit("· ", 1)[1].split("°")[0])


def test_ascii_only_when_asked_or_when_the_output_cannot_show_braille(cli, tmp_path):
    _, out, _ = cli("map", "gii-2023", "--ascii", "--width", "80")
    assert out.isascii() is False  # the title and notes keep their own characters…
    assert all(line.isascii() for line in _map_lines(out))  # …the map is ASCII
    assert (
        any("." in line for line in _map_lines(out))
        and "1-9 rank | o a city | O several | . land" in out
    )
    proc = run("map", "gii-2023", "--width", "80", env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("ascii")
    assert "1-9 rank | o a city | O several | . land" in text
    target = tmp_path / "map.txt"
    assert cli("map", "gii-2023", "--output", str(target))[0] == 0
    assert "⣿" in target.read_text(encoding="utf-8")  # a file is UTF-8: braille


def test_bad_size_and_unknown_filters_are_one_line(cli):
    code, _, err = cli("map", "gii-2023", "--width", "3")
    assert code == 2 and err.strip() == "cityrank-tui: --width 3: give 10 to 2000 characters"
    code, _, err = cli("map", "gii-2023", "--country", "Atlantis")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Atlantis" in err


def test_a_hostile_import_is_mapped_with_its_escapes_shown_never_obeyed(tmp_path):
    from tests.support.hostile_terminal import RAW_CONTROL, TITLE, import_evil

    import_evil(tmp_path, f"Evil{TITLE}", f"Attribution{TITLE}")
    proc = run("map", "evil-2024", "--width", "80")
    assert proc.returncode == 0, proc.stderr
    assert not RAW_CONTROL.search(proc.stdout)
    text = proc.stdout.decode("utf-8")
    assert "Evil\\x1b]0;pwned\\x07" in text.splitlines()[0]  # the title, shown
    assert "Attribution\\x1b]0;pwned\\x07" in text
    assert "Not on the map: 1 of 3 rows" in text  # the name no place has
