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


def bump_graph_version(session: Session, graph: bool = True) -> None:
    """Mark the data (and, with ``graph``, the skills graph) as changed; callers that write with
    bulk statements call this themselves."""
    state = session.get(models.GraphState, 1)
    if state is None:
        session.add(models.GraphState(id=1, version=int(graph), data_version=1))
        return
    # SQL expressions, so concurrent writers never lose each other's increment.
    state.data_version = models.GraphState.data_version + 1  # type: ignore[assignment]
    if graph:
        state.version = models.GraphState.version + 1  # type: ignore[assignment]


def data_version(session: Session) -> int:
    """A number that moves whenever anything in the database changes through a session."""
    version = session.scalar(select(models.GraphState.data_version).where(models.GraphState.id == 1))
    return version or 0


def graph_version(session: Session) -> int:
    """The current graph version (0 for a database nobody has written to)."""
    version = session.scalar(select(models.GraphState.version).where(models.GraphState.id == 1))
    return version or 0


def _changed(session: Session) -> list[object]:
    changed = list(session.new) + list(session.deleted)
    changed += [obj for obj in session.dirty if session.is_modified(obj)]
    return [obj for obj in changed if not isinstance(obj, models.GraphState)]


def before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """Session listener: bump the versions once per flush that changes anything."""
    changed = _changed(session)
    if changed:
        bump_graph_version(session, graph=any(isinstance(obj, GRAPH_ENTITIES) for obj in changed))
