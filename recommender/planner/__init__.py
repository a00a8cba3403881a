"""Exact learning-path planning: the fewest hours (or least cost) that close a skill gap.

Public API: :func:`solve` for one problem, :func:`solve_many` for a whole organisation,
:func:`simulate` to replay a plan, :class:`Plan` and :class:`PlanProblemError`.

How a problem is solved: validate (:mod:`.problem`), compile the catalogue to arrays
(:mod:`.catalogue`) and find its dominated courses once (:mod:`.dominance`), prune exactly
to the courses that can help and split them into skill-disjoint instances
(:mod:`.instance`), then per instance solve the covering model (:mod:`.model`) by LP and
MIP rounds with lazily added cycle rows and reduced-cost fixing (:mod:`.exact`,
:mod:`.cycles`), with relaxed-cost plans (:mod:`.heuristic`) as fallback and warm start.
Every plan is replayed (:mod:`.sequence`, on bit masks of facts) before it is returned.
"""

from recommender.planner.batch import solve_many
from recommender.planner.problem import PlanProblemError
from recommender.planner.sequence import NotTakeableError
from recommender.planner.sequence import simulate
from recommender.planner.solver import Plan
from recommender.planner.solver import solve

__all__ = ["NotTakeableError", "Plan", "PlanProblemError", "simulate", "solve", "solve_many"]
