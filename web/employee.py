"""Employees: the list, and each person's plan page where they pick a target and log progress."""

from __future__ import annotations

import networkx as nx
from flask import Blueprint
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from pydantic import BaseModel
from pydantic import Field
from pydantic import ValidationError
from sqlalchemy import select
from werkzeug.wrappers import Response

from recommender.gap import gap
from skills_graph import models as m
from skills_graph.assignments import set_assignment_status as update_status
from skills_graph.errors import UnknownKeyError
from skills_graph.graph import role_exposure
from skills_graph.graph import role_tasks
from skills_graph.progress import PROGRESS_STATUSES
from skills_graph.progress import assess_skills
from skills_graph.progress import choose_target
from skills_graph.progress import record_progress
from skills_graph.queries import employee_profile
from skills_graph.queries import get_by_key
from skills_graph.queries import load_employee
from skills_graph.queries import search_page
from web import database
from web.access import caller
from web.access import can_edit_own
from web.access import can_view_employee
from web.access import require
from web.access import visible_employee_ids
from web.forms import describe
from web.forms import parse_form
from web.forms import positive_float_arg
from web.recommendations import cached_plan
from web.recommendations import ranked_targets

bp = Blueprint("employee", __name__, url_prefix="/employees")


class TargetForm(BaseModel):
    target: str = Field(min_length=1)


class ProgressForm(BaseModel):
    course: str = Field(min_length=1)
    status: str = Field(pattern="^(" + "|".join(PROGRESS_STATUSES) + ")$")


class AssignmentStatusForm(BaseModel):
    """What a person reports on a course their manager assigned (cancelling is the manager's)."""

    status: str = Field(pattern="^(assigned|in-progress|done)$")
    version: int


class SelfAssessmentForm(BaseModel):
    """Skill key -> the level the person gives themself, 0 none to 5 expert."""

    levels: dict[str, int] = Field(min_length=1)

    @classmethod
    def from_form(cls) -> SelfAssessmentForm:
        levels = {k.removeprefix("level-"): v for k, v in request.form.items()
                  if k.startswith("level-")}
        for skill, raw in levels.items():
            if not raw.isdigit() or not 0 <= int(raw) <= 5:
                abort(400, description=f"Field 'level-{skill}': a level must be a whole number "
                                       f"from 0 to 5 (got {raw!r}).")
        try:
            return cls.model_validate({"levels": {k: int(v) for k, v in levels.items()}})
        except ValidationError as exc:
            abort(400, description=describe(exc))


@bp.get("/")
@require("manager", "lnd")
def index() -> str:
    query = request.args.get("q", "").strip()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    session = database.session()
    visible = visible_employee_ids(session, caller())
    people, total = search_page(session, m.Employee, query, page, current_app.config["PER_PAGE"],
                                only_ids=visible)
    return render_template("employee/list.html", people=people, total=total, page=page,
                           query=query, per_page=current_app.config["PER_PAGE"], visible=visible)


def _visible_employee(key: str) -> m.Employee:
    """The employee if the caller may see them; else a 404 with close matches they may see, or 403.

    Suggestions are limited to visible people, so a mistyped key reveals nobody else.
    """
    session = database.session()
    principal = caller()
    try:
        employee = load_employee(session, key)
    except UnknownKeyError as exc:
        visible = visible_employee_ids(session, principal)
        if visible is not None:
            keys = set(session.scalars(select(m.Employee.key).where(m.Employee.id.in_(visible))))
            exc.suggestions = [k for k in exc.suggestions if k in keys]
            if not exc.suggestions:
                abort(403, description="Your account does not give access to this page.")
        raise
    if not can_view_employee(session, principal, employee):
        abort(403, description="Your account does not give access to this page.")
    return employee


def _own_employee(key: str) -> m.Employee:
    """The employee if the caller is that person (only they change their plan), else 403."""
    employee = _visible_employee(key)
    if not can_edit_own(caller(), employee):
        abort(403, description="Only the person themself changes their plan and skill levels.")
    return employee


@bp.get("/<key>")
@require()
def plan(key: str) -> str:
    employee = _visible_employee(key)
    hours = positive_float_arg("hours", employee.hours_per_week)
    G = database.graph()
    profile = employee_profile(database.session(), employee)
    targets = ranked_targets(G, profile)
    chosen = request.args.get("target") or (employee.target_role.key if employee.target_role else None)
    if chosen is None and targets:
        chosen = targets[0].role
    if chosen is not None and (chosen not in G or G.nodes[chosen].get("type") != "role"):
        abort(404, description=f"unknown target role {chosen!r}")
    role = employee.role.key if employee.role else None
    gaps = gap(G, profile, chosen) if chosen else []
    return render_template(
        "employee/plan.html", employee=employee, profile=profile, targets=targets, G=G,
        tasks=[G.nodes[t] | {"key": t} for t in role_tasks(G, role)] if role else [],
        shares=_task_shares(G, role), exposure=role_exposure(G, role) if role else None,
        chosen=chosen, gaps=gaps,
        plan=cached_plan(G, profile, chosen, hours) if chosen else None, hours=hours,
        progress={p.course.key: p.status for p in employee.progress},
        statuses=PROGRESS_STATUSES, own_statuses=("assigned", "in-progress", "done"), can_edit=can_edit_own(caller(), employee),
        can_view_manager=employee.manager is not None and can_view_employee(
            database.session(), caller(), employee.manager),
        assessable=_assessable_skills(G, set(profile.levels) | {g.skill for g in gaps}),
        assignments=_assignments(employee),
    )


def _assessable_skills(G: nx.DiGraph, keys: set[str]) -> list[tuple[str, str]]:
    """(key, name) of the skills a person can assess: their own and those the target needs."""
    return sorted(((k, G.nodes[k]["name"] if k in G else k) for k in keys), key=lambda kv: kv[1])


def _assignments(employee: m.Employee) -> list[m.Assignment]:
    return list(database.session().scalars(
        select(m.Assignment).where(m.Assignment.employee_id == employee.id)
        .order_by(m.Assignment.due_date, m.Assignment.id)))


def _task_shares(G: nx.DiGraph, role: str | None) -> dict[str, float]:
    if role is None:
        return {}
    return {task: d["share"] for _, task, d in G.out_edges(role, data=True)
            if d["rel"] == "performs"}


@bp.post("/<key>/target")
@require()
def set_target(key: str) -> Response:
    employee = _own_employee(key)
    form = parse_form(TargetForm)
    session = database.session()
    role = get_by_key(session, m.Role, form.target)
    choose_target(session, employee, role)
    session.commit()
    flash(f"Target set to {role.title}.", "success")
    return redirect(url_for("employee.plan", key=key))


@bp.post("/<key>/progress")
@require()
def set_progress(key: str) -> Response:
    employee = _own_employee(key)
    form = parse_form(ProgressForm)
    session = database.session()
    course = get_by_key(session, m.Course, form.course)
    raised = record_progress(session, employee, course, form.status)
    session.commit()
    note = f" {raised} skill level(s) went up." if raised else ""
    flash(f"{course.title}: marked {form.status}.{note}", "success")
    return redirect(url_for("employee.plan", key=key) + "#plan")


@bp.post("/<key>/skills")
@require()
def set_skills(key: str) -> Response:
    employee = _own_employee(key)
    form = SelfAssessmentForm.from_form()
    session = database.session()
    levels = {get_by_key(session, m.Skill, skill): level for skill, level in form.levels.items()}
    changed = assess_skills(session, employee, levels)
    session.commit()
    flash(f"Self-assessment saved: {changed} skill level(s) changed.", "success")
    return redirect(url_for("employee.plan", key=key) + "#assessment")


@bp.post("/<key>/assignments/<int:assignment_id>")
@require()
def set_assignment_status(key: str, assignment_id: int) -> Response:
    employee = _own_employee(key)
    session = database.session()
    assignment = session.get(m.Assignment, assignment_id)
    if assignment is None or assignment.employee_id != employee.id:
        abort(404, description=f"You have no assignment {assignment_id}.")
    form = parse_form(AssignmentStatusForm)
    if assignment.version != form.version or assignment.status == "cancelled":
        abort(409, description=f"Your manager changed this assignment meanwhile: it is now "
                               f"{assignment.status!r}. Reload your plan.")
    update_status(assignment, form.status)
    session.commit()
    flash(f"{assignment.course.title}: {form.status}.", "success")
    return redirect(url_for("employee.plan", key=key) + "#assignments")
