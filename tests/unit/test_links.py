"""Source addresses: only http(s) addresses reach a browser or an OSC 8 hyperlink, and no
control character from data is ever embedded in one (issue 23)."""

from __future__ import annotations

import pytest

from cityrank_tui.core.links import address_of, addresses, web_address
from cityrank_tui.tui.links import link


def test_a_source_with_a_note_links_its_address_only():
    value = (
        "https://gawc.lboro.ac.uk/gawc-worlds/gawc-data/dataset-31/ (GNC ranking 2020 XLSX)"
        " | https://zyen.com/"
    )
    assert addresses(value) == [
        "https://gawc.lboro.ac.uk/gawc-worlds/gawc-data/dataset-31/",
        "https://zyen.com/",
    ]
    text = link("https://gawc.lboro.ac.uk/x/ (GNC ranking 2020 XLSX)")
    assert text.plain == "https://gawc.lboro.ac.uk/x/ (GNC ranking 2020 XLSX)"
    linked = [(s.start, s.end, s.style.link) for s in text.spans if s.style.link]
    assert linked == [(0, len("https://gawc.lboro.ac.uk/x/"), "https://gawc.lboro.ac.uk/x/")]


def test_a_repository_file_opens_as_its_page_on_github():
    source = "github:owner/repo@0d2187024c0e12504bcada9c571fd8adcd48e27f:data/file.csv (README)"
    assert address_of(source) == (
        "https://github.com/owner/repo/blob/0d2187024c0e12504bcada9c571fd8adcd48e27f/data/file.csv"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "https://x.org/\x1b]52;c;TkFNRQ==\x07",  # OSC 52 inside an address
        "https://x.org/\x1b\\\x1b]8;;https://evil.example/\x1b\\",  # an OSC 8 of its own
        "https://x.org/\x9b31m",  # C1 CSI
        "https://x.org/\u202eexe.fdp",  # a bidirectional override
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://x.org/",
        'https://x.org/"onclick',
    ],
)
def test_nothing_but_a_clean_web_address_is_linked_or_opened(hostile):
    assert web_address(hostile) is None
    text = link(hostile)
    assert not any(s.style.link for s in text.spans if hasattr(s.style, "link"))
    assert "\x1b" not in text.plain and "\x9b" not in text.plain and "\u202e" not in text.plain


def test_an_address_in_another_script_is_made_a_uri():
    assert web_address("https://例え.jp/パス") == "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9"
    assert web_address("http://münchen.de/") == "http://xn--mnchen-3ya.de/"
