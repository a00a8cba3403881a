"""Exact learning-path planning: the fewest hours (or least cost) that close a skill gap.

Public API: :func:`solve` for one problem, :func:`solve_many` for a whole organisation,
:func:`simulate` to replay a plan, :class:`Plan` and :class:`PlanProblemError`.
"""

from recommender.planner.batch import solve_many
from recommender.planner.problem import PlanProblemError
from recommender.planner.sequence import NotTakeableError
from recommender.planner.sequence import simulate
from recommender.planner.solver import Plan
from recommender.planner.solver import solve

__all__ = ["NotTakeableError", "Plan", "PlanProblemError", "simulate", "solve", "solve_many"]
