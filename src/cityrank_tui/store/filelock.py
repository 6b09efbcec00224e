"""Advisory, non-blocking locks on an open file: one home for the bookmarks' and the imports'
locks (flock on POSIX, msvcrt on Windows)."""

from __future__ import annotations

import os
import sys

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
