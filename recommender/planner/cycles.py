"""Cycle rows: what a plan must contain to enter a set of facts it cannot otherwise reach.

For an upward-closed set F of (skill, level) facts, the first course of any valid plan that
reaches a fact of F requires nothing in F and can lift a fact of F. So every fact of F that a
plan reaches costs at least one such entry course. When the solver picks courses that cannot
be ordered, the facts they leave unreached give violated rows of this kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

import numpy as np

from recommender.planner.sequence import CourseTable
from recommender.planner.sequence import Ordering


@dataclass
class Cuts:
    """Cycle rows gathered so far: column indices and values of each row, and its bound."""

    cols: list[np.ndarray] = field(default_factory=list)
    vals: list[np.ndarray] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)

    def add(self, cols: np.ndarray, vals: np.ndarray, lower: float) -> None:
        """Append the row ``lower <= vals . x[cols]`` (upper bound 0 when lower is -inf)."""
        self.cols.append(cols)
        self.vals.append(vals)
        self.lower.append(lower)


def _guard(cuts: Cuts, entry: np.ndarray, fact_column: int) -> None:
    """Add ``y[fact] <= sum of x[entry]``."""
    cuts.add(np.append(entry, fact_column), np.append(-np.ones(len(entry)), 1.0), -np.inf)


def add_cycle_rows(table: CourseTable, ordering: Ordering, cuts: Cuts) -> None:
    """Rows cutting off a choice whose ``ordering`` left courses stuck or targets unmet."""
    inst = table.inst
    wanted = {f for course in ordering.stuck for f in table.required_facts[course]}
    wanted.update(inst.target_facts.tolist())
    for fact in sorted(wanted):
        if ordering.reached >> fact & 1:
            continue
        entry = entry_courses(table, dependency_set(table, ordering, fact))
        _guard(cuts, entry, inst.n_courses + fact)


def dependency_set(table: CourseTable, ordering: Ordering, fact: int) -> dict[int, int]:
    """A small set of unreached facts, containing ``fact``, that no chosen course can enter.

    Returned as the lowest level per skill (the set holds every level from there up). Each
    stuck chosen course that could lift a fact of the set gets one of its unmet
    prerequisites added, preferring skills already in the set, so the cycle row stays tight.
    """
    skill = int(table.fact_skill[fact])
    lowest = {skill: int(table.fact_level[fact])}
    inside = table.from_level(skill, lowest[skill])
    levels, req, teach = ordering.levels, table.req_mask, table.teach_mask
    grew = True
    while grew:
        grew = False
        for course in ordering.stuck:
            if req[course] & inside or not teach[course] & inside:
                continue
            unmet = [(s, r) for s, r in table.requires[course] if levels[s] < r]
            skill, level = min(unmet, key=lambda sr: (sr[0] not in lowest, sr[1]))
            lowest[skill] = level
            inside |= table.from_level(skill, level)
            grew = True
    return lowest


def entry_courses(table: CourseTable, lowest: dict[int, int]) -> np.ndarray:
    """Courses that can lift a fact of the set while requiring none of it."""
    inst = table.inst
    floor = np.full(len(inst.current), 9)
    floor[list(lowest)] = list(lowest.values())
    inside = table.fact_level >= floor[table.fact_skill]
    lifts = np.bincount(inst.sup_course[inside[inst.sup_fact]], minlength=inst.n_courses) > 0
    needs = np.bincount(inst.req_course[inside[inst.req_fact]], minlength=inst.n_courses) > 0
    return np.flatnonzero(lifts & ~needs)
