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
from scipy.sparse import csr_matrix

from recommender.planner.cycles import Cuts
from recommender.planner.objective import Weights
from recommender.planner.sequence import CourseTable

# The warm start stands in for HiGHS's costlier root heuristics.
_OPTIONS = (("output_flag", False), ("threads", 1), ("mip_rel_gap", 0.0),
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
        self.base = csr_matrix((vals, (rows, cols)), shape=(len(self.lower), self.n_cols))
        self.cost = np.concatenate([weights.weight, np.zeros(facts)])
        self.col_lower = np.zeros(n + facts)
        self.col_lower[n + inst.target_facts] = 1.0
        self.integrality = ([highspy.HighsVarType.kInteger] * n
                            + [highspy.HighsVarType.kContinuous] * facts)

    def highs(self, cuts: Cuts, start: set[int] | None, seconds: float,
              relaxation: bool = False) -> _Highs:
        """A HiGHS instance ready to run: the MIP, or its LP relaxation.

        Warm-started and relaxed solves run without presolve (see :mod:`exact`).
        """
        lower = np.concatenate([self.lower, cuts.lower])
        lengths = np.array([len(cols) for cols in cuts.cols], dtype=np.int64)
        row_start = np.concatenate([self.base.indptr, self.base.nnz + np.cumsum(lengths)])
        index = np.concatenate([self.base.indices, *cuts.cols])
        value = np.concatenate([self.base.data, *cuts.vals])
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = self.n_cols, len(lower)
        lp.col_cost_, lp.col_lower_, lp.col_upper_ = self.cost, self.col_lower, np.ones(self.n_cols)
        lp.row_lower_, lp.row_upper_ = lower, np.where(np.isfinite(lower), np.inf, 0.0)
        if not relaxation:
            lp.integrality_ = self.integrality
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = row_start, index, value
        highs = _Highs()  # the wrapper class prints a banner and routes every event to Python
        for name, option in (*_OPTIONS, ("time_limit", seconds),
                             ("mip_abs_gap", max(self.weights.resolution / 2, 1e-7))):
            highs.setOptionValue(name, option)
        if start is not None or relaxation:
            highs.setOptionValue("presolve", "off")
        highs.passModel(lp)
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
    levels = np.asarray(table.order(chosen).levels)
    solution = highspy.HighsSolution()
    taken = np.zeros(inst.n_courses)
    taken[list(chosen)] = 1.0
    reached = (table.fact_level <= levels[table.fact_skill]).astype(float)
    solution.col_value = np.concatenate([taken, reached]).tolist()
    return solution
