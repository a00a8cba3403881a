"""Courses managers assign to the people in their team, with a due date and a status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from skills_graph import models as m

ASSIGNMENT_STATUSES = ("assigned", "in-progress", "done", "cancelled")


def assign_course(session: Session, employee: m.Employee, course: m.Course,
                  assigned_by: m.Employee | None, due_date: dt.date | None,
                  notes: str = "") -> m.Assignment:
    """Record that ``assigned_by`` asked ``employee`` to take ``course`` by ``due_date``."""
    assignment = m.Assignment(employee=employee, course=course, assigned_by=assigned_by,
                              due_date=due_date, notes=notes.strip())
    session.add(assignment)
    return assignment


def set_assignment_status(assignment: m.Assignment, status: str) -> None:
    """Move an assignment to ``status``; ValueError naming an unknown status."""
    if status not in ASSIGNMENT_STATUSES:
        raise ValueError(f"status must be one of {', '.join(ASSIGNMENT_STATUSES)}, got {status!r}")
    assignment.status = status


def assignments_of(session: Session, employee_ids: Iterable[int]) -> list[m.Assignment]:
    """The assignments of these employees, open ones first, then by due date."""
    rows = session.scalars(
        select(m.Assignment).where(m.Assignment.employee_id.in_(list(employee_ids)))
        .options(selectinload(m.Assignment.course), selectinload(m.Assignment.employee))
        .order_by(m.Assignment.due_date, m.Assignment.id))
    open_first = sorted(rows, key=lambda a: a.status in ("done", "cancelled"))
    return open_first


def open_assignment(session: Session, employee: m.Employee, course: m.Course) -> m.Assignment | None:
    """The assignment of ``course`` to ``employee`` that is still open (assigned or in progress)."""
    return session.scalar(select(m.Assignment).where(
        m.Assignment.employee_id == employee.id, m.Assignment.course_id == course.id,
        m.Assignment.status.in_(("assigned", "in-progress"))))
