"""A course catalogue compiled to flat arrays, shared by every problem posed against it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from recommender.planner.dominance import dominated_courses
from recommender.planner.problem import CourseSpec

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Catalogue:
    """Courses as coordinate lists: one entry per (course, skill) taught or required.

    Attributes
    ----------
    ids : tuple of str
        Course ids; a course's position is its index everywhere else.
    hours, cost : ndarray of float
        Per course.
    skills : tuple of str
        Every skill a course teaches or requires; ``skill_index`` maps back.
    teach_course, teach_skill, teach_level : ndarray of int
        The levels courses raise skills to (levels >= 1 only).
    req_course, req_skill, req_level : ndarray of int
        The levels courses require (levels >= 1 only).
    """

    ids: tuple[str, ...]
    hours: FloatArray
    cost: FloatArray
    skills: tuple[str, ...]
    skill_index: dict[str, int]
    teach_course: IntArray
    teach_skill: IntArray
    teach_level: IntArray
    req_course: IntArray
    req_skill: IntArray
    req_level: IntArray

    @property
    def n_courses(self) -> int:
        """Number of courses."""
        return len(self.ids)

    @property
    def n_skills(self) -> int:
        """Number of skills the catalogue mentions."""
        return len(self.skills)

    @cached_property
    def dominated(self) -> np.ndarray:
        """Courses another course can always replace (see :mod:`.dominance`)."""
        return dominated_courses(self)

    def levels(self, by_skill: dict[str, int]) -> IntArray:
        """Dense level vector over the catalogue's skills; unknown skills are ignored."""
        vector = np.zeros(self.n_skills, dtype=np.int64)
        index = self.skill_index
        known = [(index[s], v) for s, v in by_skill.items() if s in index]
        if known:
            where, value = zip(*known, strict=True)
            vector[list(where)] = value
        return vector


def compile_catalogue(courses: list[CourseSpec]) -> Catalogue:
    """Flatten validated courses into a :class:`Catalogue`."""
    skill_index: dict[str, int] = {}
    teach = _entries(courses, skill_index, teaches=True)
    req = _entries(courses, skill_index, teaches=False)
    return Catalogue(
        ids=tuple(c.id for c in courses),
        hours=np.array([float(c.hours) for c in courses], dtype=np.float64),
        cost=np.array([float(c.cost) for c in courses], dtype=np.float64),
        skills=tuple(skill_index),
        skill_index=skill_index,
        teach_course=teach[0],
        teach_skill=teach[1],
        teach_level=teach[2],
        req_course=req[0],
        req_skill=req[1],
        req_level=req[2],
    )


def _entries(
    courses: list[CourseSpec], skill_index: dict[str, int], *, teaches: bool
) -> tuple[IntArray, IntArray, IntArray]:
    rows = [
        (position, skill_index.setdefault(skill, len(skill_index)), level)
        for position, course in enumerate(courses)
        for skill, level in (course.teaches if teaches else course.requires).items()
        if level > 0
    ]
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    table = np.array(rows, dtype=np.int64)
    return table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy()


def restrict(cat: Catalogue, courses: IntArray) -> Catalogue:
    """The sub-catalogue of the given course positions (skills keep their names)."""
    keep = np.zeros(cat.n_courses, dtype=bool)
    keep[courses] = True
    new_position = np.cumsum(keep) - 1
    taught, required = keep[cat.teach_course], keep[cat.req_course]
    return Catalogue(
        ids=tuple(cat.ids[c] for c in courses.tolist()),
        hours=cat.hours[courses], cost=cat.cost[courses],
        skills=cat.skills, skill_index=cat.skill_index,
        teach_course=new_position[cat.teach_course[taught]],
        teach_skill=cat.teach_skill[taught], teach_level=cat.teach_level[taught],
        req_course=new_position[cat.req_course[required]],
        req_skill=cat.req_skill[required], req_level=cat.req_level[required],
    )
