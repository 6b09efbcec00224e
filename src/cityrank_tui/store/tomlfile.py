"""Reading and writing the user's TOML files without ever losing what they hold.

- A missing file reads as empty; nothing is written until there is something to save.
- Writes go to a temp file in the same folder, are fsynced, then replace the old file.
- A file that cannot be parsed is kept aside as `<name>.corrupt-<time>` and reported.
- A folder that cannot be written is reported as a SaveError; the caller keeps its data in memory.
- Only regular files are read: a FIFO, device or folder in a file's place is refused at once,
  never waited on (opened non-blocking, then checked with fstat). A symbolic link is read
  through, but never written through: saving over a link is refused with one line (keep the
  file itself in the folder, or point CITYRANK_CONFIG_DIR / CITYRANK_STATE_DIR at the folder).
"""

from __future__ import annotations

import os
import stat
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
    newer: int | None = None  # the schema_version of a file a newer version wrote (kept as is)


NONBLOCK = getattr(os, "O_NONBLOCK", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(OSError):
    """A FIFO, device, socket or folder stands where one of our files should be."""


class TooLarge(OSError):
    """A file larger than its reader's bound (a settings file of 20 MB is not one we wrote)."""


# The bound on a TOML file of ours: 50,000 bookmarks with notes fit in a few MB.
MAX_TOML_BYTES = 16 * 1024 * 1024


def file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def open_regular(path: Path, flags: int, mode: int = 0o600) -> int:
    """A descriptor on `path` if it is a regular file; never blocks (a FIFO opens at once)."""
    fd = os.open(path, flags | NONBLOCK | CLOEXEC, mode)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path} is {file_kind(info.st_mode)}, not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, limit: int | None = MAX_TOML_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit` of them: the one reader of the user's files.

    A FIFO, device, socket or folder is refused at once (NotRegularFile), never waited on; a
    file over `limit` bytes is refused (TooLarge) before it is read; FileNotFoundError and
    other OSErrors (PermissionError) pass through for the caller to word."""
    fd = open_regular(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as handle:
        if limit is None:
            return handle.read()
        size = os.fstat(handle.fileno()).st_size
        raw = handle.read(limit + 1) if size <= limit else b""
        if size > limit or len(raw) > limit:
            raise TooLarge(
                f"{path} is {_size(max(size, len(raw)))}, more than the {_size(limit)} "
                "such a file may be"
            )
        return raw


def _size(count: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if count < 1024 or unit == "GiB":
            return f"{count:,} {unit}" if unit == "bytes" else f"{count:,.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    return f"{count} bytes"  # pragma: no cover


def read(path: Path, limit: int = MAX_TOML_BYTES) -> ReadResult:
    try:
        raw = read_regular(path, limit)
    except FileNotFoundError:
        return ReadResult({})
    except (NotRegularFile, TooLarge) as exc:
        return ReadResult(
            {}, f"{exc}; it was ignored (remove it, and a fresh file will be started)"
        )
    except OSError as exc:
        return ReadResult({}, f"cannot read {path}: {exc.strerror or exc}")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return ReadResult({}, set_aside(path, f"is not valid TOML ({exc})"))
    except RecursionError:
        return ReadResult({}, set_aside(path, "is not valid TOML (it is nested too deeply)"))
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        # A newer cityrank-tui wrote it: never set aside as corrupt (going back to that
        # version must find it whole), never written over (`write` refuses).
        return ReadResult({}, newer_message(path, version), newer=version)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return ReadResult(
            {}, set_aside(path, f"has schema_version {version!r}, which is not a version number")
        )
    return ReadResult(data)


def newer_message(path: Path, version: int) -> str:
    return (
        f"{path} was written by a newer cityrank-tui (schema_version {version}; this one "
        f"understands {SCHEMA_VERSION}): it is left as it is and nothing is saved to it"
    )


def newer_version(path: Path) -> int | None:
    """The schema_version of the file at `path` if a newer cityrank-tui wrote it, else None."""
    try:
        data = tomllib.loads(read_regular(path).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None  # missing or unreadable: not a newer file, `read` says what it is
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return version
    return None


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
    try:
        payload = tomli_w.dumps({"schema_version": SCHEMA_VERSION, **data}).encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates, e.g. from a non-UTF-8 argument
        raise SaveError(f"cannot save {path}: some text is not valid UTF-8") from exc
    check_replaceable(path)
    check_readable(path)
    newer = newer_version(path)
    if newer is not None:
        raise SaveError(
            f"cannot save {path}: it was written by a newer cityrank-tui (schema_version "
            f"{newer}), and this one (schema_version {SCHEMA_VERSION}) does not write over it"
        )
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


def check_replaceable(path: Path) -> None:
    """Refuse to save over a symbolic link, a FIFO or a folder (SaveError); a regular file is fine."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SaveError(f"cannot save {path}: {exc.strerror or exc}") from exc
    if stat.S_ISLNK(info.st_mode):
        raise SaveError(
            f"cannot save {path}: it is a symbolic link, and cityrank-tui does not write through "
            "links (replace it with a regular file)"
        )
    if not stat.S_ISREG(info.st_mode):
        raise SaveError(f"cannot save {path}: it is {file_kind(info.st_mode)}, not a regular file")


def check_readable(path: Path) -> None:
    """Refuse to save over a file that cannot be read (SaveError): what it holds was never
    read, so writing would replace it with this session's changes alone (an unreadable
    bookmarks.toml became a file of one bookmark)."""
    try:
        fd = os.open(path, os.O_RDONLY | NONBLOCK | NOFOLLOW | CLOEXEC)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SaveError(
            f"cannot save {path}: it cannot be read ({exc.strerror or exc}), and cityrank-tui "
            "does not write over a file whose contents it has not read"
        ) from exc
    os.close(fd)


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
