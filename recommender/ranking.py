"""Rank hybrid and human-centred target roles for one employee.

The score mixes three components, each in 0-1:

- ``transferable``: importance-weighted share of the target's skill requirements the person already
  meets (partial levels count in proportion);
- ``readiness``: ``1 / (1 + gap_hours / 40)``, so a gap of one working week of courses halves it;
- ``human_led``: the share of the target's working time that stays human-led;

plus, when role-to-role similarity is known, ``similarity`` between the current role and the target.
The arrays are built once per graph, so ranking thousands of roles takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

import networkx as nx
import numpy as np

from skills_graph.graph import nodes_of_type
from skills_graph.graph import role_exposure
from skills_graph.graph import role_required_skills
from skills_graph.graph import role_tasks
from skills_graph.records import EmployeeProfile

TARGET_KINDS = ("hybrid", "human-centred")
WEIGHTS = {"transferable": 0.40, "readiness": 0.30, "human_led": 0.20, "similarity": 0.10}
READINESS_HOURS = 40.0
SIMILAR_ENOUGH = 0.15
"""Role similarity from which the reason mentions it."""


@dataclass(frozen=True)
class TargetRecommendation:
    """One ranked target role, with the components of its score and why."""

    role: str
    title: str
    kind: str
    score: float
    components: dict[str, float]
    gap_hours: float
    skills_met: int
    skills_total: int
    uncovered: tuple[str, ...]
    reason: str
    details: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``reskill targets --json``."""
        return {
            "role": self.role, "title": self.title, "kind": self.kind,
            "score": round(self.score, 4),
            "components": {k: round(v, 4) for k, v in self.components.items()},
            "gap_hours": round(self.gap_hours, 2), "reason": self.reason,
        }


@dataclass(frozen=True)
class TargetIndex:
    """Target requirements as flat arrays: one entry per (target, required skill)."""

    roles: list[str]
    titles: list[str]
    kinds: list[str]
    skills: list[str]
    skill_position: dict[str, int]
    starts: np.ndarray
    row: np.ndarray
    col: np.ndarray
    level: np.ndarray
    importance: np.ndarray
    cheapest: np.ndarray
    human_led: np.ndarray

    @classmethod
    def from_graph(cls, G: nx.DiGraph, kinds: tuple[str, ...] = TARGET_KINDS) -> TargetIndex:
        """Index every role of ``kinds`` in ``G``; cached on the graph itself."""
        cache_key = ("target_index", kinds)
        cached = G.graph.get(cache_key)
        if cached is None:
            cached = G.graph[cache_key] = _build_index(G, kinds)
        return cached


def _build_index(G: nx.DiGraph, kinds: tuple[str, ...]) -> TargetIndex:
    roles = [r for r in nodes_of_type(G, "role") if G.nodes[r].get("kind") in kinds]
    entries = [(i, s, lv, imp) for i, r in enumerate(roles)
               for s, (lv, imp) in role_required_skills(G, r).items()]
    skills = sorted({s for _, s, _, _ in entries})
    position = {s: j for j, s in enumerate(skills)}
    rows = np.array([e[0] for e in entries], dtype=np.int64)  # ascending: one role after another
    human_led = [role_exposure(G, r)["human-led"] if role_tasks(G, r) else np.nan for r in roles]
    return TargetIndex(
        roles=roles,
        titles=[G.nodes[r].get("title", r) for r in roles],
        kinds=[G.nodes[r].get("kind", "") for r in roles],
        skills=skills,
        skill_position=position,
        starts=np.searchsorted(rows, np.arange(len(roles) + 1)),
        row=rows,
        col=np.array([position[e[1]] for e in entries], dtype=np.int64),
        level=np.array([e[2] for e in entries], dtype=np.float64),
        importance=np.array([e[3] for e in entries], dtype=np.float64),
        cheapest=cheapest_hours(G, skills),
        human_led=np.array(human_led, dtype=np.float64),
    )


def cheapest_hours(G: nx.DiGraph, skills: list[str]) -> np.ndarray:
    """``cheapest[j, level]``: hours of the shortest single course teaching skill j to ``level``
    (inf when none does); prerequisites are ignored, so it is an estimate, not a plan."""
    table = np.full((len(skills), 6), np.inf)
    table[:, 0] = 0.0
    for j, skill in enumerate(skills):
        for course, _, d in G.in_edges(skill, data=True):
            if d["rel"] == "teaches":
                hours = G.nodes[course]["hours"]
                table[j, 1:d["level"] + 1] = np.minimum(table[j, 1:d["level"] + 1], hours)
    return table


def rank_targets(
    index: TargetIndex,
    profile: EmployeeProfile,
    similarity: Mapping[str, float] | None = None,
    exact_hours: Callable[[str], float] | None = None,
    refine_top: int = 10,
    top: int | None = None,
) -> list[TargetRecommendation]:
    """Rank the indexed targets for ``profile``, best first (only the ``top`` best when given).

    ``gap_hours`` is first estimated from the cheapest course per missing skill; when
    ``exact_hours`` is given (the planner's optimum for a target), the ``refine_top`` best
    estimates are replaced by exact figures and ranked again.
    """
    scores = _score_arrays(index, profile, similarity)
    order = np.argsort(-scores["score"], kind="stable")
    if exact_hours is not None:
        for i in order[:refine_top]:
            scores["gap_hours"][i] = exact_hours(index.roles[i])
        scores["readiness"] = 1.0 / (1.0 + scores["gap_hours"] / READINESS_HOURS)
        scores["score"] = _combine(scores, similarity is not None)
        order = np.concatenate([
            sorted(order[:refine_top], key=lambda i: -scores["score"][i]), order[refine_top:]
        ])
    return [_recommendation(index, int(i), scores) for i in order[:top]]


def _score_arrays(
    index: TargetIndex, profile: EmployeeProfile, similarity: Mapping[str, float] | None
) -> dict[str, np.ndarray]:
    n = len(index.roles)
    current = np.zeros(len(index.skills))
    for skill, level in profile.levels.items():
        if skill in index.skill_position:
            current[index.skill_position[skill]] = level
    have = current[index.col]
    met_share = np.minimum(have / np.maximum(index.level, 1), 1.0)
    unmet = have < index.level
    hours = index.cheapest[index.col, index.level.astype(np.int64)]
    weight_total = np.bincount(index.row, index.importance, minlength=n)
    scores = {
        "transferable": np.bincount(index.row, index.importance * met_share, minlength=n)
        / np.maximum(weight_total, 1e-9),
        "gap_hours": np.bincount(index.row, np.where(unmet & np.isfinite(hours), hours, 0), n),
        "met": np.bincount(index.row, ~unmet, minlength=n),
        "total": np.bincount(index.row, minlength=n).astype(np.float64),
        "uncovered_mask": unmet & ~np.isfinite(hours),
        "human_led": np.nan_to_num(index.human_led, nan=0.5),
        "similarity": np.array([(similarity or {}).get(r, 0.0) for r in index.roles]),
        "with_similarity": np.array(similarity is not None),
    }
    scores["readiness"] = 1.0 / (1.0 + scores["gap_hours"] / READINESS_HOURS)
    scores["score"] = _combine(scores, similarity is not None)
    return scores


def _combine(scores: dict[str, np.ndarray], with_similarity: bool) -> np.ndarray:
    names = [n for n in WEIGHTS if with_similarity or n != "similarity"]
    total_weight = sum(WEIGHTS[n] for n in names)
    return np.asarray(sum(WEIGHTS[n] * scores[n] for n in names), dtype=np.float64) / total_weight


def _recommendation(index: TargetIndex, i: int, scores: dict[str, np.ndarray]) -> TargetRecommendation:
    names = ["transferable", "readiness", "human_led"]
    if scores["with_similarity"]:
        names.append("similarity")
    entries = slice(index.starts[i], index.starts[i + 1])
    uncovered = tuple(index.skills[j] for j in index.col[entries][scores["uncovered_mask"][entries]])
    met, total = int(scores["met"][i]), int(scores["total"][i])
    hours = float(scores["gap_hours"][i])
    human_known = not np.isnan(index.human_led[i])
    return TargetRecommendation(
        role=index.roles[i], title=index.titles[i], kind=index.kinds[i], score=float(scores["score"][i]),
        components={n: float(scores[n][i]) for n in names}, gap_hours=hours,
        skills_met=met, skills_total=total, uncovered=uncovered,
        reason=_reason(float(scores["transferable"][i]), met, total, hours,
                       float(scores["human_led"][i]) if human_known else None, len(uncovered),
                       float(scores["similarity"][i])),
    )


def _reason(
    transferable: float, met: int, total: int, hours: float, human_led: float | None, uncovered: int,
    similarity: float = 0.0,
) -> str:
    parts = [f"you already bring {transferable:.0%} of what it needs ({met} of {total} skills at level)"]
    if similarity >= SIMILAR_ENOUGH:
        parts.append(f"it is {similarity:.0%} similar to your current role")
    parts.append("no courses needed" if hours == 0 else f"about {hours:.0f} h of courses close the rest")
    if uncovered:
        parts.append(f"{uncovered} skill{'s' if uncovered > 1 else ''} must be learned on the job")
    if human_led is not None:
        parts.append(f"{human_led:.0%} of its work stays human-led")
    text = "; ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return text[0].upper() + text[1:] + "."
