"""Whole-organisation planning: order, deduplication, worker processes, errors."""

from __future__ import annotations

from typing import Any

import pytest
from planner_oracle import replay

from recommender.planner import PlanProblemError
from recommender.planner import solve
from recommender.planner import solve_many

COURSES = [
    {"id": "py1", "hours": 10, "teaches": {"python": 2}},
    {"id": "py2", "hours": 12, "teaches": {"python": 4}, "requires": {"python": 2}},
    {"id": "sql", "hours": 6, "teaches": {"sql": 3}},
    {"id": "ml", "hours": 20, "teaches": {"ml": 3}, "requires": {"python": 3, "sql": 2}},
    {"id": "art", "hours": 5, "teaches": {"drawing": 2}},
]


def problem(current: dict[str, int], target: dict[str, int]) -> dict[str, Any]:
    return {"current": current, "target": target, "courses": COURSES, "time_limit_ms": 5000}


PROBLEMS = [
    problem({}, {"ml": 3}),
    problem({"python": 2}, {"ml": 3}),
    problem({}, {"sql": 3, "python": 2}),
    problem({"drawing": 4}, {"ml": 3}),
    problem({"python": 4, "sql": 3}, {"ml": 3}),
]


class TestSolveMany:
    @pytest.mark.parametrize("workers", [1, 2])
    def test_plans_come_back_in_input_order_and_match_solve(self, workers: int) -> None:
        plans = list(solve_many(PROBLEMS, workers=workers))
        assert [p.courses for p in plans] == [solve(p).courses for p in PROBLEMS]
        for given, plan in zip(PROBLEMS, plans, strict=True):
            levels = replay(given, list(plan.courses))
            assert all(levels.get(s, 0) >= t for s, t in given["target"].items())
            assert plan.status == "optimal"

    def test_identical_gaps_are_solved_once(self) -> None:
        plans = list(solve_many(PROBLEMS, workers=1))
        # "drawing" cannot change a plan for "ml", so these two gaps are the same.
        assert plans[3] is plans[0]
        assert plans[1] is not plans[0]
        assert set(plans[1].courses) == {"sql", "py2", "ml"}

    def test_malformed_problem_names_the_course(self) -> None:
        bad = [{**PROBLEMS[0], "courses": [*COURSES, {"id": "x", "hours": -1,
                                                      "teaches": {"a": 1}}]}]
        with pytest.raises(PlanProblemError, match='course "x": field "hours"'):
            list(solve_many(bad, workers=1))
