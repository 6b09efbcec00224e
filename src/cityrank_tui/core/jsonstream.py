"""JSON written a row at a time, laid out exactly as `safetext.json_text` lays out a document.

`json.dumps` with an indent runs Python's own encoder (the C one only writes compact JSON):
50,000 bookmarks with every index's standing took a minute and three gigabytes held at once.
Here each row is encoded on its own and written as it comes, each text checked for controls as
it is encoded (not the whole document after), and a part that repeats across rows (an index's
"not in our data") can be encoded once and passed as `Raw`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .safetext import json_safe, json_text

INDENT = "  "
ROWS_MARK = '\n  "rows": []'  # where a document's rows go: a key, so data never spells it


class Raw:
    """JSON already encoded at level 0 (by `dumps`): inserted as it is, indented to its place
    (once per level, however many rows it appears in)."""

    __slots__ = ("_at",)

    def __init__(self, text: str) -> None:
        self._at = {0: text}

    def at(self, level: int) -> str:
        if level not in self._at:
            self._at[level] = self._at[0].replace("\n", "\n" + INDENT * level)
        return self._at[level]


_encode = json.encoder.encode_basestring  # the escaping of ensure_ascii=False, in C


def _string(text: str) -> str:
    """A JSON string as `json_text` writes it: checked here, a short text at a time, rather
    than the whole document after (that check was most of the time for 460 MB)."""
    encoded: str = _encode(text)
    return encoded if encoded.isprintable() else json_safe(encoded)


def dumps(value: Any, level: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)` as if written `level` deep (dict
    keys must be text)."""
    if isinstance(value, Raw):
        return value.at(level)
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    inner = "\n" + INDENT * (level + 1)
    if isinstance(value, dict):  # keys are text (json would write 1 as "1": here, a TypeError)
        if not value:
            return "{}"
        items = (f"{_string(k)}: {dumps(v, level + 1)}" for k, v in value.items())
        return "{" + inner + ("," + inner).join(items) + "\n" + INDENT * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return (
            "["
            + inner
            + ("," + inner).join(dumps(v, level + 1) for v in value)
            + "\n"
            + INDENT * level
            + "]"
        )
    # floats and anything rarer: the json module's own spelling, indented to its place
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return json_safe(text).replace("\n", "\n" + INDENT * level)


def document(head: dict[str, Any], rows: Iterable[Any]) -> Iterator[str]:
    """`json_text(head with "rows": rows) + "\\n"`, a row at a time. `head` holds a "rows" key
    (its value is ignored): where it stands is where the rows go."""
    text = json_text({**head, "rows": []})
    at = text.index(ROWS_MARK) + len(ROWS_MARK) - 1  # just before the list's "]"
    first = True
    for row in rows:
        yield text[:at] if first else ","
        yield "\n" + INDENT * 2 + dumps(row, 2)
        first = False
    yield text + "\n" if first else "\n" + INDENT + text[at:] + "\n"
