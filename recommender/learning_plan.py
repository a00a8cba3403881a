"""Turn the planner's optimal course list into a learning plan a person can follow and trust:
every step says which gap or prerequisite it serves, and the plan is laid out week by week."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

from recommender.gap import gap
from recommender.gap import missing_levels
from recommender.planner import Plan
from recommender.planner import solve
from skills_graph.graph import course_requirements
from skills_graph.graph import course_teaches
from skills_graph.graph import nodes_of_type
from skills_graph.records import EmployeeProfile

DEFAULT_HOURS_PER_WEEK = 4.0


@dataclass(frozen=True)
class PlanStep:
    """One course of a plan, in the order to take it."""

    course: str
    title: str
    hours: float
    cost: float
    closes: dict[str, int]
    raises: dict[str, tuple[int, int]]
    reason: str
    start_week: int
    end_week: int


@dataclass(frozen=True)
class LearningPlan:
    """The ordered courses that close an employee's gap to a target role."""

    employee: str
    target: str
    steps: tuple[PlanStep, ...]
    total_hours: float
    total_cost: float
    hours_per_week: float
    uncovered: dict[str, int]
    status: str
    lower_bound: float

    @property
    def weeks(self) -> int:
        """Whole weeks the plan takes at ``hours_per_week``."""
        return math.ceil(self.total_hours / self.hours_per_week - 1e-9) if self.total_hours else 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``reskill plan --json``."""
        return {
            "employee": self.employee,
            "target": self.target,
            "steps": [
                {"course": s.course, "title": s.title, "hours": s.hours, "closes": s.closes,
                 "reason": s.reason}
                for s in self.steps
            ],
            "total_hours": self.total_hours,
            "weeks": self.weeks,
            "uncovered": self.uncovered,
        }


def course_catalogue(G: nx.DiGraph) -> list[dict[str, Any]]:
    """Every course of the graph in the planner's problem format; cached on the graph."""
    cached = G.graph.get("course_catalogue")
    if cached is None:
        cached = G.graph["course_catalogue"] = [
            {"id": c, "hours": G.nodes[c]["hours"], "cost": G.nodes[c].get("cost", 0.0),
             "teaches": course_teaches(G, c), "requires": course_requirements(G, c)}
            for c in nodes_of_type(G, "course")
            if course_teaches(G, c)
        ]
    return cached


def planning_problem(
    G: nx.DiGraph, profile: EmployeeProfile, target: str, objective: str = "hours"
) -> dict[str, Any]:
    """The planner's problem for closing ``profile``'s gap to ``target``; every problem of one
    graph shares the same ``courses`` list, so batch solving prepares the catalogue once."""
    return {
        "current": {s: lv for s, lv in profile.levels.items() if lv > 0},
        "target": missing_levels(gap(G, profile, target)),
        "courses": course_catalogue(G),
        "objective": objective,
    }


def explain_plan(
    G: nx.DiGraph, problem: dict[str, Any], result: Plan, profile: EmployeeProfile, target: str,
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK,
) -> LearningPlan:
    """Lay the planner's course list out week by week, with the reason for every step."""
    if hours_per_week <= 0:
        raise ValueError(f"hours per week must be positive, got {hours_per_week:g}")
    steps = _explain(G, problem["current"], problem["target"], list(result.courses), hours_per_week)
    return LearningPlan(
        employee=profile.key, target=target, steps=tuple(steps),
        total_hours=float(result.total_hours), total_cost=float(result.total_cost),
        hours_per_week=hours_per_week, uncovered=dict(result.uncovered),
        status=result.status, lower_bound=float(result.lower_bound),
    )


def plan_learning(
    G: nx.DiGraph,
    profile: EmployeeProfile,
    target: str,
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK,
    objective: str = "hours",
) -> LearningPlan:
    """Plan the fewest course hours (or cost) that close ``profile``'s gap to ``target``."""
    if hours_per_week <= 0:
        raise ValueError(f"hours per week must be positive, got {hours_per_week:g}")
    problem = planning_problem(G, profile, target, objective)
    return explain_plan(G, problem, solve(problem), profile, target, hours_per_week)


def _explain(
    G: nx.DiGraph, current: dict[str, int], wanted: dict[str, int], courses: list[str],
    hours_per_week: float,
) -> list[PlanStep]:
    levels = dict(current)
    done_hours = 0.0
    steps = []
    for position, course in enumerate(courses):
        raises = {
            s: (levels.get(s, 0), lv) for s, lv in course_teaches(G, course).items()
            if lv > levels.get(s, 0)
        }
        closes = {
            s: wanted[s] for s, (before, after) in raises.items()
            if s in wanted and before < wanted[s] <= after
        }
        hours = float(G.nodes[course]["hours"])
        start = math.floor(done_hours / hours_per_week + 1e-9) + 1
        done_hours += hours
        steps.append(PlanStep(
            course=course, title=G.nodes[course]["title"], hours=hours,
            cost=float(G.nodes[course].get("cost", 0.0)), closes=closes, raises=raises,
            reason=_step_reason(G, raises, closes, wanted, courses[position + 1:]),
            start_week=start, end_week=max(start, math.ceil(done_hours / hours_per_week - 1e-9)),
        ))
        levels.update({s: after for s, (_, after) in raises.items()})
    return steps


def _name(G: nx.DiGraph, skill: str) -> str:
    return str(G.nodes[skill].get("name", skill)) if skill in G else skill


def _step_reason(
    G: nx.DiGraph, raises: dict[str, tuple[int, int]], closes: dict[str, int],
    wanted: dict[str, int], later: list[str],
) -> str:
    if closes:
        listed = ", ".join(f"{_name(G, s)} ({raises[s][0]}→{raises[s][1]}, needs {lv})"
                           for s, lv in closes.items())
        return f"Closes the gap in {listed}."
    for course in later:
        needed = {s: lv for s, lv in course_requirements(G, course).items() if s in raises}
        if needed:
            listed = ", ".join(f"{_name(G, s)} to level {lv}" for s, lv in needed.items())
            return f"Prerequisite for {G.nodes[course]['title']}: brings {listed}."
    partial = [s for s in raises if s in wanted]
    if partial:
        listed = ", ".join(f"{_name(G, s)} to {raises[s][1]} of {wanted[s]}" for s in partial)
        return f"Raises {listed} on the way to the target level."
    listed = ", ".join(_name(G, s) for s in raises)
    return f"Raises {listed}."
