"""Exact covering model with lazily added cycle rows, solved by HiGHS.

Columns are one binary per course and one continuous "reached" variable per fact. Rows:
a fact is reached only if a course that can be first to lift it is taken; a course is taken
only if its required facts are reached; reaching a level implies the levels below. Cycle
rows are added when the solver's choice cannot be ordered: for the facts F left unreached,
every course that relies on F needs some course that teaches into F while needing nothing in
F. A fresh model is built for every solve (HiGHS can misreport re-solved models), and every
returned choice is replayed before it is trusted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np
from highspy._core import _Highs
from scipy.sparse import csr_matrix

from recommender.planner.heuristic import complete, drop_redundant
from recommender.planner.objective import Weights
from recommender.planner.sequence import CourseTable, Ordering


# The warm start stands in for HiGHS's costlier root heuristics.
_OPTIONS = (("output_flag", False), ("threads", 1), ("mip_rel_gap", 0.0),
            ("mip_heuristic_run_feasibility_jump", False), ("mip_heuristic_run_rins", False),
            ("mip_heuristic_run_rens", False), ("mip_heuristic_run_root_reduced_cost", False))


@dataclass
class Cuts:
    """Cycle rows gathered so far, as coordinate lists."""

    rows: list[np.ndarray] = field(default_factory=list)
    cols: list[np.ndarray] = field(default_factory=list)
    vals: list[np.ndarray] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)

    def add(self, cols: np.ndarray, vals: np.ndarray, lower: float) -> None:
        """Append the row ``lower <= vals . x[cols]`` (upper bound 0 when lower is -inf)."""
        self.rows.append(np.full(len(cols), len(self.lower), dtype=np.int64))
        self.cols.append(cols)
        self.vals.append(vals)
        self.lower.append(lower)


@dataclass(frozen=True)
class ExactResult:
    """Best valid covering set found and what the solver proved.

    Attributes
    ----------
    chosen : set of int
        Courses of the best valid plan (None if there is none).
    bound : float
        Lower bound on the total weight of any valid plan.
    proven : bool
        Whether ``chosen`` was proven optimal.
    """

    chosen: set[int] | None
    bound: float
    proven: bool


def solve_exact(table: CourseTable, weights: Weights, start: set[int] | None, deadline: float
                ) -> ExactResult:
    """Improve ``start`` towards a proven optimum until ``deadline`` (perf_counter seconds)."""
    weight = weights.weight
    best = start
    best_value = np.inf if start is None else float(weight[list(start)].sum())
    bound, cuts = -np.inf, Cuts()
    while (remaining := deadline - time.perf_counter()) > 0:
        optimal, round_bound, values = _run(table, weights, cuts, best, remaining)
        bound = max(bound, round_bound)
        if values is None:
            break
        ordering = table.order(np.flatnonzero(values > 0.5).tolist())
        valid = ordering.covers(table.inst)
        candidate = set(ordering.order) if valid else _repair(table, weight, ordering, cuts)
        if candidate is not None and float(weight[list(candidate)].sum()) < best_value - 1e-9:
            best, best_value = candidate, float(weight[list(candidate)].sum())
        if not optimal or valid:
            return ExactResult(best, bound, optimal and valid)
    return ExactResult(best, bound, False)


def _run(table: CourseTable, weights: Weights, cuts: Cuts, start: set[int] | None,
         seconds: float) -> tuple[bool, float, np.ndarray | None]:
    """One solve: (proven optimal?, dual bound, course values or None).

    HiGHS 1.16 can carry a warm start into presolve wrongly and then report the start as
    its answer with a better objective than it has. Warm starts therefore run without
    presolve, and an answer whose weight does not match the reported objective is solved
    again from scratch before anything from it is trusted.
    """
    n = table.inst.n_courses
    for warm in (start, None) if start is not None else (None,):
        highs = _model(table, weights, cuts, warm, seconds)
        highs.run()
        info = highs.getInfo()
        if info.primal_solution_status != 2:
            return False, _bound(info.mip_dual_bound), None
        values = np.asarray(highs.getSolution().col_value[:n])
        claimed = info.objective_function_value
        if abs(float(weights.weight @ values) - claimed) <= 1e-6 * max(1.0, abs(claimed)):
            optimal = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
            return optimal, _bound(info.mip_dual_bound), values
    return False, -np.inf, None


def _bound(value: float) -> float:
    return value if np.isfinite(value) else -np.inf


def _repair(table: CourseTable, weight: np.ndarray, ordering: Ordering, cuts: Cuts
            ) -> set[int] | None:
    """Record cycle rows for a choice that cannot be ordered, and complete what it reached."""
    inst = table.inst
    n = inst.n_courses
    stuck_reasons = {f for c in ordering.stuck for f in table.required_facts[c]}
    unmet_targets = [f for f in inst.target_facts.tolist() if ordering.levels[
        int(table.fact_skill[f])] < table.fact_level[f]]
    for fact in sorted(stuck_reasons | set(unmet_targets)):
        if ordering.levels[int(table.fact_skill[fact])] >= table.fact_level[fact]:
            continue
        entry = _entry_courses(table, _dependency_set(table, ordering, fact))
        cuts.add(np.append(entry, n + fact), np.append(-np.ones(len(entry)), 1.0), -np.inf)
    repaired = complete(table, weight, set(ordering.order))
    return None if repaired is None else drop_redundant(table, weight, repaired)


def _dependency_set(table: CourseTable, ordering: Ordering, fact: int) -> dict[int, int]:
    """Unreached facts (lowest level per skill) that keep ``fact`` out of reach.

    Starts from ``fact`` and adds the unmet prerequisites of every stuck chosen course that
    could have lifted a fact already in the set.
    """
    lowest = {int(table.fact_skill[fact]): int(table.fact_level[fact])}
    grew = True
    while grew:
        grew = False
        for course in ordering.stuck:
            if not any(lowest.get(s, 9) <= t for s, t in table.teaches[course]):
                continue
            for skill, level in table.requires[course]:
                if ordering.levels[skill] < level and lowest.get(skill, 9) > level:
                    lowest[skill] = level
                    grew = True
    return lowest


def _entry_courses(table: CourseTable, lowest: dict[int, int]) -> np.ndarray:
    """Courses that can lift a fact of the set while requiring none of it."""
    inst = table.inst
    floor = np.full(len(inst.current), 9)
    floor[list(lowest)] = list(lowest.values())
    inside = table.fact_level >= floor[table.fact_skill]
    lifts = np.bincount(inst.sup_course[inside[inst.sup_fact]], minlength=inst.n_courses) > 0
    needs = np.bincount(inst.req_course[inside[inst.req_fact]], minlength=inst.n_courses) > 0
    return np.flatnonzero(lifts & ~needs)


def _model(table: CourseTable, weights: Weights, cuts: Cuts, start: set[int] | None,
           seconds: float) -> _Highs:
    inst = table.inst
    n, facts = inst.n_courses, inst.n_facts
    rows, cols, vals, lower = _base_rows(table)
    first_cut = len(lower)
    if cuts.lower:
        rows = np.concatenate([rows, *(r + first_cut for r in cuts.rows)])
        cols = np.concatenate([cols, *cuts.cols])
        vals = np.concatenate([vals, *cuts.vals])
        lower = np.concatenate([lower, cuts.lower])
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(lower), n + facts))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n + facts, len(lower)
    lp.col_cost_ = np.concatenate([weights.weight, np.zeros(facts)])
    col_lower = np.zeros(n + facts)
    col_lower[n + inst.target_facts] = 1.0
    lp.col_lower_, lp.col_upper_ = col_lower, np.ones(n + facts)
    lp.row_lower_ = lower
    lp.row_upper_ = np.where(np.isfinite(lower), np.inf, 0.0)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n + [highspy.HighsVarType.kContinuous] * facts
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_, lp.a_matrix_.index_ = matrix.indptr, matrix.indices
    lp.a_matrix_.value_ = matrix.data
    highs = _Highs()  # the wrapper class prints a banner and routes every event to Python
    for name, value in (*_OPTIONS, ("time_limit", seconds),
                        ("mip_abs_gap", max(weights.resolution / 2, 1e-7))):
        highs.setOptionValue(name, value)
    if start is not None:
        highs.setOptionValue("presolve", "off")
    highs.passModel(lp)
    if start is not None:
        highs.setSolution(_warm_start(table, start))
    return highs


def _base_rows(table: CourseTable) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Covering, prerequisite and monotone rows, all of the form ``row <= 0``."""
    inst = table.inst
    n, facts = inst.n_courses, inst.n_facts
    n_req = len(inst.req_course)
    same = np.flatnonzero(table.fact_skill[1:] == table.fact_skill[:-1])
    req_rows = facts + np.arange(n_req)
    mono_rows = facts + n_req + np.arange(len(same))
    rows = np.concatenate([np.arange(facts), inst.sup_fact, req_rows, req_rows,
                           mono_rows, mono_rows])
    cols = np.concatenate([n + np.arange(facts), inst.sup_course, inst.req_course,
                           n + inst.req_fact, n + same + 1, n + same])
    vals = np.concatenate([np.ones(facts), -np.ones(len(inst.sup_fact)), np.ones(n_req),
                           -np.ones(n_req), np.ones(len(same)), -np.ones(len(same))])
    lower = np.full(facts + n_req + len(same), -np.inf)
    return rows, cols, vals, lower


def _warm_start(table: CourseTable, chosen: set[int]) -> highspy.HighsSolution:
    inst = table.inst
    levels = np.asarray(table.order(chosen).levels)
    solution = highspy.HighsSolution()
    taken = np.zeros(inst.n_courses)
    taken[list(chosen)] = 1.0
    reached = (table.fact_level <= levels[table.fact_skill]).astype(float)
    solution.col_value = np.concatenate([taken, reached]).tolist()
    return solution
