"""The covering model handed to HiGHS, built fresh for every solve.

Columns are one binary per course and one continuous "reached" variable per fact. Rows:
a fact is reached only if a course that can be first to lift it is taken; a course is taken
only if its required facts are reached; reaching a level implies the levels below; plus the
cycle rows gathered so far.
"""

from __future__ import annotations

import highspy
import numpy as np
from highspy._core import _Highs

from recommender.planner.cycles import Cuts
from recommender.planner.objective import Weights
from recommender.planner.sequence import CourseTable

# The warm start stands in for HiGHS's costlier root heuristics.
_ROWWISE = int(highspy.MatrixFormat.kRowwise)
_MINIMIZE = int(highspy.ObjSense.kMinimize)
_OPTIONS = (("output_flag", False), ("threads", 1),
            ("mip_heuristic_run_feasibility_jump", False), ("mip_heuristic_run_rins", False),
            ("mip_heuristic_run_rens", False), ("mip_heuristic_run_root_reduced_cost", False))


class CoveringModel:
    """The covering model of one instance; hands out fresh HiGHS instances with cuts added.

    The base rows are assembled once; each call to :meth:`highs` appends the cycle rows
    gathered so far.
    """

    def __init__(self, table: CourseTable, weights: Weights) -> None:
        inst = table.inst
        self.table, self.weights = table, weights
        n, facts = inst.n_courses, inst.n_facts
        self.n_cols = n + facts
        rows, cols, vals, self.lower = _base_rows(table)
        order = np.argsort(rows, kind="stable")
        self.base_start = np.concatenate(
            [[0], np.cumsum(np.bincount(rows, minlength=len(self.lower)))]).astype(np.int64)
        self.base_index, self.base_value = cols[order], vals[order]
        self.cost = np.concatenate([weights.weight, np.zeros(facts)])
        self.col_lower = np.zeros(n + facts)
        self.col_lower[n + inst.target_facts] = 1.0
        self.integer = np.concatenate([np.full(n, int(highspy.HighsVarType.kInteger)),
                                       np.full(facts, int(highspy.HighsVarType.kContinuous))
                                       ]).astype(np.int32)
        self.continuous = np.full(n + facts, int(highspy.HighsVarType.kContinuous),
                                  dtype=np.int32)

    def highs(self, cuts: Cuts, start: set[int] | None, seconds: float,
              relaxation: bool = False, rel_gap: float = 0.0,
              fixed: np.ndarray | None = None) -> _Highs:
        """A HiGHS instance ready to run: the MIP, or its LP relaxation.

        ``fixed`` lists courses held at 0.

        ``rel_gap`` lets the MIP stop once its plan is within that relative gap of its bound.

        Warm-started and relaxed solves run without presolve (see :mod:`exact`).
        """
        lower = np.concatenate([self.lower, cuts.lower])
        lengths = np.array([len(cols) for cols in cuts.cols], dtype=np.int64)
        row_start = np.concatenate([self.base_start,
                                    len(self.base_index) + np.cumsum(lengths)])
        index = np.concatenate([self.base_index, *cuts.cols])
        value = np.concatenate([self.base_value, *cuts.vals])
        highs = _Highs()  # the wrapper class prints a banner and routes every event to Python
        for name, option in (*_OPTIONS, ("time_limit", seconds), ("mip_rel_gap", rel_gap),
                             ("mip_abs_gap", max(self.weights.resolution / 2, 1e-7))):
            highs.setOptionValue(name, option)
        if start is not None or relaxation:
            highs.setOptionValue("presolve", "off")
        # The array form of passModel: several times faster than filling a HighsLp.
        upper = np.ones(self.n_cols)
        if fixed is not None:
            upper[fixed] = 0.0
        status = highs.passModel(
            self.n_cols, len(lower), len(index), _ROWWISE, _MINIMIZE, 0.0,
            self.cost, self.col_lower, upper,
            lower, np.where(np.isfinite(lower), np.inf, 0.0),
            row_start[:-1].astype(np.int32), index.astype(np.int32), value,
            self.continuous if relaxation else self.integer)
        if status != highspy.HighsStatus.kOk:
            raise RuntimeError(f"HiGHS rejected the covering model: {status}")
        if start is not None:
            highs.setSolution(_warm_start(self.table, start))
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
    solution = highspy.HighsSolution()
    taken = np.zeros(inst.n_courses)
    taken[list(chosen)] = 1.0
    reached = table.order(chosen).fact_reached().astype(float)
    solution.col_value = np.concatenate([taken, reached]).tolist()
    return solution
