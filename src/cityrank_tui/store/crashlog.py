"""An unexpected error becomes one line on the screen and its details in a file.

Every error we expect (a bad file, flag, config) is already one clear line. Anything else is a
defect of ours: the user gets one line naming the error and where its details were written, so a
bug report can carry them, and never a traceback on the terminal.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__
from ..core.safetext import visible
from . import paths

# A crash log is read by people: a runaway message (a 50 MB line) is cut, not copied whole.
MAX_LOG_CHARS = 1_000_000
MAX_LINE_CHARS = 200


def crash_text(error: BaseException, argv: list[str]) -> str:
    """What the log holds: when, which version on which Python and system, the command, and
    the traceback."""
    lines = [
        f"cityrank-tui {__version__} crash report, {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC",
        f"python {platform.python_version()} on {platform.platform()}",
        f"command: cityrank-tui {' '.join(visible(a) for a in argv)}".rstrip(),
        "",
        "".join(traceback.format_exception(error)),
    ]
    text = "\n".join(lines)
    if len(text) > MAX_LOG_CHARS:
        text = text[:MAX_LOG_CHARS] + "\n[cut: the report was longer than 1,000,000 characters]\n"
    return text


def write_crash_log(error: BaseException, argv: list[str] | None = None) -> Path:
    """Write the report beside state.toml (replacing the last one) and return where it went.

    Raises OSError when it cannot be written (the caller says so in its one line)."""
    target = paths.crash_log_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise OSError(f"{target} is not a regular file")
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        part.write_text(crash_text(error, sys.argv[1:] if argv is None else argv), "utf-8")
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return target


def crash_line(error: BaseException, argv: list[str] | None = None) -> str:
    """The one line a user sees for an error we did not expect (the log is written first)."""
    what = visible(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)
    if len(what) > MAX_LINE_CHARS:
        what = what[: MAX_LINE_CHARS - 1] + "…"
    try:
        where = f"the details are in {visible(str(write_crash_log(error, argv)))}"
    except OSError as exc:
        where = f"no crash log could be written ({visible(exc.strerror or str(exc))})"
    return (
        f"cityrank-tui: an unexpected error stopped the program ({what}); {where}. "
        "Please include it when you report the problem."
    )
