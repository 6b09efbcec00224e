"""One sanitiser for every piece of data that becomes terminal output.

Text from data files (imported names, tiers, URLs, notes) and from the user's own files is shown,
never obeyed: every character that is not printable - C0 controls, ESC, DEL, C1 controls such as
U+009B (CSI), bidirectional overrides, line and paragraph separators, lone surrogates - is
replaced by its Python escape, so ESC appears as the four characters `\\x1b`, U+009B as `\\x9b`
and U+202E as `\\u202e`. Files written with `--output` keep the data as it is.

- `visible(text)` is for one field (a cell, a name in a message): line breaks and tabs are shown
  as `\\n` and `\\t` too, so a field can never break a table's layout.
- `visible_lines(text)` is for whole lines of output: it keeps line breaks and tabs.
- `json_text(obj)` is JSON whose every non-printable character is a `\\uXXXX` escape, so it is
  both safe on a terminal and exact data for a script.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def _escape(ch: str) -> str:
    return repr(ch)[1:-1]


# Text is looked at this many characters at a time: a slice that is all printable (nearly
# all of them) is kept at C speed, and only a slice holding a control is taken apart, so a
# 50 MB line with one control costs one slice's characters, not 50 million of them (that
# was a MemoryError), and 400 MB of JSON is checked in a second, not a minute.
CHUNK = 64 * 1024


def _escaped(text: str, keep: str, escape: Callable[[str], str]) -> str:
    """`text` with each character that is neither printable nor in `keep` replaced by
    `escape(ch)`, a slice at a time."""
    parts = []
    for start in range(0, len(text), CHUNK):
        part = text[start : start + CHUNK]
        bare = part
        for ch in keep:
            bare = bare.replace(ch, "")
        if bare.isprintable():
            parts.append(part)
        else:
            parts.append("".join(c if c.isprintable() or c in keep else escape(c) for c in part))
    return "".join(parts)


def visible(text: str) -> str:
    """`text` with every non-printable character shown as its escape (`\\x1b`, `\\n`, `\\x9b`)."""
    if text.isprintable():
        return text
    return _escaped(text, "", _escape)


def visible_lines(text: str) -> str:
    """Like `visible`, but line breaks and tabs are kept: for whole lines of output."""
    if text.replace("\n", "").replace("\t", "").isprintable():  # the common case, at C speed
        return text
    return _escaped(text, "\n\t", _escape)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:  # JSON spells characters beyond the BMP as a UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(obj: Any, indent: int | None = 2) -> str:
    """JSON for a person or a script: readable Unicode, but no raw control character (U+009B …)."""
    return json_safe(json.dumps(obj, ensure_ascii=False, indent=indent))


def json_safe(text: str) -> str:
    """JSON text with every non-printable character left (U+009B …) as a `\\uXXXX` escape."""
    # json.dumps already escapes C0 controls inside strings; any raw "\n" left is layout.
    return _escaped(text, "\n", _json_escape)
