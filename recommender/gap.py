"""The skill gap between an employee and a target role."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from skills_graph.graph import role_required_skills
from skills_graph.records import EmployeeProfile


@dataclass(frozen=True)
class SkillGap:
    """One skill a target role needs: where the person is, where the role needs them, how much it matters."""

    skill: str
    name: str
    current: int
    required: int
    importance: float

    @property
    def missing(self) -> int:
        """Levels still to gain (0 when the requirement is met)."""
        return max(self.required - self.current, 0)


def gap(G: nx.DiGraph, profile: EmployeeProfile, target: str) -> list[SkillGap]:
    """Per required skill of ``target``: current level, required level and importance.

    Unmet skills come first, most important first, then the met ones.
    """
    rows = [
        SkillGap(
            skill=skill,
            name=G.nodes[skill].get("name", skill),
            current=profile.levels.get(skill, 0),
            required=level,
            importance=importance,
        )
        for skill, (level, importance) in role_required_skills(G, target).items()
    ]
    return sorted(rows, key=lambda g: (g.missing == 0, -g.importance, -g.missing, g.name))


def missing_levels(gaps: list[SkillGap]) -> dict[str, int]:
    """The levels still to reach, as the planner's ``target``."""
    return {g.skill: g.required for g in gaps if g.missing}
