"""Every edition's details text (Enter on a row) ends on what the publisher's editions allow and
what we hold, so that End in the dialog reaches it. tests/tui/test_first_hour.py opens only the
longest of these texts in the app (the dialog and its scrolling are the same for every edition)."""

from __future__ import annotations

import pytest

from cityrank_tui.core.catalog import Catalog
from tests.support.details import first_row_details, last_section

INDEX_IDS = list(Catalog().indexes)


@pytest.mark.parametrize("index_id", INDEX_IDS)
def test_details_end_on_what_we_hold_or_on_comparing_editions(catalog, index_id):
    info = catalog.get(index_id)
    text = first_row_details(catalog, index_id)
    assert info.name in text and info.attribution in text
    assert f"Method: {info.methodology}" in text
    section = last_section(catalog, index_id)
    if section is None:  # nothing to say about editions or gaps: the method is the last line
        assert text.rstrip("\n").endswith(info.methodology)
        return
    heading, body = section
    assert text.rstrip("\n").endswith(f"{heading}: {body}"), index_id
    if info.gaps and info.comparability:  # both said, the gaps last
        assert f"Comparing editions: {info.comparability}" in text
