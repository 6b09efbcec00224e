"""The details text (Enter on a row) of an edition's first row, as the app builds it, for the
unit test that reads every edition's and the Pilot test that opens only the longest."""

from __future__ import annotations

from cityrank_tui.core import movement
from cityrank_tui.core.catalog import Catalog


def first_row_details(catalog: Catalog, index_id: str) -> str:
    from cityrank_tui.tui.texts import details_text

    info = catalog.get(index_id)
    frame, _ = movement.with_movement(catalog, info, catalog.entries(index_id))
    return details_text(info, frame.row(0, named=True), catalog.city_names).plain


def last_section(catalog: Catalog, index_id: str) -> tuple[str, str] | None:
    """The section the details end on, when the edition has one: (its heading, its text)."""
    info = catalog.get(index_id)
    if info.gaps:
        return "What we hold", info.gaps
    if info.comparability:
        return "Comparing editions", info.comparability
    return None
