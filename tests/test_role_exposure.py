"""Role exposure ranges: certain where a person decided, uncertain where the model suggested."""

from __future__ import annotations

import networkx as nx
import pytest

from recommender.role_exposure import graph_role_exposure


def role_with(second_task: dict[str, object]) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_node("role:r", type="role", title="R", kind="current")
    G.add_node("task:1", type="task", position=1, exposure_class="automate", exposure_source="reviewed",
               probabilities=(0.2, 0.3, 0.5))
    G.add_node("task:2", type="task", position=2, **second_task)
    G.add_edge("role:r", "task:1", rel="performs", share=60)
    G.add_edge("role:r", "task:2", rel="performs", share=40)
    return G


def test_people_decided_classes_have_no_range() -> None:
    G = role_with({"exposure_class": "human-led", "exposure_source": "seed", "probabilities": None})
    exposure = graph_role_exposure(G, "role:r")
    assert exposure is not None
    assert (exposure.automate, exposure.human_led) == pytest.approx((0.6, 0.4))
    assert exposure.automate_interval == pytest.approx((0.6, 0.6))


def test_model_suggestions_widen_the_range() -> None:
    G = role_with({"exposure_class": "augment", "exposure_source": "model", "probabilities": (0.3, 0.5, 0.2)})
    exposure = graph_role_exposure(G, "role:r")
    assert exposure is not None
    assert exposure.augment == pytest.approx(0.2) and exposure.automate == pytest.approx(0.72)
    assert exposure.augment_interval == pytest.approx((0.0, 0.4))


def test_role_without_tasks_has_no_exposure() -> None:
    G = nx.DiGraph()
    G.add_node("role:empty", type="role", title="E", kind="hybrid")
    assert graph_role_exposure(G, "role:empty") is None
