"""Independent checks of plans: replay, brute force on tiny problems, a MILP on medium ones."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from scipy.optimize import Bounds
from scipy.optimize import LinearConstraint
from scipy.optimize import milp


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


def closure(problem: dict[str, Any], chosen: list[str]) -> tuple[dict[str, int], set[str]]:
    """Levels after taking ``chosen`` courses whenever takeable, and the courses left stuck."""
    courses = {c["id"]: c for c in problem["courses"]}
    levels = dict(problem.get("current", {}))
    pending = set(chosen)
    progress = True
    while progress:
        progress = False
        for cid in sorted(pending):
            if all(levels.get(s, 0) >= r for s, r in courses[cid].get("requires", {}).items()):
                for skill, level in courses[cid]["teaches"].items():
                    levels[skill] = max(levels.get(skill, 0), level)
                pending.discard(cid)
                progress = True
    return levels, pending


def reference_hours(problem: dict[str, Any]) -> float:
    """Fewest hours by a cold MILP with cycle rows (scipy), written apart from the planner.

    Binary per course and per (skill, level) fact; for the unreached facts F of a choice
    that cannot be ordered, every stuck course needs a course that lifts a fact of F while
    requiring none of it.
    """
    courses = problem["courses"]
    current = problem.get("current", {})
    everything, _ = closure(problem, [c["id"] for c in courses])
    facts = sorted({(s, k) for c in courses for s, lv in c["teaches"].items()
                    for k in range(current.get(s, 0) + 1, lv + 1)})
    col = {f: len(courses) + i for i, f in enumerate(facts)}
    rows: list[tuple[dict[int, float], float, float]] = []
    for (skill, level), y in col.items():
        first = {j: -1.0 for j, c in enumerate(courses) if c["teaches"].get(skill, 0) >= level
                 and c.get("requires", {}).get(skill, 0) < level}
        rows.append(({**first, y: 1.0}, -np.inf, 0.0))
    for j, c in enumerate(courses):
        for skill, level in c.get("requires", {}).items():
            if level > current.get(skill, 0):
                rows.append(({j: 1.0, col[skill, level]: -1.0} if (skill, level) in col
                             else {j: 1.0}, -np.inf, 0.0))
    lower = np.zeros(len(courses) + len(facts))
    for skill, level in problem["target"].items():
        if level > current.get(skill, 0) and everything.get(skill, 0) >= level:
            lower[col[skill, level]] = 1.0
    cost = np.array([c["hours"] for c in courses] + [0.0] * len(facts))
    while True:
        matrix = np.zeros((len(rows), len(cost)))
        for i, (coefs, _, _) in enumerate(rows):
            for j, v in coefs.items():
                matrix[i, j] = v
        result = milp(cost, integrality=np.ones(len(cost)), bounds=Bounds(lower, 1.0),
                      constraints=LinearConstraint(matrix, [r[1] for r in rows],
                                                   [r[2] for r in rows]))
        chosen = [c["id"] for j, c in enumerate(courses) if result.x[j] > 0.5]
        levels, stuck = closure(problem, chosen)
        met = all(levels.get(s, 0) >= t for s, t in problem["target"].items()
                  if everything.get(s, 0) >= t)
        if not stuck and met:
            return float(sum(c["hours"] for c in courses if c["id"] in chosen))
        by_id = {c["id"]: c for c in courses}
        wanted = {(s, r) for cid in stuck for s, r in by_id[cid].get("requires", {}).items()}
        wanted |= set(problem["target"].items())
        for skill, level in sorted(wanted):
            if levels.get(skill, 0) < level and (skill, level) in col:
                entry = _entry(courses, _guard(by_id, stuck, levels, skill, level))
                rows.append(({**entry, col[skill, level]: 1.0}, -np.inf, 0.0))


def _guard(by_id: dict[str, Any], stuck: set[str], levels: dict[str, int], skill: str,
           level: int) -> dict[str, int]:
    """Lowest level per skill of a set of unreached facts no stuck course can enter."""
    lowest = {skill: level}
    grew = True
    while grew:
        grew = False
        for cid in sorted(stuck):
            course = by_id[cid]
            unmet = [(s, r) for s, r in course.get("requires", {}).items()
                     if levels.get(s, 0) < r]
            lifts = any(lowest.get(s, 9) <= t for s, t in course["teaches"].items())
            if lifts and not any(lowest.get(s, 9) <= r for s, r in unmet):
                s, r = min(unmet, key=lambda sr: (sr[0] not in lowest, sr[1], sr[0]))
                lowest[s] = r
                grew = True
    return lowest


def _entry(courses: list[dict[str, Any]], lowest: dict[str, int]) -> dict[int, float]:
    """Courses that lift a fact of the set while requiring none of it, as -1 coefficients."""
    def inside(skill: str, level: int) -> bool:
        return level >= lowest.get(skill, 9)

    return {j: -1.0 for j, c in enumerate(courses)
            if any(inside(s, t) and c.get("requires", {}).get(s, 0) < max(lowest.get(s, 9), 1)
                   for s, t in c["teaches"].items())
            and not any(inside(s, r) for s, r in c.get("requires", {}).items())}
