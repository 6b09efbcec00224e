"""One precision rule for a file's scores, whether it is opened or imported: the most decimals
any value was written with (README: "keeps the file's own precision"). `80,0` among `81,25`
shows as 80.00 on both paths, never 80."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from cityrank_tui.core import numbers
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.figures import figure, places
from cityrank_tui.core.opened import OpenRequest, link, read_all

# (the file's scores, as written) -> what every path must show, in file order
CASES = [
    (("87,5", "81,25", "80,0"), ["87.50", "81.25", "80.00"]),
    (("87,50", "80,00", "79,10"), ["87.50", "80.00", "79.10"]),  # trailing zeros are precision
    (("87.5", "80.0", "79"), ["87.5", "80.0", "79.0"]),
    (("88", "80", "79"), ["88", "80", "79"]),
]


def _file(tmp_path, scores) -> object:
    sep = ";" if any("," in s for s in scores) else ","
    lines = [sep.join(("Rank", "City", "Country", "Score"))]
    for n, (city, score) in enumerate(zip(("London", "Paris", "Tokyo"), scores, strict=True), 1):
        lines.append(sep.join((str(n), city, ("GB", "FR", "JP")[n - 1], score)))
    path = tmp_path / "scores.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("scores", "shown"), CASES)
def test_open_and_import_show_the_same_digits(tmp_path, cli, scores, shown):
    path = _file(tmp_path, scores)
    whole = read_all(OpenRequest(path))
    opened = [figure(v, places(whole.info, "score")) for v in whole.frame["score"]]
    assert opened == shown
    linked = link(Catalog(), whole)
    assert [figure(v, places(linked.info, "score")) for v in linked.frame["score"]] == shown

    code, _, err = cli("import", str(path), "--id", "precision-test", "--name", "Precision")
    assert code == 0, err
    code, out, err = cli("show", "precision-test", "--format", "csv")
    assert code == 0, err
    assert [row["score"] for row in csv.DictReader(io.StringIO(out))] == shown
    code, out, _ = cli("show", "precision-test", "--format", "md")
    table = [line for line in out.splitlines() if line.startswith("| ") and "London" in line]
    assert table and f" {shown[0]} " in table[0]


def test_precision_is_never_fewer_than_the_figures_need():
    """A figure written in an exponent is shown whole (never rounded to another figure)."""
    values = numbers.parse(pl.Series(["1.5e-05", "2"]), "Score", "score")
    assert values.decimals == 6
