"""An imported index is named as the user named it (#24 item 19): `indexes` grouped every
import under the first one's name ("EU hubs ((imported))"), and tabs showed ids."""

from __future__ import annotations

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.store import paths

CSV_A = "Rank,City,Country\n1,London,UK\n2,Paris,France\n"
CSV_B = "Rank,City,Country\n1,Madrid,Spain\n2,Rome,Italy\n"


def two_imports(cli, tmp_path) -> None:
    (tmp_path / "a.csv").write_text(CSV_A)
    (tmp_path / "b.csv").write_text(CSV_B)
    assert cli("import", str(tmp_path / "a.csv"), "--id", "eu-hubs", "--name", "EU hubs")[0] == 0
    assert (
        cli(
            "import",
            str(tmp_path / "b.csv"),
            "--id",
            "south",
            "--name",
            "Southern cities of Europe",
        )[0]
        == 0
    )


def test_indexes_lists_each_import_under_its_own_name(cli, tmp_path):
    two_imports(cli, tmp_path)
    code, out, _ = cli("indexes")
    assert code == 0
    assert "EU hubs (imported)\n  eu-hubs " in out
    assert "Southern cities of Europe (imported)\n  south " in out
    assert "((" not in out


def test_an_imports_tab_is_labelled_by_its_name_cut_with_an_ellipsis(cli, tmp_path):
    two_imports(cli, tmp_path)
    catalog = Catalog(user_dir=paths.data_dir())
    assert catalog.indexes["eu-hubs"].tab_label == "EU hubs"
    label = catalog.indexes["south"].tab_label
    assert label == "Southern cities of…" and len(label) <= 20
    assert catalog.indexes["gii-2023"].tab_label == "GII 2023"
