"""Who published the figures on screen: one list of attribution lines for any set of indexes.

Every view that shows figures (each CLI command in every format, the TUI's tabs and screens)
names their publishers through `attribution_lines`, as `show` always has: each index's declared
attribution once, in the order the figures appear. GaWC's attribution is the acknowledgement
GaWC asks for in every public use, so it appears whenever a GaWC figure does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .catalog import IndexInfo
from .safetext import json_text


def attribution_lines(infos: Iterable[IndexInfo]) -> list[str]:
    """Each index's attribution once (two editions with the same words give one line)."""
    return list(dict.fromkeys(i.attribution for i in infos if i.attribution))


def json_document(title: str, rows: list[Any], infos: Iterable[IndexInfo], **extra: Any) -> str:
    """Every command's JSON has this one shape: an object with `title`, `rows` (a list, empty
    when nothing matches), `attribution` (a list of lines) and the command's own extra fields."""
    document = {"title": title, **extra, "rows": rows, "attribution": attribution_lines(infos)}
    return json_text(document) + "\n"
