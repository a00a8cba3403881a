"""Read what the database knows about every role as plain matrices for role similarity.

Each feature family is a sparse role x feature matrix with a readable label per feature:
required skill levels (split by category and by taxonomy, so O*NET's dense ratings and ESCO's
sparse lists are weighed apart), the ``role_feature`` families the importers keep (work
activities, technologies, work styles, job zone, education, SOC/ISCO groups), and two texts per
role: its task statements and its titles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

import numpy as np
import scipy.sparse as sp
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m

Family = tuple[sp.csr_matrix, list[str]]
"""A role x feature matrix and the label of each feature (column)."""


@dataclass
class RoleFeatureData:
    """Role keys (row order), titles, feature families and text families."""

    keys: list[str]
    titles: list[str]
    families: dict[str, Family] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)


class _FamilyBuilder:
    """Collects (role row, feature id, label, value) entries of one family."""

    def __init__(self) -> None:
        self.columns: dict[str, int] = {}
        self.labels: list[str] = []
        self.entries: list[tuple[int, int, float]] = []

    def add(self, row: int, feature: str, label: str, value: float) -> None:
        column = self.columns.setdefault(feature, len(self.columns))
        if column == len(self.labels):
            self.labels.append(label)
        self.entries.append((row, column, value))

    def build(self, roles: int) -> Family:
        rows, cols, values = zip(*self.entries, strict=True) if self.entries else ((), (), ())
        matrix = sp.csr_matrix(
            (np.asarray(values, dtype=np.float64), (np.asarray(rows, dtype=np.int64),
                                                    np.asarray(cols, dtype=np.int64))),
            shape=(roles, len(self.labels)),
        )
        matrix.sum_duplicates()
        return matrix, self.labels


def skill_family(skill_key: str, skill_category: str) -> str:
    """The family a required skill counts in: category and taxonomy (``knowledge:onet``)."""
    source = skill_key.split(":", 1)[0]
    kind = skill_category if skill_category in ("knowledge", "technology") else "skills"
    return f"{kind}:{source}"


def read_role_features(session: Session) -> RoleFeatureData:
    """Every role's features, in role-key order."""
    roles = session.execute(
        select(m.Role.id, m.Role.key, m.Role.title, m.Role.alt_titles, m.Role.description)
        .order_by(m.Role.key)
    ).all()
    row_of = {role.id: row for row, role in enumerate(roles)}
    builders: defaultdict[str, _FamilyBuilder] = defaultdict(_FamilyBuilder)
    _add_requirements(session, row_of, builders)
    for role_id, family, feature, label, weight in session.execute(
        select(m.RoleFeature.role_id, m.RoleFeature.family, m.RoleFeature.feature,
               m.RoleFeature.label, m.RoleFeature.weight)
    ):
        builders[family].add(row_of[role_id], feature, label, weight)
    data = RoleFeatureData(keys=[r.key for r in roles], titles=[r.title for r in roles])
    data.families = {name: builder.build(len(roles)) for name, builder in sorted(builders.items())}
    data.texts = {
        "tasks": _task_texts(session, row_of, [r.description for r in roles]),
        "titles": [f"{r.title}\n{r.alt_titles}" for r in roles],
    }
    return data


def _add_requirements(
    session: Session, row_of: dict[int, int], builders: defaultdict[str, _FamilyBuilder]
) -> None:
    """Required skills weighed by level x importance (a level-5 essential skill counts 5)."""
    for role_id, key, name, skill_category, level, importance in session.execute(
        select(m.RoleSkill.role_id, m.Skill.key, m.Skill.name, m.Skill.category,
               m.RoleSkill.level, m.RoleSkill.importance).join(m.Skill)
    ):
        builders[skill_family(key, skill_category)].add(
            row_of[role_id], key, name, level * importance)


def _task_texts(session: Session, row_of: dict[int, int], descriptions: Iterable[str]) -> list[str]:
    texts = [[description] for description in descriptions]
    for role_id, statement in session.execute(
        select(m.Task.role_id, m.Task.statement).order_by(m.Task.role_id, m.Task.position)
    ):
        texts[row_of[role_id]].append(statement)
    return ["\n".join(parts) for parts in texts]
