"""Putting chosen courses in a takeable order, and replaying plans against a problem."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from recommender.planner.instance import Instance
from recommender.planner.problem import parse_problem


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
    levels : list of int
        Final level of each instance skill.
    """

    order: list[int]
    stuck: list[int]
    levels: list[int]

    def covers(self, inst: Instance) -> bool:
        """Whether every course was taken and every target level reached."""
        return not self.stuck and all(
            level >= goal for level, goal in zip(self.levels, inst.target.tolist(), strict=True))


class CourseTable:
    """Per-course prerequisite and teaching lists of an instance, for fast replay."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.requires = _grouped(inst.n_courses, inst.req_course, inst.req_skill, inst.req_level)
        self.teaches = _grouped(
            inst.n_courses, inst.teach_course, inst.teach_skill, inst.teach_level)
        self.supports = _facts_by_course(inst.n_courses, inst.sup_course, inst.sup_fact)
        self.required_facts = _facts_by_course(inst.n_courses, inst.req_course, inst.req_fact)
        self.fact_skill = np.repeat(np.arange(len(inst.current)), inst.need - inst.current)
        self.fact_level = (inst.current[self.fact_skill] + 1
                           + np.arange(inst.n_facts) - inst.offset[self.fact_skill])
        self.goals = [(s, t) for s, t in enumerate(inst.target.tolist()) if t > 0]

    def reaches_targets(self, levels: list[int]) -> bool:
        """Whether ``levels`` meet every target of the instance."""
        return all(levels[s] >= t for s, t in self.goals)

    def order(self, chosen: Iterable[int], levels: list[int] | None = None) -> Ordering:
        """Take ``chosen`` courses greedily, in index order, until none can be added."""
        now = list(self.inst.current.tolist()) if levels is None else list(levels)
        pending = sorted(set(chosen))
        taken: list[int] = []
        progress = True
        while pending and progress:
            progress = False
            waiting = []
            for course in pending:
                if all(now[s] >= r for s, r in self.requires[course]):
                    taken.append(course)
                    for s, t in self.teaches[course]:
                        now[s] = max(now[s], t)
                    progress = True
                else:
                    waiting.append(course)
            pending = waiting
        return Ordering(taken, pending, now)


def _facts_by_course(n: int, course: np.ndarray, fact: np.ndarray) -> list[list[int]]:
    """Facts per course; entries arrive sorted by course."""
    bounds = np.searchsorted(course, np.arange(n + 1)).tolist()
    facts = fact.tolist()
    return [facts[bounds[c]: bounds[c + 1]] for c in range(n)]


def _grouped(n: int, course: np.ndarray, skill: np.ndarray, level: np.ndarray
             ) -> list[list[tuple[int, int]]]:
    """(skill, level) pairs per course; entries arrive sorted by course."""
    bounds = np.searchsorted(course, np.arange(n + 1)).tolist()
    pairs = list(zip(skill.tolist(), level.tolist(), strict=True))
    return [pairs[bounds[c]: bounds[c + 1]] for c in range(n)]


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
