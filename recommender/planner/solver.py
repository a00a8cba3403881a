"""The planner's entry point: problem in, verified plan out."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Literal

import numpy as np

from recommender.planner.catalogue import Catalogue
from recommender.planner.catalogue import compile_catalogue
from recommender.planner.exact import ExactResult
from recommender.planner.exact import Search
from recommender.planner.exact import run_search
from recommender.planner.exact import tighten
from recommender.planner.heuristic import complete
from recommender.planner.heuristic import drop_redundant
from recommender.planner.instance import Instance
from recommender.planner.instance import reachable_levels
from recommender.planner.instance import split_instances
from recommender.planner.objective import objective_weights
from recommender.planner.problem import parse_problem
from recommender.planner.sequence import CourseTable

DEFAULT_TIME_LIMIT_MS = 1000.0
_KNOWN_LIMIT = 100_000
_RECENT_SIZE = 4
_RECENT_MIN_COURSES = 200
_RECENT: list[tuple[list[dict[str, Any]], Catalogue]] = []
_RECENT_LOCK = threading.Lock()


@dataclass(frozen=True)
class Plan:
    """An ordered learning plan and what is known about its optimality.

    Attributes
    ----------
    status : {"optimal", "feasible"}
        ``optimal`` when proven minimal; ``feasible`` when the time limit stopped the proof.
    courses : tuple of str
        Course ids in the order they can be taken.
    total_hours, total_cost : float
        Sums over the plan's courses.
    uncovered : dict
        Target skills no sequence of courses can bring to their level, with that level.
    lower_bound : float
        Proven lower bound on the optimal objective (hours or cost).
    solve_ms : float
        Wall time spent, preparation included.
    """

    status: Literal["optimal", "feasible"]
    courses: tuple[str, ...]
    total_hours: float
    total_cost: float
    uncovered: dict[str, int] = field(default_factory=dict)
    lower_bound: float = 0.0
    solve_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The plan as the JSON-ready answer of ``reskill solve``."""
        return {"status": self.status, "courses": list(self.courses),
                "total_hours": self.total_hours, "total_cost": self.total_cost,
                "uncovered": dict(self.uncovered), "lower_bound": self.lower_bound,
                "solve_ms": self.solve_ms}


def solve(problem: dict[str, Any]) -> Plan:
    """Plan the fewest hours (or least cost) of courses that close a skill gap.

    Parameters
    ----------
    problem : dict
        ``current``, ``target``, ``courses``, optional ``objective`` ("hours" or "cost")
        and ``time_limit_ms`` (default 1000).

    Returns
    -------
    Plan

    Raises
    ------
    PlanProblemError
        When the problem is malformed; the message names the course and field.

    Examples
    --------
    >>> plan = solve({"current": {"a": 1}, "target": {"a": 3}, "courses": [
    ...     {"id": "big", "hours": 9, "teaches": {"a": 3}},
    ...     {"id": "step", "hours": 4, "teaches": {"a": 3}, "requires": {"a": 1}}]})
    >>> plan.courses, plan.status
    (('step',), 'optimal')
    """
    started = time.perf_counter()
    catalogue = _recent_catalogue(problem)
    spec = parse_problem(problem if catalogue is None else {**problem, "courses": []})
    if catalogue is None:
        catalogue = compile_catalogue(spec.courses)
        _remember(problem["courses"], catalogue)
    return solve_compiled(catalogue, spec.current, spec.target, spec.objective,
                          spec.time_limit_ms, started)


def _recent_catalogue(problem: Any) -> Catalogue | None:
    """The compiled catalogue of an equal, already validated course list, if any.

    Pages plan employee after employee against the same catalogue; comparing lists is far
    cheaper than validating and compiling thousands of courses again.
    """
    courses = problem.get("courses") if isinstance(problem, dict) else None
    with _RECENT_LOCK:
        recent = list(_RECENT)
    for snapshot, catalogue in recent:
        if len(snapshot) == len(courses or ()) and snapshot == courses:
            return catalogue
    return None


def _remember(courses: list[dict[str, Any]], catalogue: Catalogue) -> None:
    if len(courses) < _RECENT_MIN_COURSES:
        return
    # A copy, so that later changes to the caller's list cannot alias a stale catalogue.
    snapshot = [{**course, **{key: dict(course[key]) for key in ("teaches", "requires")
                              if key in course}} for course in courses]
    with _RECENT_LOCK:
        _RECENT.insert(0, (snapshot, catalogue))
        del _RECENT[_RECENT_SIZE:]


def solve_compiled(cat: Catalogue, current: dict[str, int], target: dict[str, int],
                   objective: str = "hours", time_limit_ms: float | None = None,
                   started: float | None = None, hint: Sequence[int] = (),
                   assurance: tuple[float, float] | None = None,
                   known: dict[bytes, Known] | None = None) -> Plan:
    """Solve against an already compiled catalogue (see :func:`solve` for the meaning).

    ``hint`` lists catalogue positions of courses of a plan that was valid from lower or
    equal current levels (a role's plan from scratch, say); it seeds the search.
    ``assurance`` is ``(gap, hard_limit_ms)``: when the time limit leaves the plan further
    than ``gap`` (relative) from its proven bound, the pieces furthest from theirs are
    searched on, until the whole plan is within ``gap`` or ``hard_limit_ms`` has passed.
    ``known`` maps pieces already solved against this same catalogue to their answers; it
    is read and filled in (whole organisations share many pieces of their gaps).
    """
    started = time.perf_counter() if started is None else started
    limit = DEFAULT_TIME_LIMIT_MS if time_limit_ms is None else float(time_limit_ms)
    deadline = started + limit / 1000.0
    cur, wanted = cat.levels(current), cat.levels(target)
    reach, takeable = reachable_levels(cat, cur)
    uncovered = {skill: level for skill, level in target.items()
                 if level > current.get(skill, 0)
                 and (skill not in cat.skill_index or reach[cat.skill_index[skill]] < level)}
    coverable = np.where(reach >= wanted, wanted, 0)
    first, second = (cat.hours, cat.cost) if objective == "hours" else (cat.cost, cat.hours)
    candidates = takeable & ~cat.dominated
    instances = sorted(split_instances(cat, first, second, cur, coverable, candidates),
                       key=lambda inst: inst.n_courses)
    hinted = np.zeros(cat.n_courses, dtype=bool)
    hinted[list(hint)] = True
    keys = [_key(inst, objective) for inst in instances] if known is not None else []
    answers: list[Known] = []
    searching: dict[int, _Piece] = {}
    for index, inst in enumerate(instances):
        if known is not None and keys[index] in known:
            answers.append(known[keys[index]])
            continue
        now = time.perf_counter()
        left = len(instances) - index
        share = deadline if left == 1 else now + max(deadline - now, 0.0) / left
        searching[index] = _Piece(inst, hinted, share)
        answers.append(searching[index].answer)
    if assurance is not None:
        _assure(answers, searching, assurance[0], started + assurance[1] / 1000.0)
    if known is not None:
        if len(known) > _KNOWN_LIMIT:
            known.clear()
        for index in searching:
            known[keys[index]] = answers[index]
    courses = [course for answer in answers for course in answer.courses]
    bound = sum(answer.bound for answer in answers)
    proven = all(answer.proven for answer in answers)
    return _plan(cat, courses, bound, proven, uncovered, started)


@dataclass(frozen=True)
class Known:
    """A piece's answer, kept for the same piece in another gap."""

    courses: list[int]
    value: float
    bound: float
    proven: bool


def _key(inst: Instance, objective: str) -> bytes:
    """Everything that defines a piece against a given catalogue."""
    return b"|".join([objective.encode(), inst.course.tobytes(), inst.skill.tobytes(),
                      inst.current.tobytes(), inst.need.tobytes(), inst.target.tobytes()])


class _Piece:
    """One instance's search, which can be resumed, and its current answer."""

    def __init__(self, inst: Instance, hinted: np.ndarray, deadline: float) -> None:
        self.inst = inst
        table = CourseTable(inst)
        weights = objective_weights(inst.primary, inst.secondary)
        start = None
        if hinted[inst.course].any():
            start = complete(table, weights.weight,
                             set(np.flatnonzero(hinted[inst.course]).tolist()))
            start = None if start is None else drop_redundant(table, weights.weight, start)
        self.search = Search(table, weights, start)
        self.answer = self._answer(run_search(self.search, deadline))

    def tighten(self, deadline: float, gap: float) -> Known:
        """Search on until the answer is within ``gap`` of its bound; the new answer."""
        self.answer = self._answer(tighten(self.search, deadline, gap))
        return self.answer

    def _answer(self, result: ExactResult) -> Known:
        """The result in catalogue indices, replayed, with a bound on its primary measure."""
        if result.chosen is None:
            raise RuntimeError("planner found no plan for coverable targets")
        ordering = self.search.table.order(result.chosen)
        if not ordering.covers():
            raise RuntimeError("planner produced a plan that does not replay")
        value = float(self.inst.primary[ordering.order].sum())
        bound = self.search.weights.primary_bound(result.bound)
        bound = value if result.proven else min(value, bound)
        return Known(self.inst.course[ordering.order].tolist(), value, bound,
                     value <= bound + 1e-9)


def _assure(answers: list[Known], searching: dict[int, _Piece], gap: float,
            deadline: float) -> None:
    """Search on the pieces furthest from their bounds until the plan is within ``gap``.

    ``searching`` holds the pieces solved in this call, by position in ``answers``; each is
    tried once, and its new answer replaces the old one.
    """
    def excess(answer: Known) -> float:
        return answer.value - (1.0 + gap) * answer.bound

    left = dict(searching)
    while time.perf_counter() < deadline:
        if sum(answer.value for answer in answers) <= (
                1.0 + gap) * sum(answer.bound for answer in answers) + 1e-9:
            return
        open_pieces = [i for i in left if excess(answers[i]) > 1e-9]
        if not open_pieces:
            return
        worst = max(open_pieces, key=lambda i: excess(answers[i]))
        answers[worst] = left.pop(worst).tighten(deadline, gap)


def _plan(cat: Catalogue, courses: list[int], bound: float, proven: bool,
          uncovered: dict[str, int], started: float) -> Plan:
    hours = float(cat.hours[courses].sum())
    cost = float(cat.cost[courses].sum())
    return Plan(
        status="optimal" if proven else "feasible",
        courses=tuple(cat.ids[c] for c in courses),
        total_hours=_tidy(hours), total_cost=_tidy(cost),
        uncovered=uncovered, lower_bound=_tidy(bound),
        solve_ms=round((time.perf_counter() - started) * 1000.0, 3),
    )


def _tidy(value: float) -> float:
    return round(value, 6) if math.isfinite(value) else value
