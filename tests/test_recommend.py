"""Gap, ranking and learning plans on tiny literal graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from recommender.gap import gap
from recommender.learning_plan import plan_learning
from recommender.planner import simulate
from recommender.ranking import TargetIndex
from recommender.ranking import rank_targets
from skills_graph.records import EmployeeProfile


def catalogue_graph() -> nx.DiGraph:
    """Two targets; a prerequisite chain basics -> lab -> capstone; one skill no course teaches."""
    G = nx.DiGraph()
    for key, name in (("skill:prompt", "Prompting"), ("skill:eval", "Evaluation"),
                      ("skill:listen", "Listening"), ("skill:presence", "Presence")):
        G.add_node(key, type="skill", name=name)
    G.add_node("role:trainer", type="role", title="AI trainer", kind="hybrid")
    G.add_node("role:client", type="role", title="Client relations", kind="human-centred")
    G.add_node("role:clerk", type="role", title="Clerk", kind="current")
    G.add_edge("role:trainer", "skill:prompt", rel="requires", level=4, importance=1.0)
    G.add_edge("role:trainer", "skill:eval", rel="requires", level=2, importance=0.5)
    G.add_edge("role:client", "skill:listen", rel="requires", level=3, importance=1.0)
    G.add_edge("role:client", "skill:presence", rel="requires", level=3, importance=0.5)
    for task, role, cls, share in (("task:t1", "role:trainer", "augment", 70),
                                   ("task:t2", "role:trainer", "human-led", 30),
                                   ("task:c1", "role:client", "human-led", 100)):
        G.add_node(task, type="task", exposure_class=cls, position=1)
        G.add_edge(role, task, rel="performs", share=share)
    courses = {
        "course:basics": (4, {"skill:prompt": 2}, {}),
        "course:lab": (6, {"skill:prompt": 3, "skill:eval": 2}, {"skill:prompt": 2}),
        "course:capstone": (10, {"skill:prompt": 4}, {"skill:prompt": 3}),
        "course:all-in-one": (40, {"skill:prompt": 4, "skill:eval": 2}, {}),
        "course:listening": (8, {"skill:listen": 3}, {}),
    }
    for key, (hours, teaches, requires) in courses.items():
        G.add_node(key, type="course", title=key.split(":")[1].title(), hours=hours, cost=0)
        for skill, level in teaches.items():
            G.add_edge(key, skill, rel="teaches", level=level)
        for skill, level in requires.items():
            G.add_edge(skill, key, rel="prerequisite", level=level)
    return G


NEWCOMER = EmployeeProfile(key="emp:new", name="New", role="role:clerk", levels={"skill:listen": 2})


class TestGap:
    def test_unmet_skills_first_by_importance(self) -> None:
        rows = gap(catalogue_graph(), NEWCOMER, "role:client")
        assert [(r.skill, r.current, r.required, r.missing) for r in rows] == [
            ("skill:listen", 2, 3, 1), ("skill:presence", 0, 3, 3)]

    def test_met_skill_has_no_missing_levels(self) -> None:
        expert = EmployeeProfile("emp:x", "X", None, {"skill:listen": 5})
        assert gap(catalogue_graph(), expert, "role:client")[-1].missing == 0


class TestPlan:
    def test_chain_is_ordered_and_shorter_than_the_bundle(self) -> None:
        G = catalogue_graph()
        plan = plan_learning(G, NEWCOMER, "role:trainer", hours_per_week=5)
        assert [s.course for s in plan.steps] == ["course:basics", "course:lab", "course:capstone"]
        assert plan.total_hours == 20 and plan.weeks == 4 and plan.uncovered == {}
        assert plan.steps[0].reason.startswith("Prerequisite for Lab")
        assert "Evaluation (0→2, needs 2)" in plan.steps[1].reason
        assert plan.steps[2].closes == {"skill:prompt": 4}
        assert [(s.start_week, s.end_week) for s in plan.steps] == [(1, 1), (1, 2), (3, 4)]

    def test_plan_is_valid_when_replayed(self) -> None:
        G = catalogue_graph()
        plan = plan_learning(G, NEWCOMER, "role:trainer")
        problem = {"current": NEWCOMER.levels, "target": {"skill:prompt": 4, "skill:eval": 2},
                   "courses": [{"id": c, "hours": G.nodes[c]["hours"], "cost": 0,
                                "teaches": {s: d["level"] for _, s, d in G.out_edges(c, data=True)},
                                "requires": {s: d["level"] for s, _, d in G.in_edges(c, data=True)}}
                               for c in G if G.nodes[c]["type"] == "course"]}
        final = simulate(problem, [s.course for s in plan.steps])
        assert final["skill:prompt"] >= 4 and final["skill:eval"] >= 2

    def test_skill_no_course_teaches_is_listed_as_uncovered(self) -> None:
        plan = plan_learning(catalogue_graph(), NEWCOMER, "role:client")
        assert plan.uncovered == {"skill:presence": 3}
        assert [s.course for s in plan.steps] == ["course:listening"]
        assert plan.to_dict()["uncovered"] == {"skill:presence": 3}

    def test_hours_per_week_must_be_positive(self) -> None:
        with pytest.raises(ValueError, match="hours per week must be positive, got -1"):
            plan_learning(catalogue_graph(), NEWCOMER, "role:client", hours_per_week=-1)


class TestRanking:
    def test_ranks_only_targets_with_components_and_reason(self) -> None:
        ranked = rank_targets(TargetIndex.from_graph(catalogue_graph()), NEWCOMER)
        assert {r.role for r in ranked} == {"role:trainer", "role:client"}
        client = next(r for r in ranked if r.role == "role:client")
        assert client.uncovered == ("skill:presence",)
        assert client.components["human_led"] == 1.0
        assert "must be learned on the job" in client.reason
        assert set(client.to_dict()) == {"role", "title", "kind", "score", "components", "gap_hours", "reason"}

    def test_existing_skills_move_a_target_up(self) -> None:
        index = TargetIndex.from_graph(catalogue_graph())
        prompter = EmployeeProfile("emp:p", "P", "role:clerk", {"skill:prompt": 4, "skill:eval": 2})
        assert rank_targets(index, prompter)[0].role == "role:trainer"
        assert rank_targets(index, prompter)[0].gap_hours == 0
        listener = EmployeeProfile("emp:l", "L", "role:clerk", {"skill:listen": 3, "skill:presence": 3})
        assert rank_targets(index, listener)[0].role == "role:client"

    def test_exact_hours_replace_estimates(self) -> None:
        index = TargetIndex.from_graph(catalogue_graph())
        ranked = rank_targets(index, NEWCOMER, exact_hours=lambda role: 99.0)
        assert all(r.gap_hours == 99.0 for r in ranked)
