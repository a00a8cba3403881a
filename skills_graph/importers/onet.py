"""Import an O*NET text release: occupations become roles, task statements tasks, Skills,
Knowledge and hot technologies skills, with each occupation's requirements.

Mappings (documented in the CLI help too):

- role ``onet:<O*NET-SOC code>``, kind ``current``, alternate and short titles in ``alt_titles``;
- task ``onet-task:<Task ID>``; O*NET ships no task ratings here, so a Core task counts twice a
  Supplemental (or untyped) one and shares sum to 100 per role; tasks a newer release drops from
  an occupation are deleted, and classes a person reviewed are never overwritten;
- skill ``onet:<Element ID>``; required level = O*NET level (LV 0-7) x 5/7, rounded; importance =
  O*NET importance (IM 1-5) / 5; elements O*NET marks "Not Relevant" or that map to level 0 are
  not requirements;
- hot technology ``onet-tech:<example slug>`` (category ``technology``), required at level 3
  with importance 0.5, or 0.75 when O*NET also marks it "In Demand";
- everything else (work activities, all technologies, work styles, job zone, education, SOC
  groups) goes to ``role_feature`` for role similarity.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.importers.base import ImportSummary
from skills_graph.importers.base import Rejects
from skills_graph.importers.exposure import Classifier
from skills_graph.importers.exposure import assign_exposure
from skills_graph.importers.exposure import keep_reviewed
from skills_graph.importers.onet_features import occupation_features
from skills_graph.importers.onet_read import OnetRelease
from skills_graph.importers.onet_read import Rating
from skills_graph.importers.onet_read import read_release
from skills_graph.importers.slugs import slug
from skills_graph.importers.write import prune_keyed
from skills_graph.importers.write import sync_rows
from skills_graph.importers.write import upsert_keyed
from skills_graph.versioning import bump_graph_version

CORE_WEIGHT = 2.0
OTHER_WEIGHT = 1.0
TECHNOLOGY_LEVEL = 3
TECHNOLOGY_IMPORTANCE = {"Y": 0.75, "N": 0.5}
TASK_TYPES = {"Core": "core", "Supplemental": "supplemental", "": "unrated"}
SKILL_CATEGORIES = (
    ("2.A.1.e", "technical"), ("2.A.1.f", "technical"), ("2.A.1", "communication"),
    ("2.A.2", "judgment"), ("2.B.1.a", "empathy"), ("2.B.1.f", "empathy"),
    ("2.B.1", "communication"), ("2.B.2", "judgment"), ("2.B.3", "technical"),
    ("2.B.4", "judgment"), ("2.B.5", "leadership"), ("2.C", "knowledge"),
)
"""Content-model prefixes to our categories, most specific first (math and science are
technical; social perceptiveness and service orientation are empathy)."""


def import_onet(
    session: Session, directory: Path, *, classify: Classifier | None = None,
    skip_invalid: bool = False, progress: bool = False,
) -> ImportSummary:
    """Validate the release in ``directory``, then upsert it; the caller commits.

    Raises :class:`~skills_graph.importers.base.ImportDataError` naming the first bad row
    (file, line, column) before writing anything, unless ``skip_invalid`` is set.
    """
    rejects = Rejects(skip_invalid)
    release = read_release(directory, rejects, progress)
    summary = ImportSummary()
    rejects.settle(summary)
    roles = upsert_keyed(session, m.Role, _roles(release), summary, "roles")
    skills = upsert_keyed(session, m.Skill, _skills(release), summary, "skills")
    shares = task_shares(release)
    _write_tasks(session, release, roles, shares, classify, summary)
    scope = ("role_id", [roles[f"onet:{code}"] for code in release.occupations])
    sync_rows(session, m.RoleSkill, ("role_id", "skill_id"), _requirements(release, roles, skills),
              scope, summary, "role skills")
    sync_rows(session, m.RoleFeature, ("role_id", "family", "feature"),
              _features(release, roles, shares), scope, summary, "role features")
    if summary.changed():
        bump_graph_version(session)
    return summary


def category(element_id: str) -> str:
    """Our skill category for an O*NET Skills or Knowledge element."""
    return next((name for prefix, name in SKILL_CATEGORIES if element_id.startswith(prefix)),
                "technical")


def scale_level(lv: float) -> int:
    """O*NET's level (0-7) on our proficiency scale (0-5)."""
    return min(5, max(0, round(lv * 5 / 7)))


def task_shares(release: OnetRelease) -> dict[int, float]:
    """Each task's percent of its occupation's time: Core tasks weigh twice the others."""
    totals: defaultdict[str, float] = defaultdict(float)
    for task in release.tasks:
        totals[task.code] += CORE_WEIGHT if task.task_type == "Core" else OTHER_WEIGHT
    return {
        task.task_id: round(100 * (CORE_WEIGHT if task.task_type == "Core" else OTHER_WEIGHT)
                            / totals[task.code], 6)
        for task in release.tasks
    }


def _roles(release: OnetRelease) -> dict[str, dict[str, Any]]:
    return {
        f"onet:{code}": {
            "title": row.title, "description": row.description,
            "kind": m.RoleKind.CURRENT.value,
            "alt_titles": "\n".join(release.alternate_titles.get(code, [])),
        }
        for code, row in release.occupations.items()
    }


def _skills(release: OnetRelease) -> dict[str, dict[str, Any]]:
    skills: dict[str, dict[str, Any]] = {}
    for (_code, element), rating in (release.skills | release.knowledge).items():
        skills[f"onet:{element}"] = {
            "name": rating.name, "category": category(element),
            "description": release.descriptions.get(element, ""), "alt_labels": "",
        }
    for row in release.technology:
        if row.hot == "Y":
            skills[f"onet-tech:{slug(row.example)}"] = {
                "name": row.example, "category": "technology",
                "description": f"{row.commodity_title} (O*NET hot technology)", "alt_labels": "",
            }
    return skills


def _requirement(rating: Rating) -> dict[str, Any] | None:
    if not rating.relevant or "LV" not in rating.scales or "IM" not in rating.scales:
        return None
    level = scale_level(rating.scales["LV"])
    return {"level": level, "importance": round(rating.scales["IM"] / 5, 6)} if level else None


def _requirements(
    release: OnetRelease, roles: dict[str, int], skills: dict[str, int]
) -> dict[tuple[int, int], dict[str, Any]]:
    wanted: dict[tuple[int, int], dict[str, Any]] = {}
    for (code, element), rating in (release.skills | release.knowledge).items():
        values = _requirement(rating)
        if values:
            wanted[roles[f"onet:{code}"], skills[f"onet:{element}"]] = values
    for row in release.technology:
        if row.hot == "Y":
            natural = (roles[f"onet:{row.code}"], skills[f"onet-tech:{slug(row.example)}"])
            importance = max(TECHNOLOGY_IMPORTANCE[row.in_demand],
                             wanted.get(natural, {}).get("importance", 0.0))
            wanted[natural] = {"level": TECHNOLOGY_LEVEL, "importance": importance}
    return wanted


def _write_tasks(
    session: Session, release: OnetRelease, roles: dict[str, int], shares: dict[int, float],
    classify: Classifier | None, summary: ImportSummary,
) -> None:
    tasks: dict[str, dict[str, Any]] = {}
    titles: dict[str, str] = {}
    positions: defaultdict[str, int] = defaultdict(int)
    # Core tasks first, each type in file order (a stable sort).
    for task in sorted(release.tasks, key=lambda task: task.task_type != "Core"):
        positions[task.code] += 1
        key = f"onet-task:{task.task_id}"
        tasks[key] = {
            "role_id": roles[f"onet:{task.code}"], "position": positions[task.code],
            "statement": task.statement, "task_type": TASK_TYPES[task.task_type],
            "share": shares[task.task_id],
        }
        titles[key] = release.occupations[task.code].title
    assign_exposure(session, tasks, titles, classify)
    upsert_keyed(session, m.Task, tasks, summary, "tasks", keep=keep_reviewed)
    occupations = [roles[f"onet:{code}"] for code in release.occupations]
    prune_keyed(session, m.Task, ("role_id", occupations), tasks, summary, "tasks")


def _features(
    release: OnetRelease, roles: dict[str, int], shares: dict[int, float]
) -> dict[tuple[int, str, str], dict[str, Any]]:
    return {
        (roles[f"onet:{code}"], family, feature): {"label": label[:300], "weight": weight}
        for code, features in occupation_features(release, shares).items()
        for family, feature, label, weight in features
    }
