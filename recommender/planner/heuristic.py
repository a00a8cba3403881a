"""Fast valid plans: relaxed-cost extraction, then dropping courses that are not needed.

Each fact gets the cost of its cheapest supporting course plus that course's own unmet
prerequisites (counted as if independent); plans are drawn by following the cheapest
supporters back from the targets and tidied by dropping courses that are not needed. The
exact search uses the same completion, steered by the solver's picks, to repair choices
that rely on a cycle.
"""

from __future__ import annotations

import numpy as np

from recommender.planner.catalogue import FloatArray
from recommender.planner.sequence import CourseTable


def relaxed_costs(table: CourseTable, weight: FloatArray, reached: np.ndarray
                  ) -> tuple[FloatArray, FloatArray]:
    """Cost to reach each fact and to take each course, sharing nothing.

    ``reached`` marks the facts already reached (they cost nothing).
    """
    inst = table.inst
    by_fact = table.support_by_fact
    fact_cost = np.where(reached, 0.0, np.inf)
    for _ in range(inst.n_facts + 1):
        course_cost = weight + np.bincount(
            inst.req_course, weights=fact_cost[inst.req_fact], minlength=inst.n_courses)
        fresh = np.full(inst.n_facts, np.inf)
        if len(by_fact.course):
            fresh[by_fact.fact] = np.minimum.reduceat(course_cost[by_fact.course], by_fact.start)
        fresh[reached] = 0.0
        if np.array_equal(fresh, fact_cost):
            break
        fact_cost = fresh
    return course_cost, fact_cost


def extract(table: CourseTable, weight: FloatArray, reached: np.ndarray,
            goals: list[int] | None = None) -> set[int]:
    """Courses that reach every goal fact (default: targets) along cheapest supporters.

    ``reached`` marks the facts already reached.
    """
    course_cost, fact_cost = relaxed_costs(table, weight, reached)
    return _cheapest_supporters(table, course_cost, fact_cost,
                                table.inst.target_facts.tolist() if goals is None else goals)


def _cheapest_supporters(table: CourseTable, course_cost: FloatArray, fact_cost: FloatArray,
                         goals: list[int]) -> set[int]:
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
    stack = [(f, float("inf")) for f in goals if not reached[f]]
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
        if ordering.reaches_targets():
            return set(ordering.order)
        extra = extract(table, weight, ordering.fact_reached()) - set(ordering.order)
        if not extra:
            return None
        chosen = set(ordering.order) | extra
    return None


def drop_redundant(table: CourseTable, weight: FloatArray, chosen: set[int]) -> set[int]:
    """Remove courses, most expensive first, while the rest still covers every target.

    A course that is the only chosen teacher of a level some target or chosen course needs
    cannot go, so only the others are tried.
    """
    kept = set(chosen)
    for course in sorted(chosen - _irreplaceable(table, chosen), key=lambda c: -weight[c]):
        trial = kept - {course}
        if table.order(trial).covers():
            kept = trial
    return kept


def _irreplaceable(table: CourseTable, chosen: set[int]) -> set[int]:
    """Chosen courses that alone reach a fact some target or chosen course needs."""
    teach = table.teach_mask
    needed = table.target_mask
    for course in chosen:
        needed |= table.req_mask[course]
    once = twice = 0
    for course in chosen:
        mask = teach[course] & needed
        twice |= once & mask
        once |= mask
    sole = once & ~twice
    return {course for course in chosen if teach[course] & sole}


def heuristic_plan(table: CourseTable, weight: FloatArray) -> set[int] | None:
    """A valid covering set drawn along cheapest supporters, or None if targets are unreachable."""
    start = complete(table, weight, set())
    return None if start is None else drop_redundant(table, weight, start)
