"""bookmarks.toml: the cities a user follows, with an optional note and named watchlists.

Every change is applied to what is on disk *now*, under a lock: lock, re-read, apply the one
change, write atomically, unlock. Two app instances (two SSH sessions) or twenty CLI calls at
once therefore never lose each other's bookmarks.

A city is stored by its stable id plus its name, so a data update never orphans a bookmark; a
bookmark whose city is no longer known is kept and shown as unknown. When the folder cannot be
written, changes are kept for the session (and retried with the next change) and the caller is
told once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import paths, tomlfile
from .filelock import locked
from .tomlfile import SaveError

LOCK_TIMEOUT = 10.0  # seconds to wait for another process holding the lock


@dataclass(frozen=True)
class Bookmark:
    city_id: str
    name: str  # the city's name when it was bookmarked; shown if the id is no longer known
    note: str = ""
    lists: tuple[str, ...] = ()  # named watchlists, e.g. ("Shortlist", "Asia hubs")
    added: str = ""  # ISO timestamp

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"city_id": self.city_id, "name": self.name}
        if self.note:
            out["note"] = self.note
        if self.lists:
            out["lists"] = list(self.lists)
        if self.added:
            out["added"] = self.added
        return out


class BadBookmarks(ValueError):
    """The file parses as TOML but is not a bookmarks file we can trust."""


def _parse(data: dict[str, Any]) -> dict[str, Bookmark]:
    raw = data.get("bookmarks", [])
    if not isinstance(raw, list):
        raise BadBookmarks("'bookmarks' must be a list of [[bookmarks]] tables")
    found: dict[str, Bookmark] = {}
    for n, item in enumerate(raw, 1):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("city_id"), str)
            or not item["city_id"]
        ):
            raise BadBookmarks(f"bookmark {n} has no city_id")
        lists = item.get("lists", [])
        if not isinstance(lists, list) or not all(isinstance(x, str) for x in lists):
            raise BadBookmarks(f"bookmark {n} ({item['city_id']}): 'lists' must be a list of names")
        for key in ("name", "note", "added"):
            if not isinstance(item.get(key, ""), str):
                raise BadBookmarks(f"bookmark {n} ({item['city_id']}): {key!r} must be text")
        found[item["city_id"]] = Bookmark(
            item["city_id"],
            item.get("name") or item["city_id"],
            item.get("note", ""),
            tuple(dict.fromkeys(lists)),
            item.get("added", ""),
        )
    return found


Change = Callable[[dict[str, Bookmark]], None]


@dataclass
class Bookmarks:
    """The bookmarks file, loaded; call `add`, `remove`, `set_note`, `set_lists` to change it."""

    path: Path = field(default_factory=paths.bookmarks_file)
    items: dict[str, Bookmark] = field(default_factory=dict)
    warnings: list[str] = field(
        default_factory=list
    )  # things the user must be told (corrupt file, …)
    unsaved: list[Change] = field(
        default_factory=list
    )  # changes the folder refused; retried next time

    # the file as last read or written (mtime, size, inode): another session's write changes it
    seen: tuple[int, int, int] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Bookmarks:
        store = cls(path or paths.bookmarks_file())
        store.seen = store._signature()
        store.items = store._read()
        return store

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None  # no file yet (or unreadable: _read says why)
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def refresh(self) -> bool:
        """Re-read the file if another session (a terminal, a browser tab, a script) wrote it
        since; True when what we hold changed. Changes this session could not save stay."""
        now = self._signature()
        if now == self.seen or self.unsaved:
            return False
        self.seen = now
        items = self._read()
        if items == self.items:
            return False
        self.items = items
        return True

    def _read(self) -> dict[str, Bookmark]:
        result = tomlfile.read(self.path)
        if result.warning:
            self.warnings.append(result.warning)
        try:
            return _parse(result.data)
        except BadBookmarks as exc:
            self.warnings.append(
                tomlfile.set_aside(self.path, f"is not a bookmarks file we understand ({exc})")
            )
            return {}

    # -- reading ------------------------------------------------------------------------------
    def __contains__(self, city_id: object) -> bool:
        return city_id in self.items

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Bookmark]:
        return iter(sorted(self.items.values(), key=lambda b: b.added))

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.items)

    @property
    def list_names(self) -> list[str]:
        return sorted({name for b in self.items.values() for name in b.lists}, key=str.casefold)

    def find_list(self, name: str) -> str | None:
        """The watchlist called `name` whatever its case, as it is stored ("Asia hubs" for
        "asia hubs"); None when there is none."""
        return _spelled(self.items, name) if _has_list(self.items, name) else None

    def in_list(self, name: str | None) -> list[Bookmark]:
        """The bookmarks on watchlist `name` (matched whatever its case), or all for None."""
        wanted = None if name is None else name.casefold()
        return [b for b in self if wanted is None or wanted in {x.casefold() for x in b.lists}]

    # -- changing -----------------------------------------------------------------------------
    def add(
        self, city_id: str, name: str, note: str | None = None, list_name: str | None = None
    ) -> Bookmark:
        """Bookmark a city (again: adds the list and replaces the note if given). Raises SaveError."""
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S")

        def change(items: dict[str, Bookmark]) -> None:
            old = items.get(city_id) or Bookmark(city_id, name, added=stamp)
            lists = _lists(items, (*old.lists, *((list_name,) if list_name else ())))
            items[city_id] = replace(
                old, name=name or old.name, note=old.note if note is None else note, lists=lists
            )

        self._commit(change)
        return self.items[city_id]

    def remove(self, city_id: str) -> None:
        self._commit(lambda items: _discard(items, city_id))

    def set_note(self, city_id: str, note: str) -> None:
        self._commit(lambda items: _update(items, city_id, note=note))

    def set_lists(self, city_id: str, lists: tuple[str, ...]) -> None:
        self._commit(lambda items: _update(items, city_id, lists=_lists(items, lists, city_id)))

    def _commit(self, change: Change) -> None:
        """Apply `change` to the file as it is now; on failure apply it in memory and raise SaveError."""
        pending = [*self.unsaved, change]
        try:
            with _locked(self.path):
                before = len(self.warnings)
                items = self._read()
                if len(self.warnings) > before:
                    items = {
                        **self.items,
                        **items,
                    }  # the file was broken and set aside: keep what we showed
                for step in pending:
                    step(items)
                tomlfile.write(
                    self.path,
                    {
                        "bookmarks": [
                            b.to_dict() for b in sorted(items.values(), key=lambda b: b.added)
                        ]
                    },
                )
        except SaveError:
            change(self.items)
            self.unsaved = pending
            raise
        self.items = items
        self.unsaved = []
        self.seen = self._signature()


def _has_list(items: dict[str, Bookmark], name: str, but: str | None = None) -> bool:
    wanted = name.casefold()
    return any(x.casefold() == wanted for b in items.values() if b.city_id != but for x in b.lists)


def _spelled(items: dict[str, Bookmark], name: str, but: str | None = None) -> str:
    """`name` as an existing watchlist spells it (case aside), else as given: one list, not
    "Asia hubs" and "asia hubs" side by side. `but`: the bookmark being changed is not asked."""
    wanted = name.casefold()
    found = (x for b in items.values() if b.city_id != but for x in b.lists)
    return next((x for x in found if x.casefold() == wanted), name)


def _lists(
    items: dict[str, Bookmark], names: Iterable[str], but: str | None = None
) -> tuple[str, ...]:
    """Watchlist names, each as already spelled elsewhere, once each whatever its case."""
    kept: dict[str, str] = {}
    for name in names:
        if name:
            kept.setdefault(name.casefold(), _spelled(items, name, but))
    return tuple(kept.values())


def _discard(items: dict[str, Bookmark], city_id: str) -> None:
    items.pop(city_id, None)


def _update(items: dict[str, Bookmark], city_id: str, **changes: Any) -> None:
    if city_id in items:
        items[city_id] = replace(items[city_id], **changes)


def _locked(path: Path) -> AbstractContextManager[None]:
    """An exclusive lock on `<file>.lock` beside the file, shared by every process using it."""
    return locked(path, "bookmarks", LOCK_TIMEOUT)
