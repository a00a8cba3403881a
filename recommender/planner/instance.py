"""Exact pruning of a problem down to small independent instances.

Only courses that can ever be taken and that teach a level some target needs (directly or
through another useful course's prerequisites) can appear in an optimal plan; what remains
splits into components that share no skill and are solved one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from recommender.planner.catalogue import Catalogue
from recommender.planner.catalogue import FloatArray
from recommender.planner.catalogue import IntArray


@dataclass(frozen=True, eq=False)
class Instance:
    """One independent piece of a pruned problem, in local indices.

    Facts are (skill, level) pairs above the current level and up to the needed level;
    fact ``offset[s] + k - current[s] - 1`` says "skill ``s`` is at level ``k`` or more".
    A course *supports* a fact when it can be the first to lift the skill to that level:
    it teaches the level and does not itself require it.
    """

    course: IntArray
    skill: IntArray
    primary: FloatArray
    secondary: FloatArray
    current: IntArray
    need: IntArray
    target: IntArray
    teach_course: IntArray
    teach_skill: IntArray
    teach_level: IntArray
    req_course: IntArray
    req_skill: IntArray
    req_level: IntArray
    req_fact: IntArray
    offset: IntArray
    sup_course: IntArray
    sup_fact: IntArray
    target_facts: IntArray

    @property
    def n_courses(self) -> int:
        """Number of courses kept."""
        return len(self.course)

    @property
    def n_facts(self) -> int:
        """Number of (skill, level) facts the instance tracks."""
        return int(self.offset[-1])


def reachable_levels(cat: Catalogue, current: IntArray) -> tuple[IntArray, np.ndarray]:
    """Levels reachable from ``current`` with the whole catalogue, and takeable courses."""
    levels = current.copy()
    taken = np.zeros(cat.n_courses, dtype=bool)
    while True:
        unmet = cat.req_level > levels[cat.req_skill]
        blocked = np.bincount(cat.req_course, weights=unmet, minlength=cat.n_courses) > 0
        fresh = ~blocked & ~taken
        if not fresh.any():
            return levels, taken
        taken |= fresh
        lifted = fresh[cat.teach_course]
        np.maximum.at(levels, cat.teach_skill[lifted], cat.teach_level[lifted])


def useful_courses(cat: Catalogue, current: IntArray, need: IntArray, takeable: np.ndarray
                   ) -> tuple[np.ndarray, IntArray]:
    """Takeable courses that teach a needed level; ``need`` grows with their prerequisites."""
    need = need.copy()
    useful = np.zeros(cat.n_courses, dtype=bool)
    while True:
        helps = np.minimum(cat.teach_level, need[cat.teach_skill]) > current[cat.teach_skill]
        now = takeable & (np.bincount(cat.teach_course[helps], minlength=cat.n_courses) > 0)
        if (now == useful).all():
            return useful, need
        useful = now
        asked = useful[cat.req_course]
        np.maximum.at(need, cat.req_skill[asked], cat.req_level[asked])


def split_instances(cat: Catalogue, primary: FloatArray, secondary: FloatArray,
                    current: IntArray, target: IntArray, takeable: np.ndarray
                    ) -> list[Instance]:
    """Prune to useful courses and split them into skill-disjoint instances.

    ``target`` must only hold coverable targets (0 elsewhere); ``takeable`` marks the
    courses that may be used: found takeable from ``current`` by :func:`reachable_levels`,
    less any that another course dominates.
    """
    need = np.where(target > current, target, 0)
    useful, need = useful_courses(cat, current, need, takeable)
    courses = np.flatnonzero(useful)
    t_keep = useful[cat.teach_course] & (
        np.minimum(cat.teach_level, need[cat.teach_skill]) > current[cat.teach_skill])
    r_keep = useful[cat.req_course] & (cat.req_level > current[cat.req_skill])
    if len(courses) == 0:
        return []
    graph = coo_matrix(
        (np.ones(int(t_keep.sum()) + int(r_keep.sum())),
         (np.concatenate([cat.teach_course[t_keep], cat.req_course[r_keep]]),
          np.concatenate([cat.teach_skill[t_keep], cat.req_skill[r_keep]]) + cat.n_courses)),
        shape=(cat.n_courses + cat.n_skills,) * 2)
    _, label = connected_components(graph, directed=False)
    pieces = []
    for component in np.unique(label[courses]):
        member = useful & (label[: cat.n_courses] == component)
        pieces.append(_instance(cat, member, primary, secondary, current, need, target,
                                t_keep & member[cat.teach_course],
                                r_keep & member[cat.req_course]))
    return pieces


def _instance(cat: Catalogue, member: np.ndarray, primary: FloatArray, secondary: FloatArray,
              current: IntArray, need: IntArray, target: IntArray,
              t_keep: np.ndarray, r_keep: np.ndarray) -> Instance:
    course = np.flatnonzero(member)
    local_course = np.full(cat.n_courses, -1, dtype=np.int64)
    local_course[course] = np.arange(len(course))
    skills = np.unique(cat.teach_skill[t_keep])
    local_skill = np.full(cat.n_skills, -1, dtype=np.int64)
    local_skill[skills] = np.arange(len(skills))
    cur, nd = current[skills], need[skills]
    offset = np.concatenate([[0], np.cumsum(nd - cur)]).astype(np.int64)
    t_c, t_s = local_course[cat.teach_course[t_keep]], local_skill[cat.teach_skill[t_keep]]
    t_l = np.minimum(cat.teach_level[t_keep], nd[t_s])
    r_c, r_s = local_course[cat.req_course[r_keep]], local_skill[cat.req_skill[r_keep]]
    r_l = cat.req_level[r_keep]
    sup_c, sup_f = _support(t_c, t_s, t_l, r_c, r_s, r_l, cur, offset)
    tgt = np.where(target[skills] > cur, target[skills], 0)
    has_target = np.flatnonzero(tgt)
    return Instance(
        course=course, skill=skills, primary=primary[course], secondary=secondary[course],
        current=cur, need=nd, target=tgt,
        teach_course=t_c, teach_skill=t_s, teach_level=t_l,
        req_course=r_c, req_skill=r_s, req_level=r_l,
        req_fact=offset[r_s] + r_l - cur[r_s] - 1,
        offset=offset, sup_course=sup_c, sup_fact=sup_f,
        target_facts=offset[has_target] + tgt[has_target] - cur[has_target] - 1,
    )


def _support(t_c: IntArray, t_s: IntArray, t_l: IntArray, r_c: IntArray,
             r_s: IntArray, r_l: IntArray, cur: IntArray, offset: IntArray
             ) -> tuple[IntArray, IntArray]:
    """Expand each teach entry into the facts the course can be first to reach."""
    m = len(cur)
    if len(r_c):
        key = r_c * m + r_s
        order = np.argsort(key)
        spot = np.searchsorted(key[order], t_c * m + t_s)
        spot = np.minimum(spot, len(key) - 1)
        hit = key[order][spot] == t_c * m + t_s
        own = np.where(hit, r_l[order][spot], 0)
    else:
        own = np.zeros(len(t_c), dtype=np.int64)
    start = np.maximum(own, cur[t_s])
    count = np.maximum(t_l - start, 0)
    sup_course = np.repeat(t_c, count)
    first = offset[t_s] + start - cur[t_s]
    steps = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    sup_fact = np.repeat(first, count) + steps
    return sup_course.astype(np.int64), sup_fact.astype(np.int64)
