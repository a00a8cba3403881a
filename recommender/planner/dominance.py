"""Dominated courses: ones that another course can always replace at no extra hours or cost.

Course A dominates course B when A teaches every skill B teaches at least as far, requires
nothing beyond what B requires, and costs no more hours and no more money. Any valid plan
that takes B stays valid, and no worse in either measure or in length, with A taken in B's
place (or B simply dropped when A is already in the plan, since A can then move up to B's
turn). So B can be left out of every problem posed against the catalogue. Of two identical
courses the first is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from recommender.planner.catalogue import Catalogue


def dominated_courses(cat: Catalogue) -> np.ndarray:
    """Boolean mask of the courses some other course of ``cat`` dominates.

    Candidates for dominating B are found through the skill B teaches that the fewest
    courses teach as far, so the work stays near linear in the catalogue's size.
    """
    n = cat.n_courses
    teaches = _lists(n, cat.teach_course, cat.teach_skill, cat.teach_level)
    requires = _lists(n, cat.req_course, cat.req_skill, cat.req_level)
    taught = [dict(pairs) for pairs in teaches]
    needed = [dict(pairs) for pairs in requires]
    by_skill: dict[int, list[tuple[int, int]]] = {}
    for course, pairs in enumerate(teaches):
        for skill, level in pairs:
            by_skill.setdefault(skill, []).append((level, course))
    hours, cost = cat.hours.tolist(), cat.cost.tolist()
    out = np.zeros(n, dtype=bool)
    for b in range(n):
        if not teaches[b]:
            continue
        skill, level = min(teaches[b], key=lambda sl: len(by_skill[sl[0]]))
        for taught_level, a in by_skill[skill]:
            if (a == b or taught_level < level or hours[a] > hours[b] or cost[a] > cost[b]
                    or out[a]):
                continue
            ta, nb = taught[a], needed[b]
            if any(ta.get(s, 0) < lv for s, lv in teaches[b]):
                continue
            if any(nb.get(s, 0) < lv for s, lv in requires[a]):
                continue
            identical = (hours[a] == hours[b] and cost[a] == cost[b]
                         and ta == taught[b] and needed[a] == nb)
            if not identical or a < b:
                out[b] = True
                break
    return out


def _lists(n: int, course: np.ndarray, skill: np.ndarray, level: np.ndarray
           ) -> list[list[tuple[int, int]]]:
    lists: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for c, s, lv in zip(course.tolist(), skill.tolist(), level.tolist(), strict=True):
        lists[c].append((s, lv))
    return lists
