"""A fast plan to start from: relaxed-cost extraction, then local improvement.

Each fact gets the cost of its cheapest supporting course plus that course's own unmet
prerequisites (counted as if independent); plans are drawn by following the cheapest
supporters back from the targets, tidied by dropping courses that are not needed, and
improved by swapping out expensive courses.
"""

from __future__ import annotations

import time

import numpy as np

from recommender.planner.catalogue import FloatArray
from recommender.planner.sequence import CourseTable


def relaxed_costs(table: CourseTable, weight: FloatArray, levels: list[int]
                  ) -> tuple[FloatArray, FloatArray]:
    """Cost to reach each fact and to take each course from ``levels``, sharing nothing."""
    inst = table.inst
    reached = table.fact_level <= np.asarray(levels)[table.fact_skill]
    fact_cost = np.where(reached, 0.0, np.inf)
    for _ in range(inst.n_facts + 1):
        course_cost = weight + np.bincount(
            inst.req_course, weights=fact_cost[inst.req_fact], minlength=inst.n_courses)
        fresh = np.full(inst.n_facts, np.inf)
        np.minimum.at(fresh, inst.sup_fact, course_cost[inst.sup_course])
        fresh[reached] = 0.0
        if np.array_equal(fresh, fact_cost):
            break
        fact_cost = fresh
    return course_cost, fact_cost


def extract(table: CourseTable, weight: FloatArray, levels: list[int]) -> set[int]:
    """Courses that reach every target fact from ``levels`` along cheapest supporters."""
    course_cost, fact_cost = relaxed_costs(table, weight, levels)
    inst = table.inst
    order = np.lexsort((course_cost[inst.sup_course], inst.sup_fact))
    first = np.ones(len(order), dtype=bool)
    first[1:] = inst.sup_fact[order][1:] != inst.sup_fact[order][:-1]
    best = np.full(inst.n_facts, -1, dtype=np.int64)
    best[inst.sup_fact[order][first]] = inst.sup_course[order][first]
    cost, best_of = course_cost.tolist(), best.tolist()
    reached = (fact_cost == 0.0).tolist()
    covered = [float("inf")] * inst.n_facts
    chosen: set[int] = set()
    stack = [(f, float("inf")) for f in inst.target_facts.tolist() if not reached[f]]
    while stack:
        fact, rank = stack.pop()
        course = best_of[fact]
        if reached[fact] or covered[fact] < rank or course < 0 or course in chosen:
            continue
        chosen.add(course)
        for other in table.supports[course]:
            covered[other] = min(covered[other], cost[course])
        stack.extend((f, cost[course]) for f in table.required_facts[course] if not reached[f])
    return chosen


def complete(table: CourseTable, weight: FloatArray, base: set[int]) -> set[int] | None:
    """Extend ``base`` into a valid covering set (dropping its stuck courses), or None."""
    chosen = set(base)
    for _ in range(table.inst.n_courses + 1):
        ordering = table.order(chosen)
        if table.reaches_targets(ordering.levels):
            return set(ordering.order)
        extra = extract(table, weight, ordering.levels) - set(ordering.order)
        if not extra:
            return None
        chosen = set(ordering.order) | extra
    return None


def drop_redundant(table: CourseTable, weight: FloatArray, chosen: set[int]) -> set[int]:
    """Remove courses, most expensive first, while the rest still covers every target."""
    kept = set(chosen)
    for course in sorted(chosen, key=lambda c: -weight[c]):
        trial = kept - {course}
        if table.order(trial).covers(table.inst):
            kept = trial
    return kept


def improve(table: CourseTable, weight: FloatArray, chosen: set[int], deadline: float
            ) -> set[int]:
    """Swap out single courses for cheaper completions until no swap helps or time is up."""
    best, best_value = chosen, float(weight[list(chosen)].sum())
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for course in sorted(best, key=lambda c: -weight[c]):
            if time.perf_counter() >= deadline:
                break
            banned = weight.copy()
            banned[course] = np.inf
            trial = complete(table, banned, best - {course})
            if trial is None:
                continue
            trial = drop_redundant(table, weight, trial)
            value = float(weight[list(trial)].sum())
            if value < best_value - 1e-9:
                best, best_value, improved = trial, value, True
                break
    return best


def heuristic_plan(table: CourseTable, weight: FloatArray, deadline: float) -> set[int] | None:
    """A good valid covering set, or None when the targets cannot be reached."""
    start = complete(table, weight, set())
    if start is None:
        return None
    return improve(table, weight, drop_redundant(table, weight, start), deadline)
