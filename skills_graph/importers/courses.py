"""Import a course catalogue (CSV) through a column mapping.

Durations become hours (see :mod:`skills_graph.importers.durations`). Free-text skill names
are linked to stored skills by name, alternative label, then text similarity
(:mod:`skills_graph.importers.text_match`); names that stay unlinked are reported. A course
teaches its linked skills at a level from its own: Beginner/Introductory 2, Intermediate 3,
Advanced/Expert 4, mixed or unknown 2 (a course of unknown level promises only the basics).

A catalogue may list one course more than once (under several subjects, or again without its
details): rows with the same key (the key column, else provider and title) are one course,
described by the first row whose duration reads, teaching the skills of all of them. Skills a
course teaches are only ever added, since two catalogues may describe the same course.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic import create_model
from pydantic import field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.importers.base import ImportSummary
from skills_graph.importers.base import Rejects
from skills_graph.importers.base import RowError
from skills_graph.importers.base import SourceRow
from skills_graph.importers.base import Table
from skills_graph.importers.course_mapping import CourseMapping
from skills_graph.importers.durations import DurationError
from skills_graph.importers.durations import duration_hours
from skills_graph.importers.slugs import slug
from skills_graph.importers.text_match import SkillMatcher
from skills_graph.importers.write import sync_rows
from skills_graph.importers.write import upsert_keyed
from skills_graph.versioning import bump_graph_version

LEVELS = (
    ("beginner", "beginner", 2), ("introductory", "beginner", 2),
    ("intermediate", "intermediate", 3), ("advanced", "advanced", 4), ("expert", "advanced", 4),
)
"""Words of a catalogue's level -> (our difficulty, level taught); anything else is mixed, 2."""
MIXED = ("mixed", 2)
UNLINKED_SHOWN = 30


class _CourseRow(SourceRow):
    title: str = Field(min_length=1, max_length=300)
    duration: str = ""
    length: str = ""
    provider: str = ""
    level: str = ""
    skills: str = ""
    key: str = ""
    url: str = Field(default="", max_length=500)
    cost: float = Field(default=0.0, ge=0)
    description: str = ""

    @field_validator("cost", mode="before")
    @classmethod
    def _free_is_zero(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().lstrip("$").replace(",", "")
            return 0.0 if value.lower() in ("", "free", "none") else value
        return value


def row_schema(mapping: CourseMapping) -> type[_CourseRow]:
    """The row schema of a catalogue: our fields, read from the mapping's columns."""
    columns = mapping.columns()
    fields: dict[str, Any] = {
        # A field the mapping leaves out reads a column no catalogue has, so keeps its default.
        name: (info.annotation, Field(alias=columns.get(name, f"(no {name} column)"),
                                      default=info.default) if name != "title" else
               Field(alias=columns[name], min_length=1, max_length=300))
        for name, info in _CourseRow.model_fields.items()
    }
    schema: type[_CourseRow] = create_model("CatalogueRow", __base__=_CourseRow, **fields)
    return schema


def course_level(text: str) -> tuple[str, int]:
    """Our difficulty and the level a course teaches, from the catalogue's level."""
    lowered = text.lower()
    return next(((name, level) for word, name, level in LEVELS if word in lowered), MIXED)


@dataclass
class _Course:
    line: int
    row: _CourseRow
    hours: float | None
    error: RowError | None
    skills: list[str] = field(default_factory=list)


def _key(row: _CourseRow) -> str:
    ident = row.key or row.title
    return f"course:{slug(f'{row.provider} {ident}', 190)}"


def read_catalogue(
    path: Path, mapping: CourseMapping, rejects: Rejects, progress: bool = False
) -> dict[str, _Course]:
    """The catalogue's courses by key, each from its first row whose duration reads."""
    courses: dict[str, _Course] = {}
    for line, row in Table(path, row_schema(mapping), progress=progress).rows(rejects):
        try:
            hours, error = duration_hours(row.duration, row.length or None), None
        except DurationError as exc:
            hours, error = None, RowError(path.name, line, mapping.duration, str(exc))
        names = [n.strip() for n in row.skills.split(mapping.skill_separator) if n.strip()]
        course = courses.get(_key(row))
        if course is None or (course.hours is None and hours is not None):
            courses[_key(row)] = _Course(line, row, hours, error,
                                         (course.skills if course else []) + names)
        else:
            course.skills += names
    for key, course in list(courses.items()):
        if course.error is not None and course.hours is None:
            rejects.add(course.error.file, course.error.line, course.error.column,
                        course.error.message)
            del courses[key]
    return courses


def import_courses(
    session: Session, path: Path, mapping: CourseMapping, *, skip_invalid: bool = False,
    progress: bool = False,
) -> ImportSummary:
    """Validate the catalogue at ``path``, then upsert its courses; the caller commits."""
    rejects = Rejects(skip_invalid)
    courses = read_catalogue(path, mapping, rejects, progress)
    summary = ImportSummary()
    rejects.settle(summary)
    matcher = SkillMatcher(session.execute(select(m.Skill.key, m.Skill.name, m.Skill.alt_labels)))
    linked = matcher.link(name for course in courses.values() for name in course.skills)
    mapped = mapping.columns()
    ids = upsert_keyed(session, m.Course, {k: _values(c, mapped) for k, c in courses.items()},
                       summary, "courses")
    skill_ids = {key: ident for key, ident in session.execute(select(m.Skill.key, m.Skill.id))}
    teaches: dict[tuple[int, int], dict[str, Any]] = {}
    for key, course in courses.items():
        level = course_level(course.row.level)[1]
        for name in course.skills:
            if name in linked:
                teaches[ids[key], skill_ids[linked[name]]] = {"level": level}
    # Not pruned: the same course may come from two catalogues, each adding the skills it lists.
    sync_rows(session, m.CourseTeaches, ("course_id", "skill_id"), teaches,
              ("course_id", [ids[key] for key in courses]), summary, "course skills", prune=False)
    summary.unlinked = dict(Counter(
        name for course in courses.values() for name in course.skills if name not in linked))
    summary.notes += _unlinked_notes(summary.unlinked)
    if summary.changed():
        bump_graph_version(session)
    return summary


def _values(course: _Course, mapped: dict[str, str]) -> dict[str, Any]:
    """The course's columns; a field the mapping leaves out keeps its stored value."""
    row = course.row
    optional = {"provider": row.provider, "description": row.description, "cost": row.cost,
                "url": row.url}
    return {"title": row.title, "hours": course.hours,
            "difficulty": course_level(row.level)[0],
            **{name: value for name, value in optional.items() if name in mapped}}


def _unlinked_notes(unlinked: dict[str, int]) -> list[str]:
    mentions = Counter(unlinked)
    if not mentions:
        return []
    shown = "; ".join(f"{name} ({count})" for name, count in mentions.most_common(UNLINKED_SHOWN))
    return [f"unlinked skill names: {len(mentions)} distinct, {sum(mentions.values())} mentions "
            f"(link them by adding them as alternative labels): {shown}"]
