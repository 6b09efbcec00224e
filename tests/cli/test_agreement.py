"""Which rankings agree: the agreement matrix in core and the `agreement` command."""

from __future__ import annotations

import json

from cityrank_tui.core import agreement


def test_cli_agreement_json_csv_and_table(cli, catalog, tmp_path):
    infos = agreement.chosen_editions(catalog, "latest")
    code, out, _ = cli("agreement", "--format", "json")
    assert code == 0
    rows = json.loads(out)["rows"]
    assert len(rows) == len(infos) * (len(infos) - 1) // 2
    first = rows[0]
    assert set(first) == {"index_a", "index_b", "family_a", "family_b", "n", "spearman_rho", "few"}
    assert isinstance(first["n"], int)

    code, out, _ = cli("agreement", "--format", "csv")
    assert (
        code == 0 and out.splitlines()[0] == "index_a,index_b,family_a,family_b,n,spearman_rho,few"
    )

    code, out, _ = cli("agreement", "--editions", "latest")
    assert code == 0
    assert "Spearman rank correlation" in out and "█ ≥ 0.7" in out
    assert all(i.tab_label in out for i in infos)

    target = tmp_path / "agreement.md"
    code, _, _ = cli("agreement", "--editions", "all", "--format", "md", "--output", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("## Agreement between rankings")
    assert all(i.tab_label in text for i in catalog.indexes.values())
