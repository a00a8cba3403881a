"""Reads of the database that the CLI and the site share; none of them commits."""

from __future__ import annotations

import difflib
from typing import Any
from typing import TypeVar

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from skills_graph import models as m
from skills_graph.errors import UnknownKeyError
from skills_graph.records import EmployeeProfile

Keyed = TypeVar("Keyed", m.Skill, m.Role, m.Course, m.Employee, m.Task)
KINDS: dict[type, str] = {m.Skill: "skill", m.Role: "role", m.Course: "course",
                          m.Employee: "employee", m.Task: "task"}
LABELS: dict[type, Any] = {m.Skill: m.Skill.name, m.Role: m.Role.title, m.Course: m.Course.title,
                              m.Employee: m.Employee.name, m.Task: m.Task.statement}


def get_by_key(session: Session, model: type[Keyed], key: str) -> Keyed:
    """The entity with ``key``, or UnknownKeyError listing close matches by key or name."""
    found = session.scalar(select(model).where(model.key == key))
    if found is None:
        raise UnknownKeyError(KINDS[model], key, suggest_keys(session, model, key))
    return found


def suggest_keys(session: Session, model: type[Keyed], typed: str, limit: int = 3) -> list[str]:
    """Keys that look like ``typed``: close spellings of a key, or names containing the words."""
    label = LABELS[model]
    words = [w for w in typed.split(":")[-1].replace("-", " ").split() if len(w) > 2]
    rows = session.execute(select(model.key, label)).all()  # type: ignore[call-overload]
    by_key = difflib.get_close_matches(typed, [k for k, _ in rows], n=limit, cutoff=0.6)
    lowered = typed.lower()
    by_name = [k for k, name in rows if lowered == str(name).lower()
               or (words and all(w.lower() in str(name).lower() for w in words))]
    return list(dict.fromkeys(by_key + by_name))[:limit]


def employee_profile(session: Session, employee: m.Employee) -> EmployeeProfile:
    """The plain record the recommender works on."""
    levels = {item.skill.key: item.level for item in employee.skills}
    return EmployeeProfile(
        key=employee.key, name=employee.name,
        role=employee.role.key if employee.role else None, levels=levels,
    )


def load_employee(session: Session, key: str) -> m.Employee:
    """An employee with their skills, role and manager loaded in one go."""
    stmt = (
        select(m.Employee).where(m.Employee.key == key)
        .options(selectinload(m.Employee.skills).selectinload(m.EmployeeSkill.skill),
                 selectinload(m.Employee.progress).selectinload(m.CourseProgress.course))
    )
    found = session.scalar(stmt)
    if found is None:
        raise UnknownKeyError("employee", key, suggest_keys(session, m.Employee, key))
    return found


def search_page(
    session: Session, model: type[Keyed], query: str = "", page: int = 1, per_page: int = 50,
    kind: str | None = None, only_ids: set[int] | None = None,
) -> tuple[list[Keyed], int]:
    """One page of entities whose key or name contains ``query`` (and whose id is in ``only_ids``
    when given), and the total count."""
    label = LABELS[model]
    stmt = select(model)
    if only_ids is not None:
        stmt = stmt.where(model.id.in_(only_ids))
    if query:
        pattern = f"%{query.lower()}%"
        stmt = stmt.where(or_(func.lower(label).like(pattern), func.lower(model.key).like(pattern)))
    if kind is not None and model is m.Role:
        stmt = stmt.where(m.Role.kind == kind)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(label).limit(per_page).offset((page - 1) * per_page))
    return list(rows), total


def all_profiles(session: Session) -> list[EmployeeProfile]:
    """Every employee as a recommender record, read with two queries (for whole-organisation runs)."""
    levels: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(m.EmployeeSkill.employee_id, m.Skill.key, m.EmployeeSkill.level)
        .join(m.Skill, m.EmployeeSkill.skill_id == m.Skill.id)
    )
    for employee_id, skill, level in rows:
        levels.setdefault(employee_id, {})[skill] = level
    people = session.execute(
        select(m.Employee.id, m.Employee.key, m.Employee.name, m.Role.key)
        .outerjoin(m.Role, m.Employee.role_id == m.Role.id).order_by(m.Employee.key)
    )
    return [EmployeeProfile(key=key, name=name, role=role, levels=levels.get(eid, {}))
            for eid, key, name, role in people]
