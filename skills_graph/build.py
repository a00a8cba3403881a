"""Build the NetworkX skills graph from the database, once per process and again when data changes."""

from __future__ import annotations

import threading

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.versioning import graph_version


def build_graph(session: Session) -> nx.DiGraph:
    """Read roles, tasks, skills and courses with a few bulk queries into a typed graph."""
    G = nx.DiGraph()
    _add_nodes(session, G)
    _add_edges(session, G)
    return G


def _add_nodes(session: Session, G: nx.DiGraph) -> None:
    G.add_nodes_from(
        (key, {"type": "skill", "name": name, "category": category})
        for key, name, category in session.execute(select(m.Skill.key, m.Skill.name, m.Skill.category))
    )
    G.add_nodes_from(
        (key, {"type": "role", "title": title, "kind": kind, "archetype": archetype,
               "department": department})
        for key, title, kind, archetype, department in session.execute(
            select(m.Role.key, m.Role.title, m.Role.kind, m.Role.archetype, m.Role.department)
        )
    )
    G.add_nodes_from(
        (key, {"type": "course", "title": title, "hours": hours, "cost": cost, "provider": provider})
        for key, title, hours, cost, provider in session.execute(
            select(m.Course.key, m.Course.title, m.Course.hours, m.Course.cost, m.Course.provider)
        )
    )
    rows = session.execute(
        select(m.Task.key, m.Task.statement, m.Task.position, m.Task.exposure_class,
               m.Task.exposure_source, m.Task.p_automate, m.Task.p_augment, m.Task.p_human_led,
               m.Task.share, m.Role.key).join(m.Role)
    )
    for key, statement, position, exposure, source, p_a, p_g, p_h, share, role in rows:
        G.add_node(key, type="task", statement=statement, position=position,
                   exposure_class=exposure, exposure_source=source,
                   probabilities=(p_a, p_g, p_h) if p_a is not None else None)
        G.add_edge(role, key, rel="performs", share=share)


def _add_edges(session: Session, G: nx.DiGraph) -> None:
    role_reqs = session.execute(
        select(m.Role.key, m.Skill.key, m.RoleSkill.level, m.RoleSkill.importance)
        .join(m.Role, m.RoleSkill.role_id == m.Role.id).join(m.Skill, m.RoleSkill.skill_id == m.Skill.id)
    )
    G.add_edges_from(
        (role, skill, {"rel": "requires", "level": level, "importance": importance})
        for role, skill, level, importance in role_reqs
    )
    for model, owner, rel, reverse in (
        (m.TaskSkill, m.Task, "requires", False),
        (m.CourseTeaches, m.Course, "teaches", False),
        (m.CourseRequires, m.Course, "prerequisite", True),
    ):
        rows = session.execute(
            select(owner.key, m.Skill.key, model.level)
            .join(owner, model.__table__.c[f"{owner.__tablename__}_id"] == owner.id)
            .join(m.Skill, model.skill_id == m.Skill.id)
        )
        G.add_edges_from(
            ((skill, source, {"rel": rel, "level": level}) if reverse
             else (source, skill, {"rel": rel, "level": level}))
            for source, skill, level in rows
        )


class GraphCache:
    """Holds one built graph per process and rebuilds it when the stored graph version moves."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None
        self._graph: nx.DiGraph | None = None
        self.builds = 0

    def get(self, session: Session) -> nx.DiGraph:
        """The graph for the database ``session`` reads, rebuilt only if the data changed."""
        version = graph_version(session)
        with self._lock:
            if self._graph is None or version != self._version:
                self._graph = build_graph(session)
                self._version = version
                self.builds += 1
            return self._graph

    @property
    def version(self) -> int | None:
        """The graph version of the cached graph, or None before the first build."""
        return self._version
