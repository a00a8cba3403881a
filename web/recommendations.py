"""Glue between the database-backed records and the recommender, shared by the site and the CLI."""

from __future__ import annotations

import networkx as nx
import numpy as np

from recommender.learning_plan import LearningPlan
from recommender.learning_plan import plan_learning
from recommender.ranking import TargetIndex
from recommender.ranking import TargetRecommendation
from recommender.ranking import rank_targets
from recommender.similarity import RoleSimilarity
from recommender.similarity import SimilarRole
from skills_graph.records import EmployeeProfile
from skills_graph.role_features import read_role_features
from web import database

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


def similarity_model(G: nx.DiGraph) -> RoleSimilarity:
    """Role-to-role similarity fitted on the database's roles, once per graph version."""
    model: RoleSimilarity | None = G.graph.get("similarity_model")
    if model is None:
        model = RoleSimilarity().fit(read_role_features(database.session()))
        G.graph["similarity_model"] = model
    return model


def similar_roles(G: nx.DiGraph, role: str, top: int = 5) -> list[SimilarRole]:
    """The roles closest to ``role``, each with the shared skills that carry it."""
    model = similarity_model(G)
    if role not in model.index_:
        return []
    return [other for other in model.similar(role, top) if other.score > 0]


def _similarity_to_targets(G: nx.DiGraph, role: str | None, index: TargetIndex) -> dict[str, float] | None:
    model = similarity_model(G)
    if role is None or role not in model.index_:
        return None
    scores = model.scores(np.array([model.index_[role]]))[0]
    return {t: float(scores[model.index_[t]]) for t in index.roles if t in model.index_}


def ranked_targets(G: nx.DiGraph, profile: EmployeeProfile) -> list[TargetRecommendation]:
    """Targets for ``profile``: skills, plan hours, human-led share and similarity to their
    current role; the best ones with exact plan hours."""
    index = TargetIndex.from_graph(G)
    return rank_targets(
        index, profile, similarity=_similarity_to_targets(G, profile.role, index),
        exact_hours=lambda role: cached_plan(G, profile, role, 4.0).total_hours,
    )
