"""Where a command or the app may write a file the user named (export, --output, --report).

Only a regular file or a new path in an existing folder: a device (`/dev/null`, `/dev/full`),
FIFO, socket or folder is refused with one line, never written beside and renamed over (run as
root, that replaced the device node for the whole machine). A link is followed to what it
names, and judged by that. On the command line an existing file is replaced only with
`--force` (the app asks instead), and never the file being read (`import F --report F`).

`write_atomic` writes to `.<name>.part` beside the target and renames it over only when
complete; on any failure the part is removed, and a full disk is said as "no space left on
the disk holding DIR".
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..store.tomlfile import file_kind  # one wording for what stands there (as reading.py)
from .errors import UsageError
from .safetext import visible


def check_target(
    path: Path, *, force: bool = True, inputs: tuple[Path, ...] = (), option: str = ""
) -> None:
    """UsageError (one line) unless `path` may be written: a regular file (replaced only with
    `force`) or a new name in an existing folder, and none of `inputs`."""
    shown = visible(str(path))
    what = f"{shown} ({option})" if option else shown
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"cannot write {what}: {exc.strerror or exc}") from exc
    if info is None:
        folder = path.parent
        if not folder.is_dir():
            raise UsageError(
                f"cannot write {what}: the folder {visible(str(folder))} does not exist"
            )
        return
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(
            f"cannot write {what}: it is {file_kind(info.st_mode)}, not a regular file "
            "(name a new file)"
        )
    for given in inputs:
        try:
            same = os.path.samestat(info, os.stat(given))
        except OSError:
            continue
        if same:
            raise UsageError(
                f"cannot write {what}: it is the file being read ({visible(str(given))}); "
                "name another file"
            )
    if not force:
        raise UsageError(f"{what} exists: add --force to replace it, or name a new file")


def no_space(folder: Path) -> str:
    return f"no space left on the disk holding {visible(str(folder.resolve()))}"


def reason(exc: BaseException, folder: Path) -> str:
    """One line saying why a write failed."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return no_space(folder)
    text = str(exc)
    if "No space left" in text or "os error 28" in text:  # polars' and zipfile's wording
        return no_space(folder)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return first


def part_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.part")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A `.part` path to write; renamed over `path` when the block ends without an error,
    removed otherwise (and `path` checked again, so that what stands there now is a regular
    file or nothing)."""
    part = part_path(path)
    try:
        yield part
        check_target(path)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write through `write(handle)` to `path`, all or nothing (UsageError saying why)."""
    check_target(path)
    try:
        with replacing(path) as part, part.open("wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except UsageError:
        raise
    except Exception as exc:  # OSError, polars' and xlsxwriter's own errors
        raise UsageError(f"cannot write {visible(str(path))}: {reason(exc, path.parent)}") from exc
