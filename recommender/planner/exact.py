"""Exact search: LP rounds, then MIP rounds, each adding cycle rows until a choice orders.

The LP relaxation of the covering model costs a fraction of a MIP solve. When its optimum
is integral and can be ordered it is proven optimal; when it is fractional and its support
relies on a prerequisite cycle, cycle rows cut it off and it is solved again; and once the
best plan meets its bound, that plan is proven optimal too. Otherwise the relaxations guide
a repair heuristic and the MIP takes over, warm-started with the best plan known. A fresh
model is built for every solve, since HiGHS can misreport re-solved models, and every
returned choice is replayed before it is trusted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from recommender.planner.cycles import Cuts
from recommender.planner.cycles import add_cycle_rows
from recommender.planner.heuristic import complete
from recommender.planner.heuristic import drop_redundant
from recommender.planner.heuristic import heuristic_plan
from recommender.planner.model import CoveringModel
from recommender.planner.objective import Weights
from recommender.planner.sequence import CourseTable

_INTEGRAL = 1e-6
_SUPPORT = 1e-6
# Guided plans start from the courses at or above each threshold; several thresholds find
# the optimum noticeably more often than one, for about a millisecond per round.
_ROUNDING = (0.5, 0.3, 0.7)
_FIRST_LP_SECONDS = 0.05


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


class Search:
    """Best plan, bound and cycle rows shared by the LP and MIP rounds."""

    def __init__(self, table: CourseTable, weights: Weights, start: set[int] | None) -> None:
        self.table, self.weights = table, weights
        self.best = start
        self.best_value = np.inf if start is None else self.value(start)
        self.bound = -np.inf
        self.cuts = Cuts()
        self.reduced: tuple[float, np.ndarray] | None = None
        self.model = CoveringModel(table, weights)

    def value(self, chosen: set[int]) -> float:
        return float(self.weights.weight[list(chosen)].sum())

    def offer(self, chosen: set[int] | None) -> None:
        if chosen is not None and self.value(chosen) < self.best_value - 1e-9:
            self.best, self.best_value = chosen, self.value(chosen)

    def check(self, values: np.ndarray) -> bool:
        """Keep the choice if it orders; otherwise add cycle rows and keep its repair."""
        ordering = self.table.order(np.flatnonzero(values > 0.5).tolist())
        if ordering.covers():
            self.offer(set(ordering.order))
            return True
        add_cycle_rows(self.table, ordering, self.cuts)
        self.offer(self.guided(values, set(ordering.order)))
        return False

    def separate(self, values: np.ndarray) -> bool:
        """Add cycle rows cut off by a fractional choice; False when its support orders.

        Courses outside the support of ``values`` are unused, so if the support cannot be
        ordered to reach every target, the facts it leaves unreached give violated rows.
        """
        ordering = self.table.order(np.flatnonzero(values > _SUPPORT).tolist())
        if ordering.covers():
            return False
        add_cycle_rows(self.table, ordering, self.cuts)
        return True

    def certified(self) -> bool:
        """Whether the bound already proves the best plan optimal in the primary measure."""
        return self.within(0.0)

    def fixable(self) -> np.ndarray | None:
        """Courses no plan better than the best one can take (reduced-cost fixing).

        A course whose reduced cost in the last relaxation lifts that relaxation's value
        above the best plan's cannot be in any better plan, since every cycle row is valid
        for every plan. The best plan's own courses stay free, so the restricted model
        keeps it, and its dual bound remains a bound on the whole problem.
        """
        if self.reduced is None or self.best is None:
            return None
        objective, reduced = self.reduced
        out = objective + reduced > self.best_value + max(1e-6, self.weights.resolution / 2)
        out[list(self.best)] = False
        return np.flatnonzero(out)

    def within(self, gap: float) -> bool:
        """Whether the best plan is proven within relative ``gap`` of the optimum."""
        if self.best is None:
            return False
        value = float(self.table.inst.primary[list(self.best)].sum())
        return value <= (1.0 + gap) * self.weights.primary_bound(self.bound) + 1e-9

    def guided(self, values: np.ndarray, base: set[int]) -> set[int] | None:
        """Complete ``base`` preferring what the solver picked, then tidy it."""
        weight = self.weights.weight
        discounted = weight * (1.0 - np.clip(values, 0.0, 1.0) * (1.0 - 1e-3))
        chosen = complete(self.table, discounted, base)
        return None if chosen is None else drop_redundant(self.table, weight, chosen)

    def result(self, proven: bool) -> ExactResult:
        return ExactResult(self.best, self.bound, proven)


def run_search(search: Search, deadline: float) -> ExactResult:
    """Search for a proven optimum until ``deadline`` (perf_counter seconds).

    Always returns a valid plan when the targets are reachable, even past the deadline:
    the extraction heuristic stands in when the solver had no time. The search's start
    plan, if any, seeds it; :func:`tighten` can resume it later.
    """
    table, weights = search.table, search.weights
    if _lp_rounds(search, deadline) or search.certified():
        return search.result(True)
    if search.best is None:
        search.offer(heuristic_plan(table, weights.weight))
    while (remaining := deadline - time.perf_counter()) > 0:
        optimal, bound, picked = _run(search, remaining)
        search.bound = max(search.bound, bound)
        if picked is None:
            break
        valid = search.check(picked)
        if not optimal or valid:
            return search.result(optimal and valid)
    return search.result(False)


def tighten(search: Search, deadline: float, gap: float) -> ExactResult:
    """Resume a stopped search until its plan is shown within ``gap`` of the optimum.

    The MIP is told to stop at that relative gap, so it ends as soon as either a better
    plan or a better bound closes it; cycle rows are added as before when its choice
    cannot be ordered. Stops at ``deadline`` in any case.
    """
    while not search.within(gap) and (remaining := deadline - time.perf_counter()) > 0:
        optimal, bound, picked = _run(search, remaining, rel_gap=gap * 0.9)
        search.bound = max(search.bound, bound)
        if picked is None or search.check(picked):
            break
    return search.result(search.certified())


def _lp_rounds(search: Search, deadline: float) -> bool:
    """Solve relaxations, adding cycle rows, until one orders; True if it is integral (optimal).

    A fractional relaxation whose support relies on a cycle is cut off too: the tighter
    relaxation guides better plans and bounds the MIP. The first round runs even past the
    deadline: its guided plan beats the bare heuristic.
    """
    first = True
    while first or time.perf_counter() < deadline:
        seconds = max(deadline - time.perf_counter(), _FIRST_LP_SECONDS)
        first = False
        highs = search.model.highs(search.cuts, None, seconds, relaxation=True)
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return False
        objective = highs.getInfo().objective_function_value
        search.bound = max(search.bound, objective)
        solution = highs.getSolution()
        values = np.asarray(solution.col_value[: search.table.inst.n_courses])
        search.reduced = (objective, np.asarray(solution.col_dual[: search.table.inst.n_courses]))
        if np.minimum(values, 1.0 - values).max(initial=0.0) > _INTEGRAL:
            for threshold in _ROUNDING:
                search.offer(search.guided(values, set(np.flatnonzero(values >= threshold).tolist())))
            if search.certified() or not search.separate(values):
                return False
            continue
        if search.check(values):
            return True
    return False


def _run(search: Search, seconds: float, rel_gap: float = 0.0
         ) -> tuple[bool, float, np.ndarray | None]:
    """One MIP solve: (proven optimal?, dual bound, course values or None).

    HiGHS 1.16 can carry a warm start into presolve wrongly and then report the start as
    its answer with a better objective than it has. Warm starts therefore run without
    presolve, and an answer whose weight does not match the reported objective is solved
    again from scratch before anything from it is trusted.
    """
    table, weights = search.table, search.weights
    for warm in (search.best, None) if search.best is not None else (None,):
        highs = search.model.highs(search.cuts, warm, seconds, rel_gap=rel_gap,
                                   fixed=search.fixable())
        highs.run()
        info = highs.getInfo()
        bound = info.mip_dual_bound if np.isfinite(info.mip_dual_bound) else -np.inf
        if info.primal_solution_status != 2:
            return False, bound, None
        values = np.asarray(highs.getSolution().col_value[: table.inst.n_courses])
        claimed = info.objective_function_value
        if abs(float(weights.weight @ values) - claimed) <= 1e-6 * max(1.0, abs(claimed)):
            return highs.getModelStatus() == highspy.HighsModelStatus.kOptimal, bound, values
    return False, -np.inf, None
