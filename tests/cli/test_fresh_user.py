"""What a new user met on a first session (an analyst importing a German Excel CSV): each
test here failed on the code before its fix."""

from __future__ import annotations


def _import_german_csv(cli, tmp_path) -> None:
    """An Excel-style file: semicolons, cp1252, decimal commas, German headers."""
    source = tmp_path / "staedte.csv"
    source.write_bytes(
        "Rang;Stadt;Land;Punkte\r\n1;München;Deutschland;87,5\r\n2;Köln;Deutschland;81,25\r\n".encode(
            "cp1252"
        )
    )
    assert cli("import", str(source), "--id", "de-staedte", "--name", "Städte")[0] == 0


def test_sources_names_an_import_once_in_brackets(cli, tmp_path):
    _import_german_csv(cli, tmp_path)
    code, out, _ = cli("sources", "de-staedte")
    assert code == 0
    assert out.splitlines()[0] == "de-staedte: Städte (imported)"
    assert "((" not in out
