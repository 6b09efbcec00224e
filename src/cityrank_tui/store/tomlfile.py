"""Reading and writing the user's TOML files without ever losing what they hold.

- A missing file reads as empty; nothing is written until there is something to save.
- Writes go to a temp file in the same folder, are fsynced, then replace the old file.
- A file that cannot be parsed is kept aside as `<name>.corrupt-<time>` and reported.
- A folder that cannot be written is reported as a SaveError; the caller keeps its data in memory.
"""

from __future__ import annotations

import os
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from . import debris

SCHEMA_VERSION = 1


class SaveError(OSError):
    """The file could not be written; the message says where and why."""


@dataclass
class ReadResult:
    data: dict[str, Any]
    warning: str | None = None  # set when the file was corrupt and has been moved aside


def read(path: Path) -> ReadResult:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ReadResult({})
    except OSError as exc:
        return ReadResult({}, f"cannot read {path}: {exc.strerror or exc}")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return ReadResult({}, set_aside(path, f"is not valid TOML ({exc})"))
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        return ReadResult(
            {},
            set_aside(
                path,
                f"has schema_version {version!r}, newer than this version "
                f"of cityrank-tui understands ({SCHEMA_VERSION})",
            ),
        )
    return ReadResult(data)


def set_aside(path: Path, problem: str) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    try:
        os.replace(path, aside)
    except OSError as exc:
        return f"{path} {problem}; it could not be moved aside ({exc.strerror or exc}) and will not be overwritten"
    return f"{path} {problem}; it was kept as {aside} and a fresh file will be started"


def write(path: Path, data: dict[str, Any]) -> None:
    """Atomically replace `path` with `data` (plus schema_version). Raises SaveError."""
    payload = tomli_w.dumps({"schema_version": SCHEMA_VERSION, **data}).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SaveError(f"cannot save {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SaveError(f"cannot save {path}: {exc.strerror or exc}") from exc
    _fsync_dir(path.parent)
    debris.clean(path.parent, debris.temp_pattern(path.name))  # left by killed writers


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not supported on every platform; the replace itself is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on a directory; durability is best effort there
    finally:
        os.close(fd)
