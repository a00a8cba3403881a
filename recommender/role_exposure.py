"""A role's exposure with the uncertainty its tasks' classes carry.

A class a person set (seed data or a review) counts as certain; a class the model only
suggested counts with the model's probabilities, so a role with many unreviewed suggestions
shows a wider range.
"""

from __future__ import annotations

import networkx as nx

from recommender.exposure import CLASSES
from recommender.exposure import LABELS
from recommender.exposure import ExposurePrediction
from recommender.exposure import RoleExposure
from recommender.exposure import role_exposure
from skills_graph.graph import role_tasks


def task_prediction(attrs: dict[str, object]) -> ExposurePrediction:
    """The task's class as a prediction record: the model's probabilities while it is only a
    suggestion, else certainty in the class a person set."""
    exposure_class = str(attrs["exposure_class"])
    probabilities = attrs.get("probabilities")
    if attrs.get("exposure_source") != "model" or not isinstance(probabilities, tuple):
        probabilities = tuple(
            1.0 if c == exposure_class else 0.0 for c in ("automate", "augment", "human-led"))
    p_automate, p_augment, p_human_led = (float(p) for p in probabilities)
    return ExposurePrediction(
        exposure_class, LABELS[CLASSES.index(exposure_class)],  # type: ignore[arg-type]
        p_automate, p_augment, p_human_led, max(p_automate, p_augment, p_human_led), (), "",
    )


def graph_role_exposure(G: nx.DiGraph, role: str) -> RoleExposure | None:
    """Expected time shares of each class in ``role`` with 90% ranges; None without tasks."""
    tasks = role_tasks(G, role)
    if not tasks:
        return None
    predictions = [task_prediction(G.nodes[t]) for t in tasks]
    return role_exposure(predictions, [G.edges[role, t]["share"] for t in tasks])
