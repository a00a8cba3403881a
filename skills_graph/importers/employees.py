"""Import employees from an HRIS export (CSV).

Columns: ``employee_id``, ``name``, ``email`` (required); ``role`` (a role key such as
``onet:15-1252.00``, or a role's exact title), ``manager_id`` (another employee's id, in this file
— before or after — or already imported), ``hours_per_week``; and one column per skill,
headed ``skill:<skill key>`` (e.g. ``skill:onet:2.A.1.a``; a seed key such as ``skill:sql`` may be
used as it is), holding a level 0-5 or its name (``none`` ... ``expert``); empty cells say
nothing. Employees get the key ``emp:<employee_id slug>``.

Unknown roles, managers and skills are errors on their row (or header), never invented. An
optional column the export lacks leaves the stored value alone. Skill levels are recorded with
source ``hris``; skills the file does not mention are kept.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.importers.base import ImportSummary
from skills_graph.importers.base import Rejects
from skills_graph.importers.base import Table
from skills_graph.importers.people import EmployeeRow
from skills_graph.importers.people import Person
from skills_graph.importers.people import check_people
from skills_graph.importers.people import employee_key
from skills_graph.importers.people import write_people
from skills_graph.importers.write import sync_rows
from skills_graph.versioning import bump_graph_version

SKILL_PREFIX = "skill:"
SOURCE = "hris"


def _level(cell: str) -> int:
    text = cell.strip().lower()
    if text in m.PROFICIENCY:
        return m.PROFICIENCY.index(text)
    if text.isdigit() and 0 <= int(text) <= 5:
        return int(text)
    raise ValueError(f"level must be 0-5 or one of {', '.join(m.PROFICIENCY)} (got {cell!r})")


class _Resolver:
    """Looks up roles, skills and managers for the rows of one file."""

    def __init__(self, session: Session, path: Path, rejects: Rejects) -> None:
        self.path, self.rejects = path, rejects
        self.role_keys = dict(session.execute(select(m.Role.key, m.Role.id)).all())
        self.titles: dict[str, list[int]] = {}
        for title, ident in session.execute(select(m.Role.title, m.Role.id)):
            self.titles.setdefault(title.casefold(), []).append(ident)
        self.skills = dict(session.execute(select(m.Skill.key, m.Skill.id)).all())

    def skill_columns(self, header: list[str]) -> dict[str, int]:
        columns = {}
        for column in (c for c in header if c.startswith(SKILL_PREFIX)):
            ident = self.skills.get(column.removeprefix(SKILL_PREFIX), self.skills.get(column))
            if ident is None:
                self.rejects.add(self.path.name, 1, column, "no skill has this key")
            else:
                columns[column] = ident
        return columns

    def role(self, line: int, row: EmployeeRow) -> tuple[bool, int | None]:
        if not row.role:
            return True, None
        found = self.role_keys.get(row.role)
        by_title = self.titles.get(row.role.casefold(), [])
        if found is None and len(by_title) == 1:
            found = by_title[0]
        if found is None:
            problem = "several roles have this title; use the role's key" if by_title else \
                "unknown role (give a role key or an exact title)"
            self.rejects.add(self.path.name, line, "role", f"{problem}: {row.role!r}")
        return found is not None, found

    def levels(self, line: int, row: EmployeeRow, columns: dict[str, int]) -> dict[int, int] | None:
        levels, ok = {}, True
        cells = row.model_extra or {}
        for column, skill_id in columns.items():
            cell = str(cells.get(column) or "")
            if not cell.strip():
                continue
            try:
                levels[skill_id] = _level(cell)
            except ValueError as exc:
                self.rejects.add(self.path.name, line, column, str(exc))
                ok = False
        return levels if ok else None


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def read_employees(
    session: Session, path: Path, rejects: Rejects, progress: bool = False
) -> list[Person]:
    """Valid rows with their role and skill levels resolved; bad rows go to ``rejects``."""
    resolver = _Resolver(session, path, rejects)
    columns = resolver.skill_columns(_header(path))
    people = []
    for line, row in Table(path, EmployeeRow, progress=progress).rows(rejects):
        known, role_id = resolver.role(line, row)
        levels = resolver.levels(line, row, columns)
        if known and levels is not None:
            people.append(Person(line, employee_key(row.employee_id), row, role_id, levels))
    return people


def import_employees(
    session: Session, path: Path, *, skip_invalid: bool = False, progress: bool = False
) -> ImportSummary:
    """Validate the HRIS export at ``path``, then upsert its employees; the caller commits."""
    rejects = Rejects(skip_invalid)
    people = check_people(session, path.name, read_employees(session, path, rejects, progress),
                          rejects)
    summary = ImportSummary()
    rejects.settle(summary)
    ids = write_people(session, people, _header(path), summary)
    levels = {
        (ids[person.key], skill): {"level": level, "source": SOURCE}
        for person in people for skill, level in person.levels.items()
    }
    sync_rows(session, m.EmployeeSkill, ("employee_id", "skill_id"), levels,
              ("employee_id", list(ids.values())), summary, "employee skills", prune=False)
    if summary.changed():  # people are not in the skills graph, but cached pages show them
        bump_graph_version(session, graph=False)
    return summary
