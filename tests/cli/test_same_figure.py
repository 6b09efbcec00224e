"""The same figure prints the same way in `show`, `city` and `compare`, in every format.

Expected strings are written by hand from the source CSVs: data/sources/gpci_2023.csv has
London 1646.7303259914 (score) and 336.2100200577 (economy), declared with one decimal;
ici_2014_europe.csv has London 56, declared with none; gii_2023_st_clusters.csv has
Shenzhen–Hong Kong–Guangzhou's PCT share 9.0, declared with one decimal."""

from __future__ import annotations

import csv
import io
import json


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _line(text: str, start: str) -> str:
    """The line whose first words (table cells, Markdown cells) are those of `start`."""
    words = start.replace("|", " ").split()
    return next(
        line for line in text.splitlines() if line.replace("|", " ").split()[: len(words)] == words
    )


def test_gpci_london_prints_at_its_declared_decimal_everywhere(cli):
    _, table, _ = cli("show", "gpci-2023", "--top", "1")
    assert "1,646.7" in table and "336.2" in table and "1,646.73" not in table
    _, text, _ = cli("show", "gpci-2023", "--top", "1", "--format", "csv")
    (row,) = _csv_rows(text)
    assert (row["score"], row["economy"]) == ("1646.7", "336.2")
    _, md, _ = cli("show", "gpci-2023", "--top", "1", "--format", "md")
    assert "| 1,646.7 | 336.2 |" in md

    _, city, _ = cli("city", "London")
    assert _line(city, "gpci gpci-2023").split()[-2] == "1,646.7"
    _, text, _ = cli("city", "London", "--format", "csv")
    assert next(r for r in _csv_rows(text) if r["index"] == "gpci-2023")["score"] == "1646.7"
    _, md, _ = cli("city", "London", "--format", "md")
    assert "| 1,646.7 |" in _line(md, "gpci | gpci-2023")
    _, text, _ = cli("city", "London", "--format", "json")
    gpci = next(r for r in json.loads(text)["rows"] if r["index"] == "gpci-2023")
    assert gpci["score"] == 1646.7

    _, compare, _ = cli("compare", "London", "Paris")
    assert _line(compare, "GPCI 2023 Score").split()[-3:] == ["●", "1,646.7", "1,363.7"]
    assert _line(compare, "GPCI 2023 Economy").split()[-3:] == ["●", "336.2", "253.1"]
    assert "336.2100200577" not in compare
    _, text, _ = cli("compare", "London", "Paris", "--format", "csv")
    economy = next(r for r in _csv_rows(text) if r.get("measure") == "economy")
    assert (economy["london-gb"], economy["paris-fr"]) == ("336.2", "253.1")
    _, text, _ = cli("compare", "London", "Paris", "--format", "json")
    rows = json.loads(text)["rows"]
    economy = next(r for r in rows if r["index"] == "gpci-2023" and r["measure"] == "economy")
    assert economy["values"] == [336.2, 253.1] and economy["texts"] == ["336.2", "253.1"]


def test_an_integer_score_is_an_integer_in_every_format(cli):
    _, text, _ = cli("show", "ici-2014", "--search", "London", "--format", "csv")
    assert [r["score"] for r in _csv_rows(text)] == ["56"]
    _, text, _ = cli("city", "London", "--format", "csv")
    assert next(r for r in _csv_rows(text) if r["index"] == "ici-2014")["score"] == "56"
    _, text, _ = cli("city", "London", "--format", "json")
    assert '"score": 56,' in text and '"score": 56.0' not in text
    _, text, _ = cli("compare", "London", "Paris", "--format", "csv")
    score = next(r for r in _csv_rows(text) if r["index"] == "ici-2014" and r["measure"] == "score")
    assert (score["london-gb"], score["paris-fr"]) == ("56", "56")


def test_markdown_keeps_a_declared_trailing_zero(cli):
    _, md, _ = cli("show", "gii-2023", "--top", "2", "--format", "md")
    row = next(line for line in md.splitlines() if line.startswith("| 2 |"))
    assert "| 9.0 | 2.1 |" in row and "| 9 |" not in row


def test_an_imported_score_keeps_the_files_precision(cli, tmp_path):
    source = tmp_path / "mine.csv"
    source.write_text(
        'Rank,City,Country,Score\n1,London,United Kingdom,"1,234.5"\n2,Paris,France,85.25\n'
        "3,Berlin,Germany,85\n",
        encoding="utf-8",
    )
    code, _, err = cli("import", str(source), "--id", "mine", "--name", "Mine")
    assert code == 0, err
    _, table, _ = cli("show", "mine")
    # the most decimals any score was written with (85.25): every score at two decimals
    assert "1,234.50" in table and "85.25" in table and "85.00" in table
    _, text, _ = cli("show", "mine", "--format", "csv")
    assert [r["score"] for r in _csv_rows(text)] == ["1234.50", "85.25", "85.00"]
    _, text, _ = cli("show", "mine", "--format", "json")
    assert [r["score"] for r in json.loads(text)["rows"]] == [1234.5, 85.25, 85]
    _, city, _ = cli("city", "paris-fr")
    assert _line(city, "imported mine").split()[-2] == "85.25"
    _, compare, _ = cli("compare", "London", "Paris")
    assert _line(compare, "Mine Score").split()[-3:] == ["●", "1,234.50", "85.25"]


def test_two_figures_that_print_alike_are_a_tie_not_one_better(cli):
    # gpci_2023.csv: Madrid 1131.5332886493, Shanghai 1131.5041381532: both 1,131.5 as printed
    _, out, _ = cli("compare", "Madrid", "Shanghai")
    assert _line(out, "GPCI 2023 Score").split()[-2:] == ["1,131.5", "1,131.5"]
    assert "●" not in _line(out, "GPCI 2023 Score")
    # the ranks still order them (Madrid 14th, Shanghai 15th by the full-precision score)
    assert "●" in _line(out, "GPCI 2023 Rank")
