"""The one idempotent loader of the demo organisation in ``seed_data/``, shared by CLI and tests.

Every entity is upserted by key, so running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from importlib import resources
from pathlib import Path
from typing import Any
from typing import TypeVar

import yaml
from pydantic import BaseModel
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models
from skills_graph.editing import apply_values
from skills_graph.errors import SeedDataError
from skills_graph.seed_schema import SeedCourse
from skills_graph.seed_schema import SeedEmployee
from skills_graph.seed_schema import SeedRole
from skills_graph.seed_schema import SeedSkill

Row = TypeVar("Row", bound=BaseModel)
Keyed = TypeVar("Keyed", models.Skill, models.Role, models.Course, models.Employee, models.Task)


@dataclass
class LoadSummary:
    """How many entities of each kind the load created, updated or left unchanged."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def record(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})[outcome] += 1

    def changed(self) -> bool:
        return any(c["created"] or c["updated"] for c in self.counts.values())


@dataclass(frozen=True)
class SeedData:
    skills: list[SeedSkill]
    roles: list[SeedRole]
    courses: list[SeedCourse]
    employees: list[SeedEmployee]


def seed_directory() -> Path:
    """Where the packaged demo organisation lives."""
    return Path(str(resources.files("seed_data")))


def _read(path: Path, schema: type[Row]) -> list[Row]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    rows = []
    for number, entry in enumerate(entries, start=1):
        try:
            rows.append(schema.model_validate(entry))
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            ident = entry.get("key", "?") if isinstance(entry, dict) else "?"
            raise SeedDataError(
                f"{path.name}: entry {number} ({ident}): field {where!r}: {error['msg']}"
            ) from None
    return rows


def read_seed(directory: Path | None = None) -> SeedData:
    """Read and validate the four seed files, checking that every referenced key exists."""
    directory = directory or seed_directory()
    data = SeedData(
        skills=_read(directory / "skills.yaml", SeedSkill),
        roles=_read(directory / "roles.yaml", SeedRole),
        courses=_read(directory / "courses.yaml", SeedCourse),
        employees=_read(directory / "employees.yaml", SeedEmployee),
    )
    _check_references(data)
    return data


def _check_references(data: SeedData) -> None:
    skills = {s.key for s in data.skills}
    roles = {r.key for r in data.roles}
    people = {e.key for e in data.employees}

    def need(known: set[str], key: str | None, where: str) -> None:
        if key is not None and key not in known:
            raise SeedDataError(f"{where} refers to unknown key {key!r}")

    for role in data.roles:
        for req in role.skills + [s for t in role.tasks for s in t.skills]:
            need(skills, req.skill, f"roles.yaml: {role.key}")
    for course in data.courses:
        for key in list(course.teaches) + list(course.requires):
            need(skills, key, f"courses.yaml: {course.key}")
    for person in data.employees:
        need(roles, person.role, f"employees.yaml: {person.key}: role")
        need(people, person.manager, f"employees.yaml: {person.key}: manager")
        for key in person.skills:
            need(skills, key, f"employees.yaml: {person.key}: skills")


def _by_key(session: Session, model: type[Keyed]) -> dict[str, Keyed]:
    return {row.key: row for row in session.scalars(select(model))}


def _upsert(
    session: Session, existing: dict[str, Keyed], model: type[Keyed], key: str,
    values: Mapping[str, Any], summary: LoadSummary,
) -> Keyed:
    obj = existing.get(key)
    if obj is None:
        obj = model(key=key, **values)
        session.add(obj)
        existing[key] = obj
        summary.record(model.__tablename__, "created")
    else:
        summary.record(model.__tablename__, "updated" if apply_values(obj, values) else "unchanged")
    return obj


def _sync_levels(
    current: list[Any], wanted: Mapping[str, tuple[int, float | None]], skills: dict[str, Any],
    make: Any,
) -> bool:
    """Make a requirement-like collection match ``wanted`` (skill key -> level, importance)."""
    have = {
        item.skill.key: (item.level, getattr(item, "importance", None)) for item in current
    }
    if have == dict(wanted):
        return False
    current.clear()
    for key, (level, importance) in wanted.items():
        current.append(make(skills[key], level, importance))
    return True


def load_seed(session: Session, directory: Path | None = None) -> LoadSummary:
    """Upsert the demo organisation into the database; the caller commits."""
    data = read_seed(directory)
    summary = LoadSummary()
    skills = _load_skills(session, data.skills, summary)
    roles = _load_roles(session, data.roles, skills, summary)
    _load_courses(session, data.courses, skills, summary)
    _load_employees(session, data.employees, roles, skills, summary)
    return summary


def _load_skills(
    session: Session, rows: Iterable[SeedSkill], summary: LoadSummary
) -> dict[str, models.Skill]:
    existing = _by_key(session, models.Skill)
    for row in rows:
        values = {"name": row.name, "category": row.category, "description": row.description}
        _upsert(session, existing, models.Skill, row.key, values, summary)
    return existing


def _role_requirement(skill: models.Skill, level: int, importance: float | None) -> models.RoleSkill:
    return models.RoleSkill(skill=skill, level=level, importance=importance)


def _task_requirement(skill: models.Skill, level: int, _importance: float | None) -> models.TaskSkill:
    return models.TaskSkill(skill=skill, level=level)


def _load_roles(
    session: Session, rows: Iterable[SeedRole], skills: dict[str, models.Skill],
    summary: LoadSummary,
) -> dict[str, models.Role]:
    existing = _by_key(session, models.Role)
    for row in rows:
        values = {
            "title": row.title, "kind": row.kind, "archetype": row.archetype,
            "department": row.department, "description": row.description,
        }
        role = _upsert(session, existing, models.Role, row.key, values, summary)
        wanted = {r.skill: (r.level, r.importance) for r in row.skills}
        _sync_levels(role.requirements, wanted, skills, _role_requirement)
        _load_tasks(session, role, row, skills, summary)
    return existing


def _load_tasks(
    session: Session, role: models.Role, row: SeedRole, skills: dict[str, models.Skill],
    summary: LoadSummary,
) -> None:
    by_key = {task.key: task for task in role.tasks}
    slug = row.key.split(":", 1)[1]
    wanted_keys = []
    for position, seed_task in enumerate(row.tasks, start=1):
        key = f"task:{slug}-{position}"
        wanted_keys.append(key)
        values: dict[str, Any] = {
            "position": position, "statement": seed_task.statement, "share": seed_task.share,
        }
        task = by_key.get(key)
        seeded = seed_task.exposure is not None
        if seeded and (task is None or task.exposure_source == models.ExposureSource.SEED.value):
            # A class that a person reviewed (or a suggestion) is never overwritten by the seed.
            values |= {"exposure_class": seed_task.exposure, "exposure_score": seed_task.score,
                       "rationale": seed_task.rationale}
        if task is None:
            source = models.ExposureSource.SEED if seeded else models.ExposureSource.UNCLASSIFIED
            values.setdefault("exposure_class", models.ExposureClass.HUMAN_LED.value)
            task = models.Task(key=key, exposure_source=source.value, **values)
            role.tasks.append(task)
            summary.record("task", "created")
        else:
            summary.record("task", "updated" if apply_values(task, values) else "unchanged")
        wanted = {r.skill: (r.level, None) for r in seed_task.skills}
        _sync_levels(task.requirements, wanted, skills, _task_requirement)
    for task in list(role.tasks):
        if task.key not in wanted_keys:
            role.tasks.remove(task)


def _load_courses(
    session: Session, rows: Iterable[SeedCourse], skills: dict[str, models.Skill],
    summary: LoadSummary,
) -> None:
    existing = _by_key(session, models.Course)
    for row in rows:
        values = row.model_dump(exclude={"key", "teaches", "requires"})
        course = _upsert(session, existing, models.Course, row.key, values, summary)
        teaches = {k: (v, None) for k, v in row.teaches.items()}
        requires = {k: (v, None) for k, v in row.requires.items()}
        _sync_levels(course.teaches, teaches, skills,
                     lambda s, lv, _i: models.CourseTeaches(skill=s, level=lv))
        _sync_levels(course.requires, requires, skills,
                     lambda s, lv, _i: models.CourseRequires(skill=s, level=lv))


def _load_employees(
    session: Session, rows: list[SeedEmployee], roles: dict[str, models.Role],
    skills: dict[str, models.Skill], summary: LoadSummary,
) -> None:
    existing = _by_key(session, models.Employee)
    for row in rows:
        values = {"name": row.name, "email": row.email, "role": roles[row.role]}
        person = _upsert(session, existing, models.Employee, row.key, values, summary)
        have = {item.skill.key: item.level for item in person.skills}
        if not have:
            for key, level in row.skills.items():
                person.skills.append(models.EmployeeSkill(skill=skills[key], level=level))
    for row in rows:
        manager = existing[row.manager] if row.manager else None
        apply_values(existing[row.key], {"manager": manager})
