"""What the program writes to a terminal: never a control character from data, never an
encoding error.

`guard_streams()` wraps stdout and stderr for the CLI: everything written goes through the one
sanitiser (`core.safetext.visible_lines`), and on an output encoding that cannot show a character
(`PYTHONIOENCODING=latin-1`, `LANG=C`) the `cityrank` codec error handler puts an ASCII stand-in of
the same width in its place: `>` for ▶, `*` for ★ and ●, `^`/`v` for ▲/▼, `-` for —, box lines as
`-`, `|`, `+`, a letter without its accent, else `?`. The same handler serves the app (see
`use_ascii_fallback`), so glyphs are chosen in one place, by the output encoding.

Light on purpose: imported by `cli.main` before anything else.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import unicodedata
from typing import IO, Any

from .core.safetext import visible_lines

ERRORS = "cityrank"

GLYPHS = {
    "▶": ">",
    "►": ">",
    "▸": ">",
    "›": ">",
    "‹": "<",
    "→": ">",
    "←": "<",
    "↓": "v",
    "↑": "^",
    "★": "*",
    "☆": "*",
    "●": "*",
    "•": "*",
    "·": ".",
    "▲": "^",
    "▼": "v",
    "—": "-",
    "–": "-",
    "−": "-",
    "…": ".",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "≤": "<",
    "≥": ">",
    "×": "x",
    "⚠": "!",
    "✓": "v",
    "ρ": "p",
}


def ascii_stand_in(ch: str) -> str:
    """One character's ASCII stand-in, as many columns wide as the character."""
    if ch in GLYPHS:
        return GLYPHS[ch]
    name = unicodedata.name(ch, "")
    if name.startswith("BOX DRAWINGS"):
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        return "+"
    if name == "LOWER ONE EIGHTH BLOCK":
        return "_"
    if name.startswith(("UPPER", "LOWER")) and "BLOCK" in name:
        return "-"
    if name.startswith(("LEFT", "RIGHT", "FULL")) and "BLOCK" in name:
        return "|"
    if "BLOCK" in name or "SHADE" in name or name.startswith("QUADRANT"):
        return "#"
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if c.isascii() and c.isprintable())
    if base:
        return base[:1]
    if unicodedata.combining(ch):
        return ""
    return "??" if unicodedata.east_asian_width(ch) in ("W", "F") else "?"


def _handler(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(ascii_stand_in(ch) for ch in bad), exc.end


codecs.register_error(ERRORS, _handler)


def use_ascii_fallback(stream: IO[str] | None) -> None:
    """Make `stream` write an ASCII stand-in for what its encoding cannot show (never raise)."""
    if isinstance(stream, io.TextIOWrapper):
        try:
            stream.reconfigure(errors=ERRORS)
        except (ValueError, OSError):
            return  # a closed or detached stream: nothing will be written to it


class SafeStream(io.TextIOBase):
    """A text stream that shows, never obeys, control characters written to it."""

    def __init__(self, target: IO[str]) -> None:
        super().__init__()
        self.target = target
        use_ascii_fallback(target)

    def write(self, text: str) -> int:
        self.target.write(visible_lines(text))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", "utf-8") or "utf-8"

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """The target is not ours to close (and a failing flush at exit must not print)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self.target, name)


def guard_streams() -> tuple[IO[str], IO[str]]:
    """Wrap sys.stdout and sys.stderr; returns the originals so the caller can put them back."""
    saved = sys.stdout, sys.stderr
    # A closed stream (`>&-`) is None: what is written to it goes nowhere, as was asked.
    sys.stdout = SafeStream(sys.stdout or open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    sys.stderr = SafeStream(sys.stderr or open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    return saved


def can_show(stream: IO[str] | None, text: str) -> bool:
    """Whether `stream`'s encoding can write every character of `text` (not as a stand-in)."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
