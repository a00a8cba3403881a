"""Behaviour of the exact learning-path planner on tiny literal and generated problems."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from planner_oracle import brute_force
from planner_oracle import replay

from recommender.planner import NotTakeableError
from recommender.planner import PlanProblemError
from recommender.planner import simulate
from recommender.planner import solve

SKILLS = ["a", "b", "c", "d", "e"]


def course(cid: str, hours: float, teaches: dict[str, int], requires: dict[str, int] | None = None,
           cost: float = 0) -> dict[str, Any]:
    return {"id": cid, "hours": hours, "cost": cost, "teaches": teaches,
            "requires": requires or {}}


def key(plan: Any, problem: dict[str, Any]) -> tuple[float, float, int]:
    if problem.get("objective", "hours") == "cost":
        return plan.total_cost, plan.total_hours, len(plan.courses)
    return plan.total_hours, plan.total_cost, len(plan.courses)


@st.composite
def problems(draw: st.DrawFn, objective: str = "hours") -> dict[str, Any]:
    level = st.integers(1, 5)
    n = draw(st.integers(1, 14))
    courses = []
    for i in range(n):
        teaches = draw(st.dictionaries(st.sampled_from(SKILLS), level, min_size=1, max_size=3))
        requires = draw(st.dictionaries(st.sampled_from(SKILLS), level, max_size=2))
        courses.append(course(f"c{i}", draw(st.integers(0, 20)), teaches, requires,
                              cost=draw(st.integers(0, 5))))
    current = draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 3), max_size=3))
    target = draw(st.dictionaries(st.sampled_from(SKILLS), level, min_size=1, max_size=4))
    return {"current": current, "target": target, "courses": courses, "objective": objective,
            "time_limit_ms": 20000}


def assert_exact(problem: dict[str, Any]) -> None:
    plan = solve(problem)
    best, uncoverable = brute_force(problem)
    levels = replay(problem, list(plan.courses))
    assert plan.uncovered == {s: t for s, t in uncoverable.items()
                              if t > problem["current"].get(s, 0)}
    for skill, wanted in problem["target"].items():
        assert skill in uncoverable or levels.get(skill, 0) >= wanted
    assert key(plan, problem) == best
    assert plan.status == "optimal"
    assert plan.lower_bound == best[0]


class TestBruteForce:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(problems())
    def test_hours_plans_are_valid_and_optimal(self, problem: dict[str, Any]) -> None:
        assert_exact(problem)

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(problems(objective="cost"))
    def test_cost_plans_are_valid_and_optimal(self, problem: dict[str, Any]) -> None:
        assert_exact(problem)


    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(problems())
    def test_plans_stopped_by_the_time_limit_stay_valid_and_bounded(
            self, problem: dict[str, Any]) -> None:
        plan = solve({**problem, "time_limit_ms": 0.001})
        best, uncoverable = brute_force(problem)
        levels = replay(problem, list(plan.courses))
        for skill, wanted in problem["target"].items():
            assert skill in uncoverable or levels.get(skill, 0) >= wanted
        assert plan.lower_bound <= best[0] <= plan.total_hours
        assert plan.status == "feasible" or plan.total_hours == best[0]


class TestCycles:
    def test_plan_never_relies_on_a_prerequisite_cycle(self) -> None:
        problem = {"target": {"a": 2}, "courses": [
            course("cheap-a", 1, {"a": 2}, {"b": 1}),
            course("cheap-b", 1, {"b": 2}, {"a": 1}),
            course("slow-a", 30, {"a": 1})]}
        plan = solve(problem)
        assert plan.courses == ("slow-a", "cheap-b", "cheap-a")
        assert plan.total_hours == 32

    def test_a_cycle_with_no_way_in_leaves_the_skill_uncovered(self) -> None:
        problem = {"target": {"a": 2, "c": 1}, "courses": [
            course("x", 1, {"a": 2}, {"b": 1}), course("y", 1, {"b": 2}, {"a": 1}),
            course("z", 4, {"c": 1})]}
        plan = solve(problem)
        assert plan.courses == ("z",)
        assert plan.uncovered == {"a": 2}

    def test_a_course_cannot_lift_the_level_it_requires(self) -> None:
        problem = {"current": {"a": 1}, "target": {"a": 3}, "courses": [
            course("self", 1, {"a": 3}, {"a": 2}), course("step", 5, {"a": 2})]}
        assert solve(problem).courses == ("step", "self")


class TestUncoverable:
    def test_skill_nobody_teaches_high_enough(self) -> None:
        problem = {"current": {"a": 1}, "target": {"a": 5, "b": 1, "ghost": 2},
                   "courses": [course("a3", 3, {"a": 3}), course("b1", 2, {"b": 1})]}
        plan = solve(problem)
        assert plan.uncovered == {"a": 5, "ghost": 2}
        assert plan.courses == ("b1",)

    def test_target_already_met_is_neither_planned_nor_uncovered(self) -> None:
        problem = {"current": {"a": 4}, "target": {"a": 3}, "courses": [course("a", 1, {"a": 5})]}
        plan = solve(problem)
        assert plan.courses == () and plan.uncovered == {} and plan.total_hours == 0


class TestChains:
    def test_long_chain_is_taken_in_order(self) -> None:
        chain = [course(f"l{k}", 2, {"a": k}, {"a": k - 1} if k > 1 else {}) for k in range(1, 6)]
        plan = solve({"target": {"a": 5}, "courses": list(reversed(chain))})
        assert plan.courses == ("l1", "l2", "l3", "l4", "l5")

    def test_chain_broken_by_missing_prerequisite_is_infeasible(self) -> None:
        problem = {"target": {"a": 3}, "courses": [
            course("a3", 1, {"a": 3}, {"b": 2}), course("b1", 1, {"b": 1})]}
        plan = solve(problem)
        assert plan.courses == () and plan.uncovered == {"a": 3}


class TestTies:
    def test_equal_hours_prefer_lower_cost(self) -> None:
        problem = {"target": {"a": 1}, "courses": [
            course("dear", 5, {"a": 1}, cost=100), course("cheap", 5, {"a": 1}, cost=10)]}
        assert solve(problem).courses == ("cheap",)

    def test_equal_hours_and_cost_prefer_fewer_courses(self) -> None:
        problem = {"target": {"a": 1, "b": 1}, "courses": [
            course("a", 3, {"a": 1}), course("b", 3, {"b": 1}), course("ab", 6, {"a": 1, "b": 1})]}
        assert solve(problem).courses == ("ab",)


class TestCostObjective:
    def test_cost_objective_trades_hours_for_money(self) -> None:
        problem = {"target": {"a": 2}, "objective": "cost", "courses": [
            course("quick", 2, {"a": 2}, cost=300), course("free", 40, {"a": 2})]}
        plan = solve(problem)
        assert plan.courses == ("free",)
        assert plan.lower_bound == 0 and plan.total_hours == 40

    def test_equal_cost_prefers_fewer_hours(self) -> None:
        problem = {"target": {"a": 2}, "objective": "cost", "courses": [
            course("slow", 20, {"a": 2}, cost=5), course("fast", 4, {"a": 2}, cost=5)]}
        assert solve(problem).courses == ("fast",)


class TestPlanAnswer:
    def test_to_dict_has_the_documented_fields(self) -> None:
        problem = {"target": {"a": 1}, "courses": [course("a", 1.5, {"a": 1}, cost=7)]}
        answer = solve(problem).to_dict()
        assert answer["courses"] == ["a"] and answer["status"] == "optimal"
        assert answer["total_hours"] == 1.5 and answer["total_cost"] == 7
        assert answer["lower_bound"] == 1.5 and answer["uncovered"] == {}
        assert answer["solve_ms"] >= 0


class TestErrors:
    @pytest.mark.parametrize(("bad", "course_id", "field"), [
        ({"hours": -3}, "c1", "hours"),
        ({"cost": -1}, "c1", "cost"),
        ({"teaches": {"a": 6}}, "c1", "teaches"),
        ({"requires": {"a": -1}}, "c1", "requires"),
        ({"teaches": {}}, "c1", "teaches"),
        ({"teaches": {"a": 0}}, "c1", "teaches"),
        ({"colour": "red"}, "c1", "colour"),
        ({"hours": "ten"}, "c1", "hours"),
    ])
    def test_bad_course_names_course_and_field(self, bad: dict[str, Any], course_id: str,
                                               field: str) -> None:
        problem = {"target": {"a": 1}, "courses": [
            course("c0", 1, {"a": 1}), {**course("c1", 1, {"a": 1}), **bad}]}
        with pytest.raises(PlanProblemError) as caught:
            solve(problem)
        assert (caught.value.course, caught.value.field) == (course_id, field)
        message = str(caught.value)
        assert f'"{course_id}"' in message and f'"{field}"' in message and "\n" not in message

    def test_duplicate_ids(self) -> None:
        problem = {"target": {"a": 1}, "courses": [course("x", 1, {"a": 1}),
                                                   course("x", 2, {"a": 1})]}
        with pytest.raises(PlanProblemError, match='course "x": field "id"') as caught:
            solve(problem)
        assert caught.value.course == "x"

    @pytest.mark.parametrize(("bad", "field"), [
        ({"current": {"a": 9}}, "current"),
        ({"target": {"a": -1}}, "target"),
        ({"objective": "fun"}, "objective"),
        ({"deadline": 3}, "deadline"),
        ({"time_limit_ms": 0}, "time_limit_ms"),
    ])
    def test_bad_top_level_field(self, bad: dict[str, Any], field: str) -> None:
        problem = {"target": {"a": 1}, "courses": [course("c0", 1, {"a": 1})], **bad}
        with pytest.raises(PlanProblemError) as caught:
            solve(problem)
        assert caught.value.course is None and caught.value.field == field
        assert f'"{field}"' in str(caught.value)


class TestSimulate:
    def test_replays_levels(self) -> None:
        problem = {"current": {"a": 1}, "target": {"b": 2}, "courses": [
            course("b", 1, {"b": 2, "a": 1}, {"a": 1})]}
        assert simulate(problem, ["b"]) == {"a": 1, "b": 2}

    def test_rejects_course_taken_too_early(self) -> None:
        problem = {"target": {"b": 2}, "courses": [course("b", 1, {"b": 2}, {"a": 1})]}
        with pytest.raises(NotTakeableError, match='"b" requires "a" at level 1'):
            simulate(problem, ["b"])


class TestCatalogueReuse:
    def test_changed_catalogue_is_not_served_from_the_cache(self) -> None:
        courses = [course(f"c{i}", 10 + i, {"a": 1}) for i in range(250)]
        problem = {"target": {"a": 1}, "courses": courses}
        assert solve(problem).courses == ("c0",)
        courses[0]["hours"] = 99
        assert solve(problem).courses == ("c1",)
        courses[1]["teaches"]["a"] = 0
        with pytest.raises(PlanProblemError, match='course "c1": field "teaches"'):
            solve(problem)
