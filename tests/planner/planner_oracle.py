"""An independent replay and a brute-force optimum for small planning problems."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np


def replay(problem: dict[str, Any], plan: list[str]) -> dict[str, int]:
    """Final levels after taking ``plan`` in order; AssertionError if a step is not takeable."""
    courses = {c["id"]: c for c in problem["courses"]}
    levels = dict(problem.get("current", {}))
    for course_id in plan:
        course = courses[course_id]
        for skill, level in course.get("requires", {}).items():
            assert levels.get(skill, 0) >= level, f"{course_id} taken before {skill}={level}"
        for skill, level in course["teaches"].items():
            levels[skill] = max(levels.get(skill, 0), level)
    return levels


def brute_force(problem: dict[str, Any]) -> tuple[tuple[float, float, int], dict[str, int]]:
    """Best (primary, secondary, count) over every course subset, and the uncoverable targets.

    Every subset is closed at once with NumPy: a subset is valid when taking its courses
    whenever they become takeable eventually takes all of them.
    """
    courses = problem["courses"]
    skills = sorted({s for c in courses for s in (*c["teaches"], *c.get("requires", {}))}
                    | set(problem["target"]) | set(problem.get("current", {})))
    col = {s: i for i, s in enumerate(skills)}
    n = len(courses)
    member = np.array(list(itertools.product([False, True], repeat=n)), dtype=bool).reshape(-1, n)
    levels = np.zeros((len(member), len(skills)), dtype=int)
    for skill, level in problem.get("current", {}).items():
        levels[:, col[skill]] = level
    taken = np.zeros_like(member)
    for _ in range(n):
        for j, course in enumerate(courses):
            ready = member[:, j] & ~taken[:, j]
            for skill, level in course.get("requires", {}).items():
                ready &= levels[:, col[skill]] >= level
            taken[:, j] |= ready
            for skill, level in course["teaches"].items():
                levels[ready, col[skill]] = np.maximum(levels[ready, col[skill]], level)
    everything = int(np.flatnonzero(member.all(axis=1))[0])
    uncoverable = {s: t for s, t in problem["target"].items()
                   if levels[everything, col[s]] < t}
    valid = (taken == member).all(axis=1)
    for skill, level in problem["target"].items():
        if skill not in uncoverable:
            valid &= levels[:, col[skill]] >= level
    hours = member @ np.array([c["hours"] for c in courses], dtype=float)
    cost = member @ np.array([c.get("cost", 0) for c in courses], dtype=float)
    first, second = (hours, cost) if problem.get("objective", "hours") == "hours" else (
        cost, hours)
    keys = sorted(zip(first[valid], second[valid], member[valid].sum(axis=1), strict=True))
    best = keys[0]
    return (float(best[0]), float(best[1]), int(best[2])), uncoverable
