"""Source addresses as links: which text is a web address we may hand to a browser or put in
an OSC 8 hyperlink, and in what form.

The addresses come from our data, but a terminal hyperlink carries its address inside an escape
sequence, so it is checked anyway: only http(s) addresses, with no control character, space or
quote; other non-ASCII characters are percent-encoded (an IRI made a URI). Anything else is
shown as text, never linked or opened.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

SEPARATOR = " | "  # several sources of one row (source_url "a | b")
MAX_LENGTH = 2_000  # characters: longer is not an address a browser is handed
# Kept as they are when the address is percent-encoded: the URI syntax's own characters.
_URI_CHARACTERS = ":/?#[]@!$&'()*+,;=%~-._"


def web_address(text: object) -> str | None:
    """`text` as an http(s) address safe to open and to embed in a hyperlink, or None."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > MAX_LENGTH:
        return None
    if any(not c.isprintable() or c.isspace() or c in '"<>\\^`{|}' for c in text):
        return None  # a control character, a space, or what no address holds unencoded
    try:
        parts = urlsplit(text)
        if not text.isascii():  # an IRI: the host in IDNA, the rest percent-encoded
            host = parts.netloc.encode("idna").decode("ascii")
            rest = quote(text[text.index(parts.netloc) + len(parts.netloc) :], _URI_CHARACTERS)
            text = f"{parts.scheme}://{host}{rest}"
    except (ValueError, UnicodeError):  # a malformed IPv6 host, a label IDNA refuses
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


# Our data's shorthand for a file in a public repository at one commit
GITHUB = re.compile(r"github:([\w.-]+)/([\w.-]+)@([0-9a-f]{7,40}):(\S+)")


def address_of(source: str) -> str | None:
    """The web address one source names: its first word (what follows is a note, "(Wikipedia
    mirror, …)"), with `github:owner/repo@commit:path` as that file's page on GitHub."""
    words = source.split(maxsplit=1)
    if not words:
        return None
    found = GITHUB.fullmatch(words[0])
    if found:
        owner, repo, commit, path = found.groups()
        return web_address(f"https://github.com/{owner}/{repo}/blob/{commit}/{path}")
    return web_address(words[0])


def sources(value: object) -> list[str]:
    """A row's source_url ("a (note) | b") as its sources, one text each."""
    return [p for p in value.split(SEPARATOR) if p.strip()] if isinstance(value, str) else []


def addresses(value: object) -> list[str]:
    """Each web address in a row's source_url, in order, each once."""
    found = (address_of(part) for part in sources(value))
    return list(dict.fromkeys(a for a in found if a))
