"""City profiles, side-by-side comparison and index-versus-index correlation."""

from __future__ import annotations

import json

from cityrank_tui.core import correlate


def test_cli_compare_formats(cli):
    code, out, _ = cli("compare", "Seoul", "Tokyo", "Beijing")
    assert code == 0
    first = out.splitlines()[1].split()
    assert first == ["ICI", "2014", "Rank", "●", "12/445", "15/445", "50/445"]
    assert "Deloitte China" in out
    code, out, _ = cli("compare", "Seoul", "Tokyo", "--format", "json")
    data = json.loads(out)
    row = next(r for r in data["rows"] if r["index"] == "gii-2023" and r["measure"] == "rank")
    assert (
        row["values"] == [3, 1]
        and row["best"] == [1]
        and row["via"] == ["direct", "cluster Tokyo–Yokohama"]
    )
    assert all(url.startswith("http") for url in row["source_urls"])
    code, out, _ = cli("compare", "Seoul", "Tokyo", "--format", "csv")
    assert out.splitlines()[0].startswith("index,measure,seoul-kr,tokyo-jp,best")
    code, _, err = cli("compare", "Seoul")
    assert code == 2 and "only one was given" in err
    code, _, err = cli("compare", "San Jose", "Seoul")
    assert code == 2 and "san-jose-us" in err and "san-jose-cr" in err


def test_no_overlap_says_so(two_small_indexes, cli, monkeypatch, tmp_path):
    result = correlate.correlate(two_small_indexes, "a", "elsewhere")
    assert result.n == 0 and result.rho is None and "cannot be compared" in result.verdict
    monkeypatch.setenv("CITYRANK_DATA_DIR", str(tmp_path))
    code, out, _ = cli("correlate", "a", "elsewhere")
    assert code == 0 and "No city is ranked in both" in out


def test_cli_correlate(cli):
    code, out, _ = cli("correlate", "ici-2014", "gii-2023")
    assert (
        code == 0
        and "over 37 pairs of entries" in out
        and "biggest disagreements" in out.lower()
        and "│" in out
    )
    assert out.rstrip().endswith("(www.wipo.int/global_innovation_index)")
    code, out, _ = cli("correlate", "ici-2014", "gii-2023", "--format", "json")
    data = json.loads(out)
    assert data["n"] == 37 and len(data["rows"]) == 37  # a cluster counts once
    code, _, err = cli("correlate", "ici-2014", "ici-2014")
    assert code == 2 and "different index" in err
    code, _, err = cli("correlate", "ici-2014", "nope")
    assert code == 2 and "unknown index" in err
