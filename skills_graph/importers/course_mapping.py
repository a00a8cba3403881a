"""How a course catalogue's columns map to our course fields: built-in mappings for the public
Coursera, Udemy and edX tables, or a JSON/YAML file of the same shape.

A mapping file names, for each of our fields, the catalogue column that holds it::

    # my-catalogue.yaml
    title: Course Name          # required
    duration: Length            # required: "6 hours", "1 - 3 Months", "2-3 hours per week", 4.5
    length: Weeks               # optional: multiplies a weekly effort ("6 Weeks")
    provider: Vendor            # the rest is optional
    level: Difficulty           # Beginner / Intermediate / Advanced / Mixed
    skills: Skills Taught       # free-text skill names ...
    skill_separator: ";"        # ... split on this (default ",")
    key: Course ID              # a stable id; default: provider and title
    url: Link
    cost: Price
    description: Summary
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import Field
from pydantic import ValidationError

from skills_graph.errors import SkillsGraphError


class CourseMapping(BaseModel):
    """Catalogue column for each course field (None: the catalogue has no such column)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    duration: str
    length: str | None = None
    provider: str | None = None
    level: str | None = None
    skills: str | None = None
    skill_separator: str = Field(default=",", min_length=1)
    key: str | None = None
    url: str | None = None
    cost: str | None = None
    description: str | None = None

    def columns(self) -> dict[str, str]:
        """Our field -> catalogue column, for the fields the catalogue has."""
        fields = self.model_dump(exclude={"skill_separator"})
        return {name: column for name, column in fields.items() if column}


BUILT_IN: dict[str, CourseMapping] = {
    "coursera-subject": CourseMapping(
        title="Title", provider="Institution", level="Level", duration="Duration",
        skills="Gained Skills"),
    "coursera-partner": CourseMapping(
        title="course", provider="partner", level="level", duration="duration", skills="skills"),
    "udemy": CourseMapping(
        title="course_title", key="course_id", url="url", level="level",
        duration="content_duration", cost="price"),
    "edx": CourseMapping(
        title="title", provider="institution", level="Level", duration="course_effort",
        length="course_length", url="course_url", description="summary"),
}


class MappingError(SkillsGraphError, ValueError):
    """A mapping name or file that cannot be used; the message says why."""


def load_mapping(name_or_path: str) -> CourseMapping:
    """A built-in mapping by name, or the mapping declared in a ``.json``/``.yaml`` file."""
    if name_or_path in BUILT_IN:
        return BUILT_IN[name_or_path]
    path = Path(name_or_path)
    if not path.is_file():
        raise MappingError(f"--map {name_or_path!r}: neither a built-in mapping "
                           f"({', '.join(BUILT_IN)}) nor a mapping file")
    text = path.read_text(encoding="utf-8")
    try:
        declared = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        return CourseMapping.model_validate(declared)
    except (ValueError, yaml.YAMLError) as exc:
        detail = exc.errors()[0] if isinstance(exc, ValidationError) else None
        where = f"field {'.'.join(map(str, detail['loc']))!r}: {detail['msg']}" if detail else exc
        raise MappingError(f"{path.name}: {where}") from None
