"""Dominated courses are left out of every problem, and leaving them out loses nothing."""

from __future__ import annotations

from typing import Any

from recommender.planner import solve
from recommender.planner.catalogue import compile_catalogue
from recommender.planner.problem import parse_courses


def _dominated(courses: list[dict[str, Any]]) -> list[str]:
    cat = compile_catalogue(parse_courses(courses))
    return [cat.ids[i] for i, out in enumerate(cat.dominated.tolist()) if out]


def _course(cid: str, hours: float, teaches: dict[str, int], requires: dict[str, int] | None = None,
            cost: float = 0) -> dict[str, Any]:
    return {"id": cid, "hours": hours, "cost": cost, "teaches": teaches,
            "requires": requires or {}}


def test_a_course_that_teaches_more_for_less_dominates() -> None:
    courses = [_course("narrow", 10, {"a": 2}, {"b": 1}),
               _course("broad", 8, {"a": 3, "c": 1})]
    assert _dominated(courses) == ["narrow"]


def test_of_two_identical_courses_the_first_is_kept() -> None:
    courses = [_course("first", 5, {"a": 2}), _course("twin", 5, {"a": 2})]
    assert _dominated(courses) == ["twin"]


def test_no_domination_when_either_measure_is_worse() -> None:
    courses = [_course("cheap-hours", 5, {"a": 2}, cost=100),
               _course("cheap-money", 9, {"a": 2}, cost=0),
               _course("asks-more", 4, {"a": 2}, {"b": 1}),
               _course("teaches-less", 3, {"a": 1})]
    assert _dominated(courses) == []


def test_plans_take_the_first_of_identical_courses() -> None:
    courses = [_course("base", 4, {"a": 1}),
               _course("slow", 9, {"a": 3}, {"a": 1}),
               _course("twin-b", 7, {"a": 3}, {"a": 1}),
               _course("twin-a", 7, {"a": 3}, {"a": 1})]
    plan = solve({"current": {}, "target": {"a": 3}, "courses": courses})
    assert plan.courses == ("base", "twin-b")
    assert plan.total_hours == 11 and plan.status == "optimal"
