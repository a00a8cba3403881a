"""Checking and writing the people of an HRIS export: unique ids and emails, managers that
exist (in the file, before or after, or in the database), then a bulk upsert in two steps so
that a manager listed later in the file can still be linked.
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ConfigDict
from pydantic import Field
from pydantic import field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.importers.base import ImportSummary
from skills_graph.importers.base import Rejects
from skills_graph.importers.base import SourceRow
from skills_graph.importers.slugs import slug
from skills_graph.importers.write import insert_rows
from skills_graph.importers.write import key_ids
from skills_graph.importers.write import table_of
from skills_graph.importers.write import update_rows

DEFAULT_HOURS_PER_WEEK = 4.0


class EmployeeRow(SourceRow):
    """A row of the export; skill columns stay in ``model_extra``."""

    model_config = ConfigDict(extra="allow")

    employee_id: str = Field(min_length=1, max_length=150)
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$", max_length=320)
    role: str = ""
    manager_id: str = ""
    hours_per_week: float = Field(default=DEFAULT_HOURS_PER_WEEK, gt=0, le=60)

    @field_validator("hours_per_week", mode="before")
    @classmethod
    def _blank_is_default(cls, value: object) -> object:
        return DEFAULT_HOURS_PER_WEEK if value == "" else value


@dataclass
class Person:
    """A valid row with its key, role and skill levels (skill id -> level) resolved."""

    line: int
    key: str
    row: EmployeeRow
    role_id: int | None
    levels: dict[int, int]

    @property
    def manager_key(self) -> str | None:
        return employee_key(self.row.manager_id) if self.row.manager_id else None


def employee_key(employee_id: str) -> str:
    """Our key for an HRIS employee id: ``emp:<slug>``."""
    return f"emp:{slug(employee_id, 190)}"


def check_people(
    session: Session, file: str, people: list[Person], rejects: Rejects
) -> list[Person]:
    """The people whose ids and emails are unique and whose manager exists."""
    stored_emails = dict(session.execute(select(m.Employee.email, m.Employee.key)).all())
    seen_keys: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    valid = []
    for person in people:
        email = person.row.email.lower()
        if person.key in seen_keys:
            rejects.add(file, person.line, "employee_id",
                        f"{person.row.employee_id!r} already on line {seen_keys[person.key]}")
        elif email in seen_emails or stored_emails.get(person.row.email, person.key) != person.key:
            where = f"line {seen_emails[email]}" if email in seen_emails else "another employee"
            rejects.add(file, person.line, "email", f"{person.row.email!r} already used by {where}")
        else:
            seen_keys[person.key], seen_emails[email] = person.line, person.line
            valid.append(person)
    return _with_known_managers(session, file, valid, rejects)


def _with_known_managers(
    session: Session, file: str, people: list[Person], rejects: Rejects
) -> list[Person]:
    """Drop people whose manager is unknown, again until none is left (a dropped manager's
    reports lose their manager too)."""
    known = set(session.scalars(select(m.Employee.key))) | {p.key for p in people}
    while True:
        lost = [p for p in people if p.manager_key and (p.manager_key not in known
                                                         or p.manager_key == p.key)]
        if not lost:
            return people
        for person in lost:
            problem = "is the employee" if person.manager_key == person.key else "is not known"
            rejects.add(file, person.line, "manager_id",
                        f"manager {person.row.manager_id!r} {problem}")
            known.discard(person.key)
        people = [p for p in people if p not in lost]


OPTIONAL_COLUMNS = {"role": "role_id", "manager_id": "manager_id",
                    "hours_per_week": "hours_per_week"}
"""Export columns that may be missing; a missing one leaves the stored value alone."""


def _values(person: Person, ids: Mapping[str, int] | None) -> dict[str, Any]:
    """Columns of a person; without ``ids`` (before managers have one) no manager."""
    row = person.row
    manager = ids[person.manager_key] if ids is not None and person.manager_key else None
    return {"name": row.name, "email": row.email, "role_id": person.role_id,
            "hours_per_week": row.hours_per_week, "manager_id": manager}


def write_people(
    session: Session, people: list[Person], header: Collection[str], summary: ImportSummary
) -> dict[str, int]:
    """Insert new people without managers, then set every changed field of the columns the
    export has (``header``); key -> id."""
    table = table_of(m.Employee)
    names = ["name", "email"] + [c for h, c in OPTIONAL_COLUMNS.items() if h in header]
    stored = {row.key: row._mapping for row in session.execute(
        select(table.c.id, table.c.key, *(table.c[n] for n in names)))}
    fresh = {p.key: _values(p, None) for p in people if p.key not in stored}
    insert_rows(session, table, [{"key": key, **values} for key, values in fresh.items()])
    ids = key_ids(session, m.Employee)
    updates = []
    for person in people:
        wanted = {name: value for name, value in _values(person, ids).items() if name in names}
        old = stored.get(person.key) or fresh[person.key]
        changed = any(old[n] != wanted[n] for n in names)
        if changed:
            updates.append({"id": ids[person.key], **wanted})
        outcome = "created" if person.key in fresh else "updated" if changed else "unchanged"
        summary.record("employees", outcome)
    update_rows(session, table, updates)
    return {person.key: ids[person.key] for person in people}
