"""Queries on the typed skills graph (NetworkX), independent of the database.

Nodes are entity keys with a ``type`` attribute (``role``, ``task``, ``skill``, ``course``).
Edges carry a ``rel`` attribute:

- ``performs``: role -> task, with ``share`` (percent of working time);
- ``requires``: role -> skill and task -> skill, with ``level`` (and ``importance`` for roles);
- ``teaches``: course -> skill, with ``level``;
- ``prerequisite``: skill -> course, with ``level`` (the skill must be at that level first).

Examples
--------
>>> import networkx as nx
>>> G = nx.DiGraph()
>>> add_role(G, "role:clerk", title="Clerk", kind="current")
>>> add_skill(G, "skill:excel", name="Spreadsheets")
>>> G.add_edge("role:clerk", "skill:excel", rel="requires", level=3, importance=1.0)
>>> role_required_skills(G, "role:clerk")
{'skill:excel': (3, 1.0)}
"""

from __future__ import annotations

from collections import deque
from typing import Any

import networkx as nx

EXPOSURE_CLASSES = ("automate", "augment", "human-led")
TASK_SKILL_IMPORTANCE = 0.5
"""Importance given to a skill that only a role's tasks (not the role itself) require."""


class GraphQueryError(LookupError):
    """A node asked for is missing from the graph or is of another type."""


def add_role(G: nx.DiGraph, key: str, **attrs: Any) -> None:
    """Add a role node."""
    G.add_node(key, type="role", **attrs)


def add_skill(G: nx.DiGraph, key: str, **attrs: Any) -> None:
    """Add a skill node."""
    G.add_node(key, type="skill", **attrs)


def _node(G: nx.DiGraph, key: str, node_type: str) -> dict[str, Any]:
    if key not in G or G.nodes[key].get("type") != node_type:
        raise GraphQueryError(f"no {node_type} {key!r} in the skills graph")
    attrs: dict[str, Any] = G.nodes[key]
    return attrs


def nodes_of_type(G: nx.DiGraph, node_type: str) -> list[str]:
    """Keys of every node of ``node_type``, sorted."""
    return sorted(n for n, t in G.nodes(data="type") if t == node_type)


def _out(G: nx.DiGraph, key: str, rel: str) -> list[tuple[str, dict[str, Any]]]:
    return [(v, d) for _, v, d in G.out_edges(key, data=True) if d["rel"] == rel]


def role_tasks(G: nx.DiGraph, role: str) -> list[str]:
    """Task keys of ``role`` in their stored order."""
    _node(G, role, "role")
    tasks = [task for task, _ in _out(G, role, "performs")]
    return sorted(tasks, key=lambda t: G.nodes[t].get("position", 0))


def role_required_skills(G: nx.DiGraph, role: str) -> dict[str, tuple[int, float]]:
    """Skills a role needs, from its own requirements and its tasks', as ``{skill: (level, importance)}``.

    A skill required both ways takes the higher level and the role's own importance; a skill only
    its tasks require gets ``TASK_SKILL_IMPORTANCE``.
    """
    required = {skill: (d["level"], d.get("importance", 1.0)) for skill, d in _out(G, role, "requires")}
    for task in role_tasks(G, role):
        for skill, d in _out(G, task, "requires"):
            level, importance = required.get(skill, (0, TASK_SKILL_IMPORTANCE))
            required[skill] = (max(level, d["level"]), importance)
    return required


def role_exposure(G: nx.DiGraph, role: str) -> dict[str, float]:
    """Time-weighted shares (0-1) of automate / augment / human-led work in ``role``.

    >>> G = nx.DiGraph()
    >>> add_role(G, "role:a", title="A", kind="current")
    >>> G.add_node("task:1", type="task", exposure_class="automate", position=1)
    >>> G.add_node("task:2", type="task", exposure_class="human-led", position=2)
    >>> G.add_edge("role:a", "task:1", rel="performs", share=75)
    >>> G.add_edge("role:a", "task:2", rel="performs", share=25)
    >>> role_exposure(G, "role:a")
    {'automate': 0.75, 'augment': 0.0, 'human-led': 0.25}
    """
    shares = dict.fromkeys(EXPOSURE_CLASSES, 0.0)
    performs = _out(G, _role_checked(G, role), "performs")
    total = sum(d["share"] for _, d in performs)
    for task, d in performs:
        shares[G.nodes[task]["exposure_class"]] += d["share"] / total if total else 0.0
    return shares


def _role_checked(G: nx.DiGraph, role: str) -> str:
    _node(G, role, "role")
    return role


def courses_teaching(G: nx.DiGraph, skill: str, level: int = 1) -> list[tuple[str, int]]:
    """Courses that raise ``skill`` to at least ``level``, as ``(course, taught level)``, fewest hours first."""
    _node(G, skill, "skill")
    found = [
        (course, d["level"]) for course, _, d in G.in_edges(skill, data=True)
        if d["rel"] == "teaches" and d["level"] >= level
    ]
    return sorted(found, key=lambda item: (G.nodes[item[0]]["hours"], item[0]))


def course_requirements(G: nx.DiGraph, course: str) -> dict[str, int]:
    """Skill levels a course needs before it can be taken."""
    _node(G, course, "course")
    return {s: d["level"] for s, _, d in G.in_edges(course, data=True) if d["rel"] == "prerequisite"}


def course_teaches(G: nx.DiGraph, course: str) -> dict[str, int]:
    """Skill levels a course raises its learners to."""
    _node(G, course, "course")
    return {skill: d["level"] for skill, d in _out(G, course, "teaches")}


def prerequisite_closure(G: nx.DiGraph, course: str) -> set[str]:
    """Every course that can help meet ``course``'s prerequisites, directly or transitively.

    >>> G = nx.DiGraph()
    >>> for c in ("course:a", "course:b"):
    ...     G.add_node(c, type="course", hours=1)
    >>> add_skill(G, "skill:x", name="X")
    >>> G.add_edge("course:a", "skill:x", rel="teaches", level=2)
    >>> G.add_edge("skill:x", "course:b", rel="prerequisite", level=2)
    >>> prerequisite_closure(G, "course:b")
    {'course:a'}
    """
    seen: set[str] = set()
    queue = deque([course])
    while queue:
        for skill, level in course_requirements(G, queue.popleft()).items():
            for helper, _ in courses_teaching(G, skill, level):
                if helper not in seen and helper != course:
                    seen.add(helper)
                    queue.append(helper)
    return seen
