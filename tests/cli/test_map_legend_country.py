"""The map's "Ranks 1–9" legend names each row with its country, as everywhere else: a row
published under another spelling than our city's ('München' for Munich) lost its country; a
cluster across borders stays bare (one member's country would misname it)."""

from __future__ import annotations


def _legend(cli, index_id: str) -> str:
    code, out, err = cli("map", index_id)
    assert code == 0, err
    return next(line for line in out.splitlines() if line.startswith("Ranks 1–9"))


def test_a_row_spelled_by_its_publisher_keeps_its_country(cli, tmp_path):
    source = tmp_path / "de.csv"
    source.write_text(
        "Rank,City,Country\n1,München,Germany\n2,Wien,Austria\n3,Hamburg,Germany\n",
        encoding="utf-8",
    )
    assert cli("import", str(source), "--id", "staedte", "--name", "Städte")[0] == 0
    legend = _legend(cli, "staedte")
    assert "1 München, Germany;" in legend and "2 Wien, Austria;" in legend
    assert "3 Hamburg, Germany." in legend


def test_a_cluster_in_one_country_names_it_and_one_across_borders_does_not(cli):
    legend = _legend(cli, "gii-2025")
    assert "2 Tokyo–Yokohama, Japan;" in legend
    assert "1 Shenzhen–Hong Kong–Guangzhou;" in legend  # China and Hong Kong, China
