"""Index families and their editions: what one tab holds, and which editions can be compared.

A family is every edition of one publisher's ranking (`gii` -> `gii-2022` … `gii-2025`). An
imported index is a family of its own unless it declares one. Whether an edition's ranks can be
set against the previous edition's is declared in data/indexes.toml
(`not_comparable_with_previous`, a short reason), never guessed from prose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .catalog import IndexInfo

IMPORTED_FAMILY = "imported"  # what an import without a family of its own says


# What config.toml's start_tab calls the Cities tab: no imported index may take this id.
CITIES_TAB_NAME = "cities"


def family_key(info: IndexInfo) -> str:
    """The family an index belongs to: its declared family; an undeclared import is its own."""
    if info.bundled or info.family not in ("", IMPORTED_FAMILY):
        return info.family
    return info.id


@dataclass(frozen=True)
class Family:
    key: str
    editions: tuple[IndexInfo, ...]  # oldest first

    @property
    def label(self) -> str:
        """Short, for a tab: 'GII'; an imported index by the name it was given (`--name`), as
        its tab shows it."""
        head = self.editions[0]
        return head.family.upper() if head.bundled else head.tab_label

    @property
    def latest(self) -> IndexInfo:
        return self.editions[-1]

    @property
    def ids(self) -> list[str]:
        return [info.id for info in self.editions]

    def step(self, index_id: str, delta: int) -> IndexInfo | None:
        """The edition `delta` editions after `index_id` (before, when negative), or None past the ends."""
        at = self.ids.index(index_id) + delta
        return self.editions[at] if 0 <= at < len(self.editions) else None

    def previous(self, index_id: str) -> IndexInfo | None:
        return self.step(index_id, -1)


def families(indexes: Iterable[IndexInfo]) -> list[Family]:
    """Families in catalogue order (of each family's first edition), editions oldest first."""
    grouped: dict[str, list[IndexInfo]] = {}
    for info in indexes:
        grouped.setdefault(family_key(info), []).append(info)
    return [
        Family(key, tuple(sorted(group, key=lambda i: (i.edition, i.id))))
        for key, group in grouped.items()
    ]


def incomparable_reason(previous: IndexInfo | None, info: IndexInfo) -> str | None:
    """Why `info`'s ranks cannot be set against `previous`'s, or None when they can.

    None as well when there is no previous edition: there is nothing to compare.
    """
    if previous is None:
        return None
    if info.not_comparable_with_previous:
        return info.not_comparable_with_previous
    if not info.ranked:
        return "classes, not ranks"
    if not previous.ranked:
        return f"{previous.edition or previous.id} has classes, not ranks"
    return None
