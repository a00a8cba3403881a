"""Bump the graph version whenever graph data changes, so every process rebuilds its cached graph."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models

GRAPH_ENTITIES = (
    models.Skill, models.SkillRelation, models.Role, models.RoleSkill, models.Task,
    models.TaskSkill, models.Course, models.CourseTeaches, models.CourseRequires,
)


def bump_graph_version(session: Session) -> None:
    """Mark the graph as changed; callers that write with bulk statements call this themselves."""
    state = session.get(models.GraphState, 1)
    if state is None:
        session.add(models.GraphState(id=1, version=1))
    else:
        # A SQL expression, so concurrent writers never lose each other's increment.
        state.version = models.GraphState.version + 1  # type: ignore[assignment]


def graph_version(session: Session) -> int:
    """The current graph version (0 for a database nobody has written to)."""
    version = session.scalar(select(models.GraphState.version).where(models.GraphState.id == 1))
    return version or 0


def _touches_graph(session: Session) -> bool:
    changed = list(session.new) + list(session.deleted)
    changed += [obj for obj in session.dirty if session.is_modified(obj)]
    return any(isinstance(obj, GRAPH_ENTITIES) for obj in changed)


def before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """Session listener: bump the version once per flush that changes graph entities."""
    if _touches_graph(session):
        session.info["graph_changed"] = True
        bump_graph_version(session)
