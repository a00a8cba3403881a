"""Plans for a whole organisation: shared catalogue preparation, deduplicated gaps, two cores.

Employees in the same role usually share a catalogue and a target and often the same
current levels on every skill that matters for that target; such problems are solved once.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

import numpy as np
from tqdm import tqdm

from recommender.planner.catalogue import Catalogue
from recommender.planner.catalogue import compile_catalogue
from recommender.planner.catalogue import restrict
from recommender.planner.problem import parse_courses
from recommender.planner.problem import parse_problem
from recommender.planner.solver import DEFAULT_TIME_LIMIT_MS
from recommender.planner.solver import Known
from recommender.planner.solver import Plan
from recommender.planner.solver import solve_compiled

Task = tuple[int, tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], str, float | None]

# Plans from scratch seed every employee's search and are the answer for everyone who
# knows nothing of the target yet (often a third of an organisation), so they get a
# time limit long enough to prove most of them optimal.
_ROLE_LIMIT_FACTOR = 20.0
_ROLE_LIMIT_MS = 6000.0

# The quality rule: an employee's plan that its time limit leaves further than 5% from its
# proven lower bound is searched on, for up to 8 times its time limit (at least 40 ms), until it is shown
# within 5% of the optimum. Bounds are loose, so this lifts far more plans than are truly
# 5% off, and it is what keeps the worst plans of an organisation close to optimal.
ASSURED_GAP = 0.05
ASSURED_LIMIT_FACTOR = 8.0
_ASSURED_MIN_LIMIT_MS = 5.0

_CATALOGUES: list[Catalogue] = []
# Pieces solved in this process, per catalogue: gaps toward one target share many pieces.
_KNOWN: list[dict[bytes, Known]] = []


def solve_many(problems: Iterable[dict[str, Any]], workers: int = 2, progress: bool = False
               ) -> Iterator[Plan]:
    """Solve many problems, in input order, solving each distinct gap only once.

    Each distinct (catalogue, target, objective) is first planned from scratch with a longer
    time limit; that plan stays valid whatever the employee already knows, so it seeds every
    employee's search with that target. A plan that its time limit leaves more than 5% above
    its proven bound is searched on (see ``ASSURED_GAP``), so the time limit is a soft one.

    Parameters
    ----------
    problems : iterable of dict
        Problems as for :func:`recommender.planner.solve`; problems that share the same
        ``courses`` list object share its validation and compilation.
    workers : int
        Processes to use; 1 solves in this process.
    progress : bool
        Show a progress bar on standard error.

    Yields
    ------
    Plan
        One per problem, in order. Identical gaps get the same plan object.
    """
    catalogues, tasks = _prepare(problems)
    counts = Counter(tasks)
    bar = tqdm(total=len(tasks), disable=not progress, unit="plan")
    solved: dict[Task, Plan] = {}
    with _executor(catalogues, workers) as run:
        # Largest catalogues first, so that the two workers finish together.
        roles = sorted(dict.fromkeys(_role_task(task) for task in counts),
                       key=lambda role: -catalogues[role[0]].n_courses)
        from_scratch = dict(zip(roles, run(_solve_task, roles), strict=True))
        for task in counts:
            if not task[1]:  # nothing known yet: the role's own plan is the answer
                solved[task] = from_scratch[_role_task(task)]
                bar.update(counts[task])
        jobs = [(task, _positions(catalogues[task[0]], from_scratch[_role_task(task)]))
                for task in counts if task not in solved]
        for (task, _), plan in zip(jobs, run(_solve_hinted, jobs), strict=True):
            solved[task] = plan
            bar.update(counts[task])
    bar.close()
    return (solved[task] for task in tasks)


def _prepare(problems: Iterable[dict[str, Any]]) -> tuple[list[Catalogue], list[Task]]:
    """Reduce every problem to a hashable gap over a catalogue cut down to its target.

    Each distinct catalogue is validated and compiled once; each distinct target gets the
    sub-catalogue of courses that can matter for it, and current levels are kept only on
    the skills that can change its plan, and only up to the highest level of each that a
    target or a prerequisite asks for (anything above changes nothing).
    """
    compiled: dict[int, Catalogue] = {}
    keep_alive: list[Any] = []
    views: dict[tuple[int, frozenset[tuple[str, int]]], tuple[int, dict[str, int]]] = {}
    catalogues: list[Catalogue] = []
    tasks: list[Task] = []
    for problem in problems:
        courses = problem.get("courses") if isinstance(problem, dict) else None
        if id(courses) not in compiled:
            compiled[id(courses)] = compile_catalogue(parse_courses(courses))
            keep_alive.append(courses)
        spec = parse_problem({**problem, "courses": []})
        goal = frozenset(spec.target.items())
        if (id(courses), goal) not in views:
            skills, useful = _relevant(compiled[id(courses)], spec.target)
            views[id(courses), goal] = (len(catalogues), skills)
            restricted = restrict(compiled[id(courses)], useful)
            _ = restricted.dominated  # computed once here, before the workers fork
            catalogues.append(restricted)
        index, caps = views[id(courses), goal]
        current = tuple(sorted((s, min(v, caps[s])) for s, v in spec.current.items()
                               if v and s in caps))
        tasks.append((index, current, tuple(sorted(goal)), spec.objective, spec.time_limit_ms))
    return catalogues, tasks


def _relevant(cat: Catalogue, target: dict[str, int]) -> tuple[dict[str, int], np.ndarray]:
    """Skills whose current level can change the plan for ``target``, and their courses.

    The targets themselves, and every skill required by a course that teaches a relevant
    skill, transitively; the courses are those teaching a relevant skill. Any other course
    teaches nothing the plan could need. Each skill comes with the highest level that a
    target or one of those courses asks of it.
    """
    mask = np.zeros(cat.n_skills, dtype=bool)
    mask[[cat.skill_index[s] for s in target if s in cat.skill_index]] = True
    while True:
        teaching = np.zeros(cat.n_courses, dtype=bool)
        teaching[cat.teach_course[mask[cat.teach_skill]]] = True
        grown = mask.copy()
        grown[cat.req_skill[teaching[cat.req_course]]] = True
        if (grown == mask).all():
            break
        mask = grown
    asked = np.zeros(cat.n_skills, dtype=np.int64)
    needing = teaching[cat.req_course]
    np.maximum.at(asked, cat.req_skill[needing], cat.req_level[needing])
    caps = {cat.skills[i]: int(asked[i]) for i in np.flatnonzero(mask)}
    for skill, level in target.items():
        caps[skill] = max(caps.get(skill, 0), level)
    return caps, np.flatnonzero(teaching)


Runner = Callable[[Callable[[Any], Plan], list[Any]], Iterator[Plan]]


@contextmanager
def _executor(catalogues: list[Catalogue], workers: int) -> Iterator[Runner]:
    """A map over worker processes (or this one) that hold the compiled catalogues."""
    if workers <= 1:
        _install(catalogues)
        yield lambda function, items: map(function, items)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_install,
                             initargs=(catalogues,)) as pool:
        yield lambda function, items: pool.map(
            function, items, chunksize=max(1, min(16, len(items) // (32 * workers))))


def _role_task(task: Task) -> Task:
    index, _, target, objective, limit = task
    base_limit = max(_ROLE_LIMIT_FACTOR * (limit or DEFAULT_TIME_LIMIT_MS), _ROLE_LIMIT_MS)
    return index, (), target, objective, base_limit


def _positions(cat: Catalogue, plan: Plan) -> tuple[int, ...]:
    where = {course_id: position for position, course_id in enumerate(cat.ids)}
    return tuple(where[course_id] for course_id in plan.courses)


def _install(catalogues: list[Catalogue]) -> None:
    _CATALOGUES[:] = catalogues
    _KNOWN[:] = [{} for _ in catalogues]


def _solve_task(task: Task) -> Plan:
    index, current, target, objective, limit = task
    return solve_compiled(_CATALOGUES[index], dict(current), dict(target), objective, limit,
                          known=_KNOWN[index])


def _solve_hinted(job: tuple[Task, tuple[int, ...]]) -> Plan:
    (index, current, target, objective, limit), hint = job
    hard = ASSURED_LIMIT_FACTOR * max(DEFAULT_TIME_LIMIT_MS if limit is None else limit,
                                      _ASSURED_MIN_LIMIT_MS)
    return solve_compiled(_CATALOGUES[index], dict(current), dict(target), objective, limit,
                          hint=hint, assurance=(ASSURED_GAP, hard), known=_KNOWN[index])
