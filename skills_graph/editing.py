"""Edits of the skills graph by L&D, guarded by optimistic concurrency.

Every edited entity carries a ``version``. An edit states the version it was loaded at; if the
stored one moved on, :class:`VersionConflict` is raised instead of overwriting someone's save.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from skills_graph import models as m
from skills_graph.errors import SkillsGraphError

Versioned = TypeVar("Versioned", m.Role, m.Task, m.Skill, m.Course, m.Assignment)
Levels = Mapping[m.Skill, tuple[int, float]]
"""Wanted requirements: skill -> (level, importance); importance is ignored where not stored."""


class VersionConflict(SkillsGraphError):
    """Someone saved the entity after the editor loaded it."""

    def __init__(self, entity: Any, submitted: int) -> None:
        self.entity = entity
        self.submitted = submitted
        super().__init__(f"{entity.key if hasattr(entity, 'key') else entity.id} was changed "
                         f"by someone else (version {entity.version}, you edited {submitted})")


def check_version(entity: Versioned, submitted: int) -> None:
    """VersionConflict unless the stored version is the one the editor loaded."""
    if entity.version != submitted:
        raise VersionConflict(entity, submitted)


def apply_values(entity: Any, values: Mapping[str, Any]) -> bool:
    """Set changed attributes; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(entity, name) != value:
            setattr(entity, name, value)
            changed = True
    return changed


def sync_levels(current: list[Any], wanted: Levels, make: Callable[[m.Skill, int, float], Any],
                importance: bool) -> bool:
    """Make a requirement-like collection match ``wanted`` in place; True when it changed.

    Rows are updated rather than replaced, so the (owner, skill) unique constraints never see
    a new row beside the old one.
    """
    by_skill = {skill.id: (skill, level, weight) for skill, (level, weight) in wanted.items()}
    changed = False
    for item in list(current):
        if item.skill_id not in by_skill:
            current.remove(item)
            changed = True
            continue
        _skill, level, weight = by_skill.pop(item.skill_id)
        values: dict[str, Any] = {"level": level} | ({"importance": weight} if importance else {})
        changed |= apply_values(item, values)
    for skill, level, weight in by_skill.values():
        current.append(make(skill, level, weight))
        changed = True
    return changed


def touch(entity: Any, attribute: str) -> None:
    """Count a change of the entity's collections as a new version of the entity itself."""
    flag_modified(entity, attribute)


def set_role_requirements(role: m.Role, wanted: Levels) -> bool:
    """Make the role's own skill requirements ``wanted``; True when they changed."""
    return sync_levels(role.requirements, wanted,
                       lambda s, lv, w: m.RoleSkill(skill=s, level=lv, importance=w), True)


def set_course_skills(course: m.Course, teaches: Levels, requires: Levels) -> bool:
    """Make what the course teaches and what it needs first match; True when they changed."""
    changed = sync_levels(course.teaches, teaches,
                          lambda s, lv, _w: m.CourseTeaches(skill=s, level=lv), False)
    changed |= sync_levels(course.requires, requires,
                           lambda s, lv, _w: m.CourseRequires(skill=s, level=lv), False)
    return changed


def slug(text: str) -> str:
    """A key-friendly slug of a title.

    >>> slug("AI trainer – claims (EU)")
    'ai-trainer-claims-eu'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


def new_key(session: Session, model: type[Versioned], prefix: str, title: str) -> str:
    """An unused key ``prefix:slug-of-title`` (with a number appended if it is taken)."""
    base = f"{prefix}:{slug(title)}"
    column = getattr(model, "key")  # noqa: B009  (every model given here has a key)
    taken = set(session.scalars(select(column).where(column.like(f"{base}%"))))
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def add_task(session: Session, role: m.Role, statement: str, share: float) -> m.Task:
    """A new task at the end of the role's list, classed human-led until someone says otherwise."""
    position = max((t.position for t in role.tasks), default=0) + 1
    key = new_key(session, m.Task, "task", f"{role.key.split(':', 1)[-1]}-{position}")
    task = m.Task(key=key, position=position, statement=statement, share=share,
                  exposure_class=m.ExposureClass.HUMAN_LED.value, exposure_score=0.0,
                  exposure_source=m.ExposureSource.UNCLASSIFIED.value)
    role.tasks.append(task)
    return task
