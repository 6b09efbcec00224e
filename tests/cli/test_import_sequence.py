"""Imports one after another (a first, a second under another id whose names are the first's
new cities, a re-import, an unrelated one) store and report what they did before the import
was made faster (issue #25): tests/cli/import-sequence.json was written by the code before
that work, and this sequence must keep giving it. `python -m tests.cli.test_import_sequence`
writes it again (only when what imports link or store is meant to change)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polars as pl

from cityrank_tui.cli import main
from cityrank_tui.commands_cli import catalog

GOLDEN = Path(__file__).parent / "import-sequence.json"
# Known cities, GeoNames places (one of several so named), names several cities share, names
# with accents, names of nothing (new cities), blank and unknown country cells.
PLACES = [
    ("London", ""), ("London", "Canada"), ("Paris", "France"), ("Birmingham", ""),
    ("Cambridge", "US"), ("Zürich", ""), ("SAO PAULO", "Brazil"), ("Łódź", "Poland"),
    ("Delhi", ""), ("Kingston", "Jamaica"), ("Giza", ""), ("Depok", "Indonesia"),
    ("Baoshan", ""), ("Manhattan", "United States"), ("Xi'an", "China"), ("Shiyan", "CN"),
    ("Town 1", ""), ("Town 2", "Land 2"), ("Town 3", "France"), ("Town 1", ""),
    ("Village 7", "Narnia"), ("Qingyang", ""), ("Ngerulmud", "Palau"), ("St. Gallen", ""),
]  # fmt: skip


def write(path: Path, rows: list[tuple[str, str]], ranks: list[int]) -> Path:
    pl.DataFrame(
        {
            "Rank": ranks,
            "City": [n for n, _ in rows],
            "Country": [c for _, c in rows],
            "Score": [round(90 - 1.25 * i, 2) for i in range(len(rows))],
            "Tier": ["A" if i < len(rows) // 2 else "B" for i in range(len(rows))],
        }
    ).write_csv(path)
    return path


def sequence(folder: Path) -> dict[str, object]:
    """Run the imports (the caller has set the data folder) and return what each stored and said."""
    first = write(folder / "first.csv", PLACES, list(range(1, len(PLACES) + 1)))
    towns = [(f"Town {n}", c) for n, c in ((1, ""), (2, "Land 2"), (3, "France"), (9, ""))]
    second_rows = towns + PLACES[::3]
    second = write(folder / "second.csv", second_rows, [5, 1, 3, 3, 2, 8, 7, 6, 4, 10, 9, 12])
    other = write(folder / "other.csv", [(f"Hamlet {n}", "") for n in range(6)], [1, 2, 3, 4, 5, 6])
    steps = [("first", first), ("second", second), ("first", first), ("other", other)]
    said: dict[str, object] = {}
    for n, (index_id, path) in enumerate(steps):
        report = folder / f"report-{n}.txt"
        code = main(
            ["import", str(path), "--id", index_id, "--name", index_id, "--report", str(report)]
        )
        assert code == 0
        said[f"{n} {index_id} report"] = report.read_text(encoding="utf-8").splitlines()
        entries = catalog().entries(index_id).drop("source_url", "index")
        said[f"{n} {index_id} entries"] = json.loads(entries.write_json())
    cities = catalog().cities.filter(pl.col("city_id").str.contains(":|-[0-9]+$"))
    said["cities"] = json.loads(cities.sort("city_id").write_json())
    return said


def test_imports_in_sequence_store_and_report_what_they_did_before(tmp_path, capsys):
    got = sequence(tmp_path)
    capsys.readouterr()
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for key in expected:
        assert got[key] == expected[key], key
    assert set(got) == set(expected)


if __name__ == "__main__":  # write the golden file (see the module's text)
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("CITYRANK_CONFIG_DIR", "CITYRANK_STATE_DIR", "CITYRANK_DATA_DIR"):
            os.environ[name] = str(Path(tmp) / name)
        GOLDEN.write_text(
            json.dumps(sequence(Path(tmp)), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {GOLDEN}", file=sys.stderr)
