"""y / Y: the rows out to the clipboard in the user's format, and a message that says what
really happened.

Three routes, one per place the app runs:
- a browser session (`cityrank-tui serve`): the page's terminal puts the text on the browser's
  clipboard;
- `copy_command` in config.toml: that program gets the text on its stdin (no shell, bounded
  time); its failure is one line;
- otherwise the terminal's clipboard through OSC 52. Nothing tells the app whether the terminal
  obeyed, so the message never says "Copied": it says where the text was sent and, in tmux
  (whose default `set-clipboard external` drops it) or GNU screen, what it needs.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.errors import CityRankError
from ..core.render import COPY_FORMATS, COPY_LABELS
from ..core.safetext import visible

if TYPE_CHECKING:
    from .app import CityRankApp

COMMAND_TIMEOUT = 5.0  # seconds a copy_command may take (they finish in milliseconds)
TMUX_TIMEOUT = 1.0  # seconds to ask tmux for its set-clipboard option
ERROR_CHARS = 200  # of a failing command's error output, in its one line
USES = {  # what each format is for, in the picker
    "csv": ": for files and scripts, attribution in a column",
    "tsv": ": pastes into a spreadsheet's cells, attribution in a column",
    "md": ": a table for documents, the attribution under it",
}


def format_picker(current: str | None, first: bool, key: str) -> Any:
    from .screens.dialogs import Choice, PickScreen

    title = (
        f"Copy as (remembered; {key} changes it later)"
        if first
        else "Copy as (y copies the row, Y the view)"
    )
    choices = [Choice(fmt, f"{label}{USES.get(fmt, '')}") for fmt, label in COPY_FORMATS]
    return PickScreen(title, choices, current)


async def ask_format(app: CityRankApp, first: bool) -> str | None:
    """The picker; the pick is remembered in state.toml. None when Esc closed it."""
    fmt = await app.push_screen_wait(
        format_picker(app.copy_format, first, app.key("copy_format", "app"))
    )
    if not isinstance(fmt, str):
        return None
    app.state.pick_copy_format(fmt, app.settings.copy_format)
    app.save_state()
    return fmt


async def copy_out(app: CityRankApp, render: Callable[[str], str], what: str, carries: str) -> None:
    """Render the rows in the user's copy format (asked the first time) and send them."""
    fmt = app.copy_format
    if fmt is None:
        fmt = await ask_format(app, first=True)
        if fmt is None:
            return
    try:
        text = render(fmt)
    except CityRankError as exc:
        app.notify(str(exc), severity="error")
        return
    done = f"{what} as {COPY_LABELS[fmt]}, {carries},"
    if app.is_web:
        app.copy_to_clipboard(text)
        app.notify(f"Sent {done} to the browser clipboard.")
        return
    command = app.settings.copy_command
    if command:
        problem = await asyncio.to_thread(run_command, command, text)
        shown = visible(shlex.join(command))
        if problem:
            app.notify(
                f"copy_command `{shown}` {problem}; nothing was copied (config.toml).",
                severity="error",
            )
        else:
            app.notify(f"Copied {done} with `{shown}` (copy_command).")
        return
    app.copy_to_clipboard(text)
    caveat = await asyncio.to_thread(terminal_caveat)  # asks tmux: off the UI thread
    app.notify(f"Sent {done} to the terminal clipboard (OSC 52){caveat}.")


def run_command(argv: tuple[str, ...], text: str, timeout: float = COMMAND_TIMEOUT) -> str | None:
    """Give `text` to the program on its stdin: None when it exited 0, else what went wrong, as
    the end of one line. Only the program is waited for, not its output: xclip and wl-copy
    leave a child holding the clipboard (and any inherited pipe) open."""
    import tempfile

    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                start_new_session=True,  # never the terminal's: it cannot read or draw there
            )
        except OSError as exc:
            return f"could not start ({exc.strerror or type(exc).__name__})"
        try:
            process.communicate(text.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return f"did not finish in {timeout:g} s and was stopped"
        except OSError as exc:  # it closed its stdin early (a broken pipe)
            process.wait()
            if process.returncode == 0:
                return None
            return f"stopped reading ({exc.strerror or type(exc).__name__})"
        if process.returncode == 0:
            return None
        errors.seek(0)
        said = " ".join(errors.read(4096).decode("utf-8", "replace").split())
        said = visible(said)[:ERROR_CHARS]
        code = process.returncode
        why = f"exited with {code}" if code > 0 else f"was killed by signal {-code}"
        return f"{why}{': ' + said if said else ''}"


def terminal_caveat() -> str:
    """What the terminal route needs where it is known to be dropped ('' where nothing is)."""
    if os.environ.get("TMUX"):
        setting = tmux_set_clipboard()
        if setting == "on":
            return "; tmux passes it on (set-clipboard on) if the outer terminal takes OSC 52"
        now = f", it is {setting} now" if setting else ""
        return (
            f"; in tmux this needs `set -g set-clipboard on`{now} (or copy_command in config.toml)"
        )
    if os.environ.get("STY"):
        return "; GNU screen does not pass it on: set copy_command in config.toml"
    return "; if nothing arrives, the terminal ignores OSC 52: set copy_command in config.toml"


def tmux_set_clipboard() -> str | None:
    """tmux's set-clipboard option (on, external, off), or None when tmux does not say."""
    try:
        done = subprocess.run(
            ["tmux", "show-options", "-gv", "set-clipboard"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=TMUX_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.decode("ascii", "replace").strip()
    return value if done.returncode == 0 and value in ("on", "external", "off") else None
