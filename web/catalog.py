"""Browse the skills graph: roles, skills and courses, each linked to the others."""

from __future__ import annotations

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import render_template
from flask import request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from recommender.role_exposure import graph_role_exposure
from skills_graph import models as m
from skills_graph.graph import prerequisite_closure
from skills_graph.graph import role_exposure
from skills_graph.graph import role_required_skills
from skills_graph.queries import get_by_key
from skills_graph.queries import search_page
from web import database
from web.access import caller
from web.access import require
from web.access import visible_employee_ids
from web.recommendations import similar_roles

bp = Blueprint("catalog", __name__)

ROLE_KINDS = ("current", "hybrid", "human-centred")


def _listing(model: type, template: str, **extra: object) -> str:
    query = request.args.get("q", "").strip()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    kind = request.args.get("kind") or None
    if kind is not None and kind not in ROLE_KINDS:
        abort(400, description=f"'kind' must be one of {', '.join(ROLE_KINDS)}, got {kind!r}.")
    per_page = current_app.config["PER_PAGE"]
    rows, total = search_page(database.session(), model, query, page, per_page, kind=kind)
    return render_template(template, rows=rows, total=total, page=page, query=query,
                           per_page=per_page, kind=kind, **extra)


@bp.get("/roles/")
@require()
def roles() -> str:
    return _listing(m.Role, "catalog/roles.html", kinds=ROLE_KINDS)


@bp.get("/skills/")
@require()
def skills() -> str:
    return _listing(m.Skill, "catalog/skills.html")


@bp.get("/courses/")
@require()
def courses() -> str:
    return _listing(m.Course, "catalog/courses.html")


@bp.get("/roles/<key>")
@require()
def role(key: str) -> str:
    session = database.session()
    found = get_by_key(session, m.Role, key)
    G = database.graph()
    required = sorted(role_required_skills(G, key).items(), key=lambda kv: (-kv[1][1], kv[0]))
    in_role = select(m.Employee).where(m.Employee.role_id == found.id)
    visible = visible_employee_ids(session, caller())
    if visible is not None:
        in_role = in_role.where(m.Employee.id.in_(visible))
    people = session.scalars(in_role.order_by(m.Employee.name).limit(100)).all()
    return render_template("catalog/role.html", role=found, G=G, required=required,
                           exposure=role_exposure(G, key) if found.tasks else None,
                           exposure_range=graph_role_exposure(G, key),
                           similar=similar_roles(G, key), people=people)


@bp.get("/skills/<key>")
@require()
def skill(key: str) -> str:
    session = database.session()
    found = get_by_key(session, m.Skill, key)
    G = database.graph()
    required_by = sorted(
        ((r, d["level"]) for r, _, d in G.in_edges(key, data=True)
         if d["rel"] == "requires" and G.nodes[r]["type"] == "role"),
        key=lambda item: G.nodes[item[0]]["title"],
    )
    taught_by = [(c, d["level"]) for c, _, d in G.in_edges(key, data=True) if d["rel"] == "teaches"]
    needed_by = [(c, d["level"]) for _, c, d in G.out_edges(key, data=True)
                 if d["rel"] == "prerequisite"]
    return render_template("catalog/skill.html", skill=found, G=G, required_by=required_by[:200],
                           required_total=len(required_by),
                           taught_by=sorted(taught_by, key=lambda i: (i[1], G.nodes[i[0]]["hours"])),
                           needed_by=needed_by)


@bp.get("/courses/<key>")
@require()
def course(key: str) -> str:
    session = database.session()
    found = session.scalar(
        select(m.Course).where(m.Course.key == key).options(
            selectinload(m.Course.teaches).selectinload(m.CourseTeaches.skill),
            selectinload(m.Course.requires).selectinload(m.CourseRequires.skill))
    ) or get_by_key(session, m.Course, key)
    G = database.graph()
    return render_template("catalog/course.html", course=found, G=G,
                           closure=sorted(prerequisite_closure(G, key)))
