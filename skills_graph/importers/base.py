"""What every importer shares: row errors that name file, line and column, the import summary,
reading a delimited file through a declared row schema, and bumping the graph version.

Importers validate everything first and raise :class:`ImportDataError` before writing anything,
unless the caller asked to skip invalid rows; the caller owns the transaction.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Generic
from typing import TypeVar

from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import ValidationError
from tqdm import tqdm

from skills_graph.errors import SkillsGraphError

Row = TypeVar("Row", bound=BaseModel)
OUTCOMES = ("created", "updated", "unchanged", "removed")


class SourceRow(BaseModel):
    """Base of the declared row shapes: columns are matched by their header name (the alias)."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)


@dataclass(frozen=True)
class RowError:
    """One rejected row: where it is and what was wrong with it."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, column {self.column!r}: {self.message}"


class ImportDataError(SkillsGraphError, ValueError):
    """Input that does not validate; nothing was written. ``errors`` lists every bad row."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        more = f" (and {len(errors) - 1} more bad rows)" if len(errors) > 1 else ""
        super().__init__(f"{errors[0]}{more}")


@dataclass
class ImportSummary:
    """Counts per kind of entity, the rows rejected, notes for the user, and the free-text
    names (e.g. a course's skills) that could not be linked, with how often each occurred."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    rejected: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unlinked: dict[str, int] = field(default_factory=dict)

    def record(self, kind: str, outcome: str, number: int = 1) -> None:
        entry = self.counts.setdefault(kind, dict.fromkeys(OUTCOMES, 0))
        entry[outcome] += number

    def changed(self) -> bool:
        """Whether anything was created, updated or removed."""
        return any(c["created"] or c["updated"] or c["removed"] for c in self.counts.values())

    def lines(self) -> list[str]:
        """The summary as printable lines."""
        out = [
            f"{kind:>16}: " + ", ".join(f"{c[o]} {o}" for o in OUTCOMES if o != "removed" or c[o])
            for kind, c in self.counts.items()
        ]
        out.append(f"{'rejected rows':>16}: {len(self.rejected)}")
        out += [f"  rejected: {error}" for error in self.rejected]
        return out + self.notes


class Rejects:
    """Collects bad rows; at the end either raises (the default) or keeps them in the summary."""

    def __init__(self, skip_invalid: bool) -> None:
        self.skip_invalid = skip_invalid
        self.errors: list[RowError] = []

    def add(self, file: str, line: int, column: str, message: str) -> None:
        self.errors.append(RowError(file, line, column, message))

    def settle(self, summary: ImportSummary) -> None:
        """Raise if there were bad rows and they may not be skipped; else list them."""
        if self.errors and not self.skip_invalid:
            raise ImportDataError(self.errors)
        summary.rejected.extend(self.errors)


def _aliases(schema: type[BaseModel], required_only: bool) -> list[str]:
    return [
        info.alias or name
        for name, info in schema.model_fields.items()
        if info.is_required() or not required_only
    ]


def _describe(error: ValidationError, schema: type[BaseModel]) -> tuple[str, str]:
    first = error.errors()[0]
    column = str(first["loc"][0]) if first["loc"] else _aliases(schema, True)[0]
    value = first.get("input")
    shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
    return column, f"{first['msg']}{shown}"


@dataclass
class Table(Generic[Row]):
    """A delimited file read through a row schema: ``(line, row)`` pairs of the valid rows."""

    path: Path
    schema: type[Row]
    delimiter: str = ","
    progress: bool = False

    def rows(self, rejects: Rejects) -> Iterator[tuple[int, Row]]:
        # O*NET's tab-delimited text has no quoting: a quote is part of the text.
        tabs = self.delimiter == "\t"
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter=self.delimiter, restval="",
                                    quoting=csv.QUOTE_NONE if tabs else csv.QUOTE_MINIMAL)
            if not self._header_ok(reader.fieldnames or [], rejects):
                return
            line = 1
            for record in tqdm(reader, desc=self.path.name, unit=" rows", file=sys.stderr,
                               disable=not self.progress, leave=False):
                start, line = line + 1, reader.line_num
                try:
                    yield start, self.schema.model_validate(record)
                except ValidationError as exc:
                    rejects.add(self.path.name, start, *_describe(exc, self.schema))

    def _header_ok(self, header: Sequence[str], rejects: Rejects) -> bool:
        missing = [name for name in _aliases(self.schema, True) if name not in header]
        for name in missing:
            rejects.add(self.path.name, 1, name, "the header has no such column")
        return not missing
