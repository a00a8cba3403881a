"""Graph queries on tiny literal graphs, and building the graph from the database."""

from __future__ import annotations

import networkx as nx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.build import GraphCache
from skills_graph.build import build_graph
from skills_graph.graph import GraphQueryError
from skills_graph.graph import courses_teaching
from skills_graph.graph import prerequisite_closure
from skills_graph.graph import role_exposure
from skills_graph.graph import role_required_skills


def tiny_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_node("role:r", type="role", title="R", kind="current")
    for skill in ("skill:a", "skill:b", "skill:c"):
        G.add_node(skill, type="skill", name=skill[-1].upper())
    G.add_node("task:1", type="task", exposure_class="automate", position=1)
    G.add_node("task:2", type="task", exposure_class="augment", position=2)
    G.add_node("task:3", type="task", exposure_class="human-led", position=3)
    for task, share in (("task:1", 50), ("task:2", 30), ("task:3", 20)):
        G.add_edge("role:r", task, rel="performs", share=share)
    G.add_edge("role:r", "skill:a", rel="requires", level=2, importance=0.9)
    G.add_edge("task:1", "skill:a", rel="requires", level=4)
    G.add_edge("task:3", "skill:b", rel="requires", level=3)
    for course, hours in (("course:x", 5), ("course:y", 3), ("course:z", 9)):
        G.add_node(course, type="course", title=course, hours=hours)
    G.add_edge("course:x", "skill:a", rel="teaches", level=4)
    G.add_edge("course:y", "skill:a", rel="teaches", level=2)
    G.add_edge("course:z", "skill:c", rel="teaches", level=3)
    G.add_edge("skill:a", "course:z", rel="prerequisite", level=3)
    return G


class TestQueries:
    def test_required_skills_merge_role_and_task_requirements(self) -> None:
        assert role_required_skills(tiny_graph(), "role:r") == {"skill:a": (4, 0.9), "skill:b": (3, 0.5)}

    def test_exposure_is_time_weighted(self) -> None:
        assert role_exposure(tiny_graph(), "role:r") == pytest.approx(
            {"automate": 0.5, "augment": 0.3, "human-led": 0.2})

    def test_courses_teaching_filters_by_level_and_sorts_by_hours(self) -> None:
        G = tiny_graph()
        assert courses_teaching(G, "skill:a") == [("course:y", 2), ("course:x", 4)]
        assert courses_teaching(G, "skill:a", level=3) == [("course:x", 4)]

    def test_prerequisite_closure_follows_only_sufficient_courses(self) -> None:
        assert prerequisite_closure(tiny_graph(), "course:z") == {"course:x"}
        assert prerequisite_closure(tiny_graph(), "course:x") == set()

    def test_unknown_node_is_a_clear_error(self) -> None:
        with pytest.raises(GraphQueryError, match="no role 'role:nope'"):
            role_exposure(tiny_graph(), "role:nope")


class TestBuild:
    def test_graph_from_database_has_typed_nodes_and_edges(self, tiny_session: Session) -> None:
        G = build_graph(tiny_session)
        kinds = nx.get_node_attributes(G, "type")
        assert sorted(k for k, t in kinds.items() if t == "role") == [
            "role:ai-trainer", "role:client-relations-manager", "role:payroll-clerk"]
        assert G.edges["course:prompting-lab", "skill:prompt-design"] == {"rel": "teaches", "level": 3}
        assert G.edges["skill:prompt-design", "course:prompting-lab"] == {"rel": "prerequisite", "level": 2}
        assert role_exposure(G, "role:payroll-clerk") == pytest.approx(
            {"automate": 0.6, "augment": 0.0, "human-led": 0.4})

    def test_cache_rebuilds_only_after_a_change(self, tiny_session: Session) -> None:
        cache = GraphCache()
        first = cache.get(tiny_session)
        assert cache.get(tiny_session) is first and cache.builds == 1
        course = tiny_session.scalar(select(m.Course).where(m.Course.key == "course:listening"))
        assert course is not None
        course.hours = 20
        tiny_session.commit()
        rebuilt = cache.get(tiny_session)
        assert rebuilt is not first and cache.builds == 2
        assert rebuilt.nodes["course:listening"]["hours"] == 20
