"""Create and edit skills and courses."""

from __future__ import annotations

import re
from typing import Any

from flask import request
from flask import url_for
from pydantic import BaseModel
from pydantic import Field as Input
from pydantic import field_validator
from sqlalchemy import select
from werkzeug.wrappers import Response

from skills_graph import models as m
from skills_graph.editing import apply_values
from skills_graph.editing import new_key
from skills_graph.editing import set_course_skills
from skills_graph.editing import touch
from skills_graph.queries import get_by_key
from web import database
from web.access import require
from web.lnd import bp
from web.lnd.forms import Field
from web.lnd.forms import FieldError
from web.lnd.forms import format_lines
from web.lnd.forms import parse_lines
from web.lnd.forms import render_edit
from web.lnd.forms import resolve_skills
from web.lnd.forms import save_edit

KEY = re.compile(r"^[a-z]+:[a-z0-9][a-z0-9._-]*$")
SKILL_FIELDS = [
    Field("name", "Name"),
    Field("category", "Category", "select", m.SKILL_CATEGORIES),
    Field("description", "Description", "textarea"),
]
COURSE_FIELDS = [
    Field("title", "Title"),
    Field("provider", "Provider"),
    Field("description", "Description", "textarea"),
    Field("hours", "Hours", "number", hint="Total learning hours, more than 0."),
    Field("cost", "Cost", "number", hint="0 for free courses."),
    Field("format", "Format", hint="For example self-paced, workshop, cohort."),
    Field("difficulty", "Difficulty", "select", ("beginner", "intermediate", "advanced")),
    Field("url", "Link"),
    Field("teaches", "Teaches", "textarea",
          hint="One skill per line: skill:key level (0-5), e.g. skill:prompt-design 3"),
    Field("requires", "Needs first", "textarea",
          hint="One skill per line: skill:key level, the level needed before starting."),
]
NEW_KEY = Field("key", "Key (optional)", hint="Left empty, it is made from the name.")


class SkillForm(BaseModel):
    name: str = Input(min_length=1, max_length=300)
    category: str
    description: str = Input(default="", max_length=5000)
    key: str = ""
    version: int | None = None

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in m.SKILL_CATEGORIES:
            raise ValueError(f"must be one of {', '.join(m.SKILL_CATEGORIES)}")
        return value


class CourseForm(BaseModel):
    title: str = Input(min_length=1, max_length=300)
    provider: str = Input(default="", max_length=200)
    description: str = Input(default="", max_length=5000)
    hours: float = Input(gt=0, le=10000)
    cost: float = Input(default=0.0, ge=0)
    format: str = Input(default="self-paced", min_length=1, max_length=40)
    difficulty: str = Input(default="beginner", pattern="^(beginner|intermediate|advanced)$")
    url: str = Input(default="", max_length=500, pattern=r"^(https?://\S*)?$")
    teaches: list[tuple[str, int, float]]
    requires: list[tuple[str, int, float]] = []
    key: str = ""
    version: int | None = None

    @field_validator("teaches", "requires", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        return parse_lines(value, with_importance=False) if isinstance(value, str) else value


def checked_new_key(model: type[Any], prefix: str, typed: str, title: str) -> str:
    """The key typed for a new entity (checked) or one made from its title."""
    session = database.session()
    if not typed:
        return new_key(session, model, prefix, title)
    if not KEY.match(typed) or not typed.startswith(prefix + ":"):
        raise FieldError("key", f"must look like {prefix}:lower-case-words, got {typed!r}")
    if session.scalar(select(model.id).where(model.key == typed)) is not None:
        raise FieldError("key", f"{typed!r} is already taken")
    return typed


def skill_values(skill: m.Skill) -> dict[str, Any]:
    return {"name": skill.name, "category": skill.category, "description": skill.description,
            "version": skill.version}


def course_values(course: m.Course) -> dict[str, Any]:
    return {name: getattr(course, name) for name in (
        "title", "provider", "description", "hours", "cost", "format", "difficulty", "url",
        "version")} | {"teaches": format_lines(course.teaches, False),
                       "requires": format_lines(course.requires, False)}


@bp.route("/skills/new", methods=["GET", "POST"])
@bp.route("/skills/<key>/edit", methods=["GET", "POST"])
@require("lnd")
def edit_skill(key: str | None = None) -> Response | tuple[str, int]:
    skill = get_by_key(database.session(), m.Skill, key) if key else None
    fields = SKILL_FIELDS if skill else [NEW_KEY, *SKILL_FIELDS]
    heading = f"Edit skill {skill.name}" if skill else "New skill"
    if request.method == "GET":
        values = skill_values(skill) if skill else {"category": "technical"}
        return render_edit("lnd/edit.html", fields, values, entity=skill, heading=heading)

    def apply(form: SkillForm) -> m.Skill:
        target = skill
        if target is None:
            target = m.Skill(key=checked_new_key(m.Skill, "skill", form.key, form.name))
            database.session().add(target)
        apply_values(target, form.model_dump(include={"name", "category", "description"}))
        return target

    return save_edit(skill, SkillForm, apply, template="lnd/edit.html", fields=fields,
                     snapshot=skill_values, heading=heading, message="Skill saved.",
                     done=lambda s: url_for("catalog.skill", key=s.key))


@bp.route("/courses/new", methods=["GET", "POST"])
@bp.route("/courses/<key>/edit", methods=["GET", "POST"])
@require("lnd")
def edit_course(key: str | None = None) -> Response | tuple[str, int]:
    course = get_by_key(database.session(), m.Course, key) if key else None
    fields = COURSE_FIELDS if course else [NEW_KEY, *COURSE_FIELDS]
    heading = f"Edit course {course.title}" if course else "New course"
    if request.method == "GET":
        values = course_values(course) if course else {"cost": 0, "format": "self-paced"}
        return render_edit("lnd/edit.html", fields, values, entity=course, heading=heading)

    def apply(form: CourseForm) -> m.Course:
        teaches = resolve_skills("teaches", form.teaches)
        requires = resolve_skills("requires", form.requires)
        target = course
        if target is None:
            target = m.Course(key=checked_new_key(m.Course, "course", form.key, form.title),
                              hours=form.hours)
            database.session().add(target)
        changed = apply_values(target, form.model_dump(include={
            "title", "provider", "description", "hours", "cost", "format", "difficulty", "url"}))
        if set_course_skills(target, teaches, requires) and not changed and course is not None:
            touch(target, "title")
        return target

    return save_edit(course, CourseForm, apply, template="lnd/edit.html", fields=fields,
                     snapshot=course_values, heading=heading, message="Course saved.",
                     done=lambda c: url_for("catalog.course", key=c.key))
