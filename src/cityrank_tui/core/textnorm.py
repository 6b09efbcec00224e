"""Folding text for matching: case- and accent-insensitive, punctuation-tolerant."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Letters that do not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ł": "l", "Ł": "l", "đ": "d", "ı": "i"})


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse white space: 'Zürich' -> 'zurich'."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.casefold()).strip()


def slug(text: str) -> str:
    """An identifier made of folded words joined by hyphens: "Xi'an" -> 'xian'."""
    folded = fold(text).replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
