"""Advisory, non-blocking locks on an open file: one home for the bookmarks' and the imports'
locks (flock on POSIX, msvcrt on Windows)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def try_lock(fd: int) -> bool:
        """Take the lock if it is free; never wait."""
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def release(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            return  # not locked (acquire failed); nothing to release
else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """Take the lock if it is free; never wait."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def locked(path: Path, what: str, timeout: float) -> Iterator[None]:
    """An exclusive lock on `<file>.lock` beside `path`, shared by every process using the file.

    Raises SaveError (naming `what`) when the lock file cannot be made or another process holds
    it for more than `timeout` seconds. Never through a planted link, never blocked by a FIFO.
    """
    from .tomlfile import NOFOLLOW, SaveError, open_regular

    lock_path = path.with_name(path.name + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_regular(lock_path, os.O_RDWR | os.O_CREAT | NOFOLLOW)
    except OSError as exc:
        if os.path.islink(lock_path):
            raise SaveError(
                f"cannot save {path}: {lock_path} is a symbolic link (remove it)"
            ) from exc
        raise SaveError(f"cannot save {path}: {exc.strerror or exc}") from exc
    try:
        deadline = time.monotonic() + timeout
        while not try_lock(fd):
            if time.monotonic() > deadline:
                raise SaveError(
                    f"cannot save {what}: {lock_path} is held by another cityrank-tui for "
                    f"over {timeout:g} s"
                )
            time.sleep(0.01)
        yield
    finally:
        release(fd)
        os.close(fd)
