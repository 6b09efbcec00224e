"""Helpers shared by the test_open tests of more than one folder: the file a real user opens
(Excel on a German Windows: semicolons, Windows-1252, CRLF, decimal commas, German headings)
and reading what the screen paints."""

from __future__ import annotations

from pathlib import Path

ROWS = [
    ("Rang", "Stadt", "Land", "Punkte", "Stufe"),
    ("1", "Zürich", "Switzerland", "87,5", "A"),
    ("2", "München", "Germany", "85,25", "A"),
    ("3", "São Paulo", "Brazil", "80,0", "B"),
    ("4", "Köln", "Germany", "78,1", "B"),
    ("5", "Genève", "Switzerland", "77,9", "B"),
    ("6", "Malmö", "Sweden", "70,3", "C"),
    ("7", "Kleinstädtle", "Germany", "60,2", "C"),
    ("8", "Wien", "Austria", "59,0", "C"),
]
# A hostile name: a leading dash (read as an option unless after --), ESC and a bidi override.
HOSTILE_NAME = "-Städte \x1b[31mRanking\u202e.csv"
MAP = ["--map", "rank=Rang", "--map", "name=Stadt", "--map", "country=Land"]
MAP += ["--map", "score=Punkte", "--map", "tier=Stufe"]
MAPPING = {"rank": "Rang", "name": "Stadt", "country": "Land", "score": "Punkte", "tier": "Stufe"}


def excel_csv(folder: Path, name: str = HOSTILE_NAME, rows: list[tuple[str, ...]] = ROWS) -> Path:
    path = folder / name
    text = "\r\n".join(";".join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode("cp1252"))
    return path
