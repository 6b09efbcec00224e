"""Helpers shared by the test_hostile_import tests of more than one folder."""

from __future__ import annotations


def csv_file(tmp_path, text: str, name: str = "mine.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def do_import(cli, path, index_id: str = "mine", *extra: str):
    return cli("import", str(path), "--id", index_id, "--name", "Mine", *extra)


def no_traceback(err: str) -> bool:
    return "Traceback" not in err and len(err.strip().splitlines()) >= 1
