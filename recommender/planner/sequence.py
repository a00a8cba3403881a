"""Putting chosen courses in a takeable order, and replaying plans against a problem.

Inside an instance, the facts a course requires and the facts it reaches are bit masks
over the instance's facts (a fact "skill at level k or more" comes with every lower level
of that skill), so replaying a choice is a few integer operations per course.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from typing import Generic
from typing import TypeVar

import numpy as np

from recommender.planner.instance import Instance
from recommender.planner.problem import parse_problem

T = TypeVar("T")


class NotTakeableError(ValueError):
    """A plan names a course that is unknown or not takeable at its turn."""


@dataclass(frozen=True)
class Ordering:
    """Result of taking chosen courses as soon as each becomes takeable.

    Attributes
    ----------
    order : list of int
        Courses taken, in order.
    stuck : list of int
        Chosen courses that never became takeable (they rely on a cycle).
    reached : int
        Bit mask of the facts reached at the end.
    table : CourseTable
        The instance's table the ordering was made with.
    """

    order: list[int]
    stuck: list[int]
    reached: int
    table: CourseTable

    @cached_property
    def levels(self) -> list[int]:
        """Final level of each instance skill."""
        reached = self.reached
        return [base + (reached & mask).bit_count()
                for base, mask in zip(self.table.current, self.table.skill_mask, strict=True)]

    def reaches_targets(self) -> bool:
        """Whether every target level is reached (stuck courses aside)."""
        return not self.table.target_mask & ~self.reached

    def covers(self) -> bool:
        """Whether every course was taken and every target level reached."""
        return not self.stuck and self.reaches_targets()

    def fact_reached(self) -> np.ndarray:
        """Boolean array over the instance's facts: reached or not."""
        n = self.table.inst.n_facts
        raw = np.frombuffer(self.reached.to_bytes((n + 7) // 8 or 1, "little"), dtype=np.uint8)
        return np.unpackbits(raw, bitorder="little")[:n].astype(bool)


@dataclass(frozen=True)
class SupportByFact:
    """Supporting courses sorted by fact: ``course[start[i]:start[i+1]]`` support ``fact[i]``."""

    course: np.ndarray
    start: np.ndarray
    fact: np.ndarray


class CourseTable:
    """Per-course prerequisite and teaching lists and fact masks of an instance."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        n = inst.n_courses
        self.requires = Ragged(n, inst.req_course, zip(inst.req_skill.tolist(),
                                                       inst.req_level.tolist(), strict=True))
        self.teaches = Ragged(n, inst.teach_course, zip(inst.teach_skill.tolist(),
                                                        inst.teach_level.tolist(), strict=True))
        self.supports = Ragged(n, inst.sup_course, inst.sup_fact.tolist())
        self.required_facts = Ragged(n, inst.req_course, inst.req_fact.tolist())
        self.fact_skill = np.repeat(np.arange(len(inst.current)), inst.need - inst.current)
        self.fact_level = (inst.current[self.fact_skill] + 1
                           + np.arange(inst.n_facts) - inst.offset[self.fact_skill])
        self.current = inst.current.tolist()
        offset = inst.offset.tolist()
        self.skill_mask = [((1 << (offset[s + 1] - offset[s])) - 1) << offset[s]
                           for s in range(len(self.current))]
        self.req_mask = _masks(inst.n_courses, inst.req_course, inst.req_skill,
                               inst.req_level, inst)
        self.teach_mask = _masks(inst.n_courses, inst.teach_course, inst.teach_skill,
                                 inst.teach_level, inst)
        goals = np.flatnonzero(inst.target)
        self.target_mask = _masks(1, np.zeros(len(goals), dtype=np.int64), goals,
                                  inst.target[goals], inst)[0]

    @cached_property
    def support_by_fact(self) -> SupportByFact:
        """Supporting courses grouped by fact, for per-fact minimums with ``reduceat``."""
        order = np.argsort(self.inst.sup_fact, kind="stable")
        facts = self.inst.sup_fact[order]
        first = np.flatnonzero(np.diff(facts, prepend=-1)) if len(facts) else facts
        return SupportByFact(self.inst.sup_course[order], first, facts[first])

    def from_level(self, skill: int, level: int) -> int:
        """Mask of the facts of ``skill`` at ``level`` and above."""
        below = level - self.current[skill] - 1 + int(self.inst.offset[skill])
        return self.skill_mask[skill] & ~((1 << max(below, 0)) - 1)

    def order(self, chosen: Iterable[int]) -> Ordering:
        """Take ``chosen`` courses greedily, in index order, until none can be added."""
        reached = 0
        req, teach = self.req_mask, self.teach_mask
        pending = sorted(set(chosen))
        taken: list[int] = []
        while pending:
            waiting = []
            for course in pending:
                if req[course] & ~reached:
                    waiting.append(course)
                else:
                    taken.append(course)
                    reached |= teach[course]
            if len(waiting) == len(pending):
                break
            pending = waiting
        return Ordering(taken, pending, reached, self)


def _masks(n: int, course: np.ndarray, skill: np.ndarray, level: np.ndarray,
           inst: Instance) -> list[int]:
    """Per course, the mask of facts up to the levels it lists for each skill."""
    cur, offset = inst.current[skill], inst.offset[skill]
    count = np.clip(level - cur, 0, inst.offset[skill + 1] - offset)
    total = int(count.sum())
    start = np.cumsum(count) - count
    rows = np.repeat(course, count)
    cols = np.repeat(offset, count) + np.arange(total) - np.repeat(start, count)
    width = (inst.n_facts + 7) // 8 or 1
    dense = np.zeros((n, width * 8), dtype=bool)
    dense[rows, cols] = True
    packed = np.packbits(dense, axis=1, bitorder="little").tobytes()
    return [int.from_bytes(packed[c * width: (c + 1) * width], "little") for c in range(n)]


class Ragged(Generic[T]):
    """Per-course lists over entries sorted by course, sliced out only when asked for."""

    def __init__(self, n: int, course: np.ndarray, values: Iterable[T]) -> None:
        self.bounds = np.searchsorted(course, np.arange(n + 1)).tolist()
        self.values = list(values)

    def __getitem__(self, course: int) -> list[T]:
        return self.values[self.bounds[course]: self.bounds[course + 1]]


def simulate(problem: dict[str, Any], courses: Sequence[str]) -> dict[str, int]:
    """Replay a plan and return the final level of every skill mentioned.

    Parameters
    ----------
    problem : dict
        A planning problem (validated first).
    courses : sequence of str
        Course ids in the order they are taken.

    Raises
    ------
    NotTakeableError
        When a course is unknown or one of its prerequisites is not met at its turn.

    Examples
    --------
    >>> problem = {"current": {"a": 1}, "target": {"a": 3}, "courses": [
    ...     {"id": "c1", "hours": 5, "teaches": {"a": 3}, "requires": {"a": 1}}]}
    >>> simulate(problem, ["c1"])
    {'a': 3}
    """
    spec = parse_problem(problem)
    by_id = {course.id: course for course in spec.courses}
    levels = dict(spec.current)
    for course_id in courses:
        course = by_id.get(course_id)
        if course is None:
            raise NotTakeableError(f'course "{course_id}" is not in the catalogue')
        for skill, level in course.requires.items():
            if levels.get(skill, 0) < level:
                raise NotTakeableError(
                    f'course "{course_id}" requires "{skill}" at level {level}, '
                    f"reached only {levels.get(skill, 0)}")
        for skill, level in course.teaches.items():
            levels[skill] = max(levels.get(skill, 0), level)
    return levels
