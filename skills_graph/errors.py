"""The small exception hierarchy of the skills graph."""

from __future__ import annotations


class SkillsGraphError(Exception):
    """Base class of errors a user can cause with bad data."""


class UnknownKeyError(SkillsGraphError, LookupError):
    """A key (role, skill, course, employee) that is not in the database."""

    def __init__(self, kind: str, key: str, suggestions: list[str] | None = None) -> None:
        self.kind = kind
        self.key = key
        self.suggestions = suggestions or []
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {key!r}{hint}")


class SeedDataError(SkillsGraphError, ValueError):
    """An entry of a seed file that does not validate; the message names file, entry and field."""
