"""Import ESCO v1.1 (English CSVs): occupations become roles, skills, knowledge and skill groups
become skills, occupation-skill relations become requirements, and the skill hierarchy and
skill-to-skill relations are kept in ``skill_relation``.

ESCO has no proficiency levels, so an *essential* skill is required at level 3 (working) with
importance 1.0 and an *optional* one at level 2 (basic) with importance 0.5. Skill categories
come from the skill's place in ESCO's hierarchy (``skillsHierarchy_en.csv``): communication,
information (data), assisting and caring (empathy), management (leadership), working with
computers (technology); knowledge is ``knowledge``; anything else ``technical``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any
from typing import TypeVar

from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.importers.base import ImportDataError
from skills_graph.importers.base import ImportSummary
from skills_graph.importers.base import Rejects
from skills_graph.importers.base import RowError
from skills_graph.importers.base import SourceRow
from skills_graph.importers.base import Table
from skills_graph.importers.esco_rows import BroaderRow
from skills_graph.importers.esco_rows import HierarchyRow
from skills_graph.importers.esco_rows import IscoGroupRow
from skills_graph.importers.esco_rows import OccupationRow
from skills_graph.importers.esco_rows import OccupationSkillRow
from skills_graph.importers.esco_rows import SkillGroupRow
from skills_graph.importers.esco_rows import SkillRow
from skills_graph.importers.esco_rows import SkillSkillRow
from skills_graph.importers.esco_rows import esco_key
from skills_graph.importers.write import sync_rows
from skills_graph.importers.write import upsert_keyed
from skills_graph.versioning import bump_graph_version

Row = TypeVar("Row", bound=SourceRow)
RELATION_LEVELS = {"essential": (3, 1.0), "optional": (2, 0.5)}
"""ESCO relation type -> (required level, importance)."""
GROUP_CATEGORIES = {
    "S1": "communication", "S2": "data", "S3": "empathy", "S4": "leadership", "S5": "technology",
    "T2": "judgment", "T4": "communication", "L": "communication", "K": "knowledge",
}
ISCO_LEVELS = (("major", 0.3), ("sub-major", 0.6), ("minor", 1.0), ("unit", 1.0))
"""ISCO group levels (1 to 4 digits) and their weights: a shared fine group says more."""


@dataclass
class EscoRelease:
    occupations: list[OccupationRow] = field(default_factory=list)
    skills: list[SkillRow] = field(default_factory=list)
    groups: list[SkillGroupRow] = field(default_factory=list)
    requirements: list[OccupationSkillRow] = field(default_factory=list)
    related: list[SkillSkillRow] = field(default_factory=list)
    broader: list[BroaderRow] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)
    isco_labels: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, directory: Path, rejects: Rejects, progress: bool) -> None:
        self.directory, self.rejects, self.progress = directory, rejects, progress
        self.dangling: list[str] = []

    def rows(self, name: str, schema: type[Row], required: bool = True) -> list[Row]:
        path = self.directory / name
        if not path.exists():
            if required:  # fatal even with --skip-invalid: nothing could be imported
                raise ImportDataError([RowError(name, 0, "",
                                                f"required file missing from {self.directory}")])
            return []
        table = Table(path, schema, progress=self.progress)
        return [row for _line, row in table.rows(self.rejects)]

    def linked(self, name: str, schema: type[Row], known: dict[str, set[str]]) -> list[Row]:
        """Rows whose URI columns (field -> known URIs) all name concepts of this release.

        ESCO's own files refer to a few concepts they do not define (e.g. 67 relations of
        v1.1.1 name an occupation missing from ``occupations_en.csv``); such rows are skipped
        and reported in the summary's notes rather than failing the import.
        """
        path = self.directory / name
        if not path.exists():
            return []
        kept, skipped = [], []
        for line, row in Table(path, schema, progress=self.progress).rows(self.rejects):
            unknown = [f for f, uris in known.items() if getattr(row, f) not in uris]
            if unknown:
                column = schema.model_fields[unknown[0]].alias
                skipped.append(f"line {line}, column {column!r}: {getattr(row, unknown[0])}")
            else:
                kept.append(row)
        if skipped:
            self.dangling.append(f"{name}: skipped {len(skipped)} rows that name a concept "
                                 f"this release does not define (first: {skipped[0]})")
        return kept


def read_esco(directory: Path, rejects: Rejects, progress: bool = False) -> EscoRelease:
    """Every file of the ESCO release in ``directory``; bad rows go to ``rejects``."""
    reader = _Reader(directory, rejects, progress)
    release = EscoRelease(notes=reader.dangling)
    release.occupations = reader.rows("occupations_en.csv", OccupationRow)
    release.skills = reader.rows("skills_en.csv", SkillRow)
    release.groups = reader.rows("skillGroups_en.csv", SkillGroupRow, required=False)
    occupations = {row.uri for row in release.occupations}
    skills = {row.uri for row in release.skills}
    concepts = skills | {row.uri for row in release.groups}
    release.requirements = reader.linked(
        "occupationSkillRelations.csv", OccupationSkillRow,
        {"occupation": occupations, "skill": skills})
    release.related = reader.linked(
        "skillSkillRelations.csv", SkillSkillRow, {"skill": skills, "related": skills})
    release.broader = reader.linked(
        "broaderRelationsSkillPillar.csv", BroaderRow, {"narrower": concepts, "broader": concepts})
    for row in reader.rows("skillsHierarchy_en.csv", HierarchyRow, required=False):
        release.codes.update(row.codes())
    isco_groups = reader.rows("ISCOGroups_en.csv", IscoGroupRow, required=False)
    release.isco_labels = {row.code: row.label for row in isco_groups}
    return release


def import_esco(
    session: Session, directory: Path, *, skip_invalid: bool = False, progress: bool = False
) -> ImportSummary:
    """Validate the ESCO CSVs in ``directory``, then upsert them; the caller commits."""
    rejects = Rejects(skip_invalid)
    release = read_esco(directory, rejects, progress)
    summary = ImportSummary(notes=release.notes)
    rejects.settle(summary)
    skill_rows = _skills(release)
    skills = upsert_keyed(session, m.Skill, skill_rows, summary, "skills")
    roles = upsert_keyed(session, m.Role, _roles(release), summary, "roles")
    role_scope = ("role_id", [roles[esco_key(row.uri)] for row in release.occupations])
    requirements = {
        (roles[esco_key(r.occupation)], skills[esco_key(r.skill)]):
            dict(zip(("level", "importance"), RELATION_LEVELS[r.relation], strict=True))
        for r in release.requirements
    }
    sync_rows(session, m.RoleSkill, ("role_id", "skill_id"), requirements, role_scope,
              summary, "role skills")
    sync_rows(session, m.RoleFeature, ("role_id", "family", "feature"),
              _isco_features(release, roles), role_scope, summary, "role features")
    skill_scope = ("source_id", [skills[key] for key in skill_rows])
    sync_rows(session, m.SkillRelation, ("source_id", "target_id", "relation"),
              _relations(release, skills), skill_scope, summary, "skill relations")
    if summary.changed():
        bump_graph_version(session)
    return summary


def _roles(release: EscoRelease) -> dict[str, dict[str, Any]]:
    return {
        esco_key(row.uri): {
            "title": row.label, "description": row.description,
            "kind": m.RoleKind.CURRENT.value, "alt_titles": row.alt_labels,
        }
        for row in release.occupations
    }


def _skills(release: EscoRelease) -> dict[str, dict[str, Any]]:
    parents: defaultdict[str, list[str]] = defaultdict(list)
    for link in release.broader:
        parents[link.narrower].append(link.broader)
    concepts: Iterable[SkillRow | SkillGroupRow] = [*release.groups, *release.skills]
    return {
        esco_key(row.uri): {
            "name": row.label, "description": row.description, "alt_labels": row.alt_labels,
            "category": _category(row, release.codes, parents),
        }
        for row in concepts
    }


def _category(row: SkillRow | SkillGroupRow, codes: dict[str, str],
              parents: dict[str, list[str]]) -> str:
    """Category from skill type, else from the nearest ancestor that has a hierarchy code."""
    if isinstance(row, SkillRow) and row.skill_type == "knowledge":
        return "knowledge"
    seen, frontier = {row.uri}, [row.uri]
    while frontier:
        code = next((codes[uri] for uri in frontier if uri in codes), None)
        if code is not None:
            return GROUP_CATEGORIES.get(code[:2], GROUP_CATEGORIES.get(code[:1], "technical"))
        frontier = [p for uri in frontier for p in parents.get(uri, []) if p not in seen]
        seen.update(frontier)
    return "technical"


def _relations(
    release: EscoRelease, skills: dict[str, int]
) -> dict[tuple[int, int, str], dict[str, Any]]:
    wanted: dict[tuple[int, int, str], dict[str, Any]] = {}
    for link in release.broader:
        wanted[skills[esco_key(link.narrower)], skills[esco_key(link.broader)], "broader"] = {}
    for relation in release.related:
        wanted[skills[esco_key(relation.skill)], skills[esco_key(relation.related)],
               relation.relation] = {}
    return wanted


def _isco_features(
    release: EscoRelease, roles: dict[str, int]
) -> dict[tuple[int, str, str], dict[str, Any]]:
    """ISCO major to unit groups of each occupation, as role features of the family ``group``."""
    wanted: dict[tuple[int, str, str], dict[str, Any]] = {}
    for row in release.occupations:
        for depth, (level, weight) in enumerate(ISCO_LEVELS, start=1):
            code = row.isco_group[:depth]
            if row.isco_group:
                label = release.isco_labels.get(code, f"ISCO {level} group {code}")
                wanted[roles[esco_key(row.uri)], "group:isco", f"isco-{level}:{code}"] = {
                    "label": label[:300], "weight": weight}
    return wanted
