"""Glue between the database-backed records and the recommender, shared by the site and the CLI."""

from __future__ import annotations

import networkx as nx

from recommender.learning_plan import LearningPlan
from recommender.learning_plan import plan_learning
from recommender.ranking import TargetIndex
from recommender.ranking import TargetRecommendation
from recommender.ranking import rank_targets
from skills_graph.records import EmployeeProfile

PLAN_CACHE_SIZE = 4096


def cached_plan(
    G: nx.DiGraph, profile: EmployeeProfile, target: str, hours_per_week: float
) -> LearningPlan:
    """``plan_learning`` memoised per graph, so pages and rankings never solve the same gap twice."""
    cache: dict[tuple[object, ...], LearningPlan] = G.graph.setdefault("plan_cache", {})
    key = (profile.key, tuple(sorted(profile.levels.items())), target, hours_per_week)
    plan = cache.get(key)
    if plan is None:
        if len(cache) >= PLAN_CACHE_SIZE:
            cache.clear()
        plan = cache[key] = plan_learning(G, profile, target, hours_per_week)
    return plan


def ranked_targets(G: nx.DiGraph, profile: EmployeeProfile) -> list[TargetRecommendation]:
    """Targets for ``profile``, the best ones with exact plan hours."""
    index = TargetIndex.from_graph(G)
    return rank_targets(
        index, profile,
        exact_hours=lambda role: cached_plan(G, profile, role, 4.0).total_hours,
    )
