"""Errors the domain raises: each carries one line a person can act on."""

from __future__ import annotations

from collections.abc import Iterable


class CityRankError(Exception):
    """Base class: the message is shown to the user as it is."""


class DataError(CityRankError):
    """A data file is missing, unreadable or does not have the expected columns."""


class UsageError(CityRankError):
    """The user asked for something that does not exist or does not apply."""

    @classmethod
    def unknown(cls, what: str, value: str, choices: Iterable[str]) -> UsageError:
        listed = ", ".join(sorted(set(choices), key=str.casefold)) or "(none)"
        return cls(f"unknown {what} {value!r}; choose one of: {listed}")
