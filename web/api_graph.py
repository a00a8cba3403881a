"""Read-only API resources of the skills graph: roles, skills, courses."""

from __future__ import annotations

from typing import Any
from typing import Literal

from flask import jsonify
from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import Field
from werkzeug.wrappers import Response

from skills_graph import models as m
from skills_graph.graph import course_requirements
from skills_graph.graph import course_teaches
from skills_graph.graph import role_exposure
from skills_graph.graph import role_required_skills
from skills_graph.graph import role_tasks
from skills_graph.queries import get_by_key
from skills_graph.queries import search_page
from web import database
from web.api import parse_query
from web.api import principal
from web.api import route


class PageQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    q: str = Field(default="", max_length=200, description="Text the key or name contains.")
    page: int = Field(default=1, ge=1)
    per_page: int = Field(default=50, ge=1, le=500)


class RolePageQuery(PageQuery):
    kind: Literal["current", "hybrid", "human-centred"] | None = None


def page_of(model: type, query: PageQuery, render: Any, kind: str | None = None) -> Response:
    """A page of entities as ``{"items", "page", "per_page", "total"}``."""
    principal()
    rows, total = search_page(database.session(), model, query.q, query.page, query.per_page, kind)
    return jsonify({"items": [render(row) for row in rows], "page": query.page,
                    "per_page": query.per_page, "total": total})


def role_summary(role: m.Role) -> dict[str, Any]:
    return {"key": role.key, "title": role.title, "kind": role.kind, "archetype": role.archetype,
            "department": role.department}


def skill_summary(skill: m.Skill) -> dict[str, Any]:
    return {"key": skill.key, "name": skill.name, "category": skill.category}


def course_summary(course: m.Course) -> dict[str, Any]:
    return {"key": course.key, "title": course.title, "provider": course.provider,
            "hours": course.hours, "cost": course.cost, "format": course.format,
            "difficulty": course.difficulty}


@route("/roles", summary="List roles (paginated, filter by text and kind).", query=RolePageQuery)
def list_roles() -> Response:
    query = parse_query(RolePageQuery)
    return page_of(m.Role, query, role_summary, query.kind)


@route("/skills", summary="List skills (paginated, filter by text).", query=PageQuery)
def list_skills() -> Response:
    return page_of(m.Skill, parse_query(PageQuery), skill_summary)


@route("/courses", summary="List courses (paginated, filter by text).", query=PageQuery)
def list_courses() -> Response:
    return page_of(m.Course, parse_query(PageQuery), course_summary)


@route("/roles/<key>", summary="One role with its tasks, skill requirements and exposure.")
def get_role(key: str) -> Response:
    principal()
    role = get_by_key(database.session(), m.Role, key)
    G = database.graph()
    tasks = [{"key": t, "statement": G.nodes[t]["statement"], "exposure_class": G.nodes[t]["exposure_class"],
              "exposure_source": G.nodes[t]["exposure_source"],
              "share": G.edges[key, t]["share"]} for t in role_tasks(G, key)]
    required = [{"skill": s, "level": lv, "importance": imp}
                for s, (lv, imp) in role_required_skills(G, key).items()]
    return jsonify(role_summary(role) | {
        "description": role.description, "version": role.version, "tasks": tasks,
        "requires": required, "exposure": role_exposure(G, key) if tasks else None})


@route("/skills/<key>", summary="One skill with the courses that teach it.")
def get_skill(key: str) -> Response:
    principal()
    skill = get_by_key(database.session(), m.Skill, key)
    G = database.graph()
    taught = [{"course": c, "level": d["level"]} for c, _, d in G.in_edges(key, data=True)
              if d["rel"] == "teaches"]
    return jsonify(skill_summary(skill) | {"description": skill.description,
                                           "version": skill.version, "taught_by": taught})


@route("/courses/<key>", summary="One course with what it teaches and requires.")
def get_course(key: str) -> Response:
    principal()
    course = get_by_key(database.session(), m.Course, key)
    G = database.graph()
    return jsonify(course_summary(course) | {
        "description": course.description, "version": course.version,
        "teaches": course_teaches(G, key), "requires": course_requirements(G, key)})
