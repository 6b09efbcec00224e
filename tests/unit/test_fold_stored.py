"""An import stored before dashes and apostrophes were folded (#24 item 9): a later import's
name links to the new city it made, as the same name in one file would, and its search finds
the name however the dash is typed. Its stored search text and key hashes hold the old fold."""

from __future__ import annotations

import tomllib

import polars as pl

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.store import paths, userindexes


def _csv(folder, name: str, *cities: str):
    path = folder / name
    ranks = list(range(1, len(cities) + 1))
    countries = ["United States"] * len(cities)
    pl.DataFrame({"Rank": ranks, "City": cities, "Country": countries}).write_csv(path)
    return path


def _as_written_before_this_fold(index_id: str) -> None:
    """The entries file as the previous fold wrote it: its new city's key with the en dash."""
    folder = userindexes.folder(paths.data_dir())
    meta = tomllib.loads((folder / f"{index_id}.toml").read_text())
    path = folder / meta["entries_file"]
    stored = pl.read_parquet_metadata(path)
    frame = pl.read_parquet(path)
    old = frame["search_text"].str.replace_all("-", "\u2013", literal=True)
    hashes = frame[userindexes.KEY_HASH]
    frame = frame.with_columns(
        search_text=old,
        **{
            userindexes.KEY_HASH: pl.when(hashes.is_not_null()).then(
                old.str.strip_suffix(" | ").hash()
            )
        },
    )
    kept = {
        k: v for k, v in stored.items() if k.startswith("cityrank:") and k != userindexes.FOLD_KEY
    }
    userindexes._write_parquet(frame, path, kept)


def test_a_later_import_links_to_a_new_city_an_older_import_made(cli, tmp_path):
    code, _, err = cli(
        "import",
        str(_csv(tmp_path, "a.csv", "Gotham–Ville", "Qxzville")),
        "--id",
        "old",
        "--name",
        "Old",
    )
    assert code == 0, err
    _as_written_before_this_fold("old")
    catalog = Catalog(user_dir=paths.data_dir())
    assert catalog.entries("old")["search_text"].to_list() == [
        "gotham-ville | ",
        "qxzville | ",
    ]  # folded again
    code, _, err = cli(
        "import", str(_csv(tmp_path, "b.csv", "Gotham-Ville")), "--id", "later", "--name", "Later"
    )
    assert code == 0, err
    later = Catalog(user_dir=paths.data_dir()).entries("later")
    assert later["city_ids"].to_list() == [["old:gotham-ville-us"]]
