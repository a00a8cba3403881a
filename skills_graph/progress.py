"""Changes an employee makes to their own plan: chosen target, course progress, skill levels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from skills_graph import models as m

PROGRESS_STATUSES = ("planned", "in-progress", "done")


def choose_target(session: Session, employee: m.Employee, role: m.Role | None) -> None:
    """Record the target role the employee picked (None clears it)."""
    employee.target_role = role


def record_progress(session: Session, employee: m.Employee, course: m.Course, status: str) -> int:
    """Set the employee's status on ``course``; finishing it raises the skills it teaches.

    Returns how many skill levels went up. Levels are never lowered, so a course below what
    the person already has changes nothing.
    """
    if status not in PROGRESS_STATUSES:
        raise ValueError(f"status must be one of {', '.join(PROGRESS_STATUSES)}, got {status!r}")
    entry = next((p for p in employee.progress if p.course_id == course.id), None)
    if entry is None:
        entry = m.CourseProgress(course=course, status=status)
        employee.progress.append(entry)
    entry.status = status
    entry.updated_at = m.utcnow()
    return _apply_completion(employee, course) if status == "done" else 0


def _apply_completion(employee: m.Employee, course: m.Course) -> int:
    have = {item.skill_id: item for item in employee.skills}
    raised = 0
    for taught in course.teaches:
        item = have.get(taught.skill_id)
        if item is None:
            employee.skills.append(m.EmployeeSkill(
                skill=taught.skill, level=taught.level, source="course", assessed_on=dt.date.today()))
            raised += 1
        elif item.level < taught.level:
            item.level, item.source, item.assessed_on = taught.level, "course", dt.date.today()
            raised += 1
    return raised


def assess_skills(session: Session, employee: m.Employee, levels: Mapping[m.Skill, int]) -> int:
    """Record the levels the employee gives themself (source ``self``); returns how many changed.

    Unlike finishing a course, a self-assessment may also lower a level.
    """
    have = {item.skill_id: item for item in employee.skills}
    changed = 0
    for skill, level in levels.items():
        if not 0 <= level <= 5:
            raise ValueError(f"level for {skill.key} must be 0-5, got {level}")
        item = have.get(skill.id)
        if item is None:
            if level == 0:
                continue
            employee.skills.append(m.EmployeeSkill(
                skill=skill, level=level, source="self", assessed_on=dt.date.today()))
        elif item.level != level:
            item.level, item.source, item.assessed_on = level, "self", dt.date.today()
        else:
            continue
        changed += 1
    return changed
