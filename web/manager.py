"""A manager's team (``/team/``): direct and indirect reports, their readiness, and assignments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import networkx as nx
from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from pydantic import BaseModel
from pydantic import Field
from pydantic import ValidationInfo
from pydantic import field_validator
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from recommender.ranking import TargetRecommendation
from skills_graph import models as m
from skills_graph.assignments import ASSIGNMENT_STATUSES
from skills_graph.assignments import assign_course
from skills_graph.assignments import assignments_of
from skills_graph.assignments import open_assignment
from skills_graph.assignments import set_assignment_status
from skills_graph.graph import role_exposure
from skills_graph.queries import employee_profile
from web import database
from web.access import caller
from web.access import report_ids
from web.access import require
from web.forms import form_errors
from web.forms import parse_form
from web.recommendations import cached_plan
from web.recommendations import ranked_targets

bp = Blueprint("manager", __name__, url_prefix="/team")


class AssignmentForm(BaseModel):
    """A course for someone in the team; the context names the team and the course keys."""

    employee: str = Field(min_length=1)
    course: str = Field(min_length=1)
    due_date: dt.date
    notes: str = Field(default="", max_length=2000)

    @field_validator("employee")
    @classmethod
    def _in_team(cls, value: str, info: ValidationInfo) -> str:
        if value not in (info.context or {}).get("team", ()):
            raise ValueError(f"{value!r} is not in your team (your direct and indirect reports)")
        return value

    @field_validator("course")
    @classmethod
    def _known_course(cls, value: str, info: ValidationInfo) -> str:
        if value not in (info.context or {}).get("courses", ()):
            raise ValueError(f"there is no course with the key {value!r}")
        return value

    @field_validator("due_date")
    @classmethod
    def _not_past(cls, value: dt.date) -> dt.date:
        if value < dt.date.today():
            raise ValueError(f"the due date {value.isoformat()} is in the past")
        return value


class StatusForm(BaseModel):
    status: str = Field(pattern="^(" + "|".join(ASSIGNMENT_STATUSES) + ")$")
    version: int


@dataclass(frozen=True)
class Member:
    """One person of the team as the team page shows them."""

    employee: m.Employee
    exposure: dict[str, float] | None
    target: TargetRecommendation | None
    chosen: bool
    plan_hours: float | None


def _team() -> list[m.Employee]:
    principal = caller()
    if principal.employee_id is None:
        return []
    ids = report_ids(database.session(), principal.employee_id)
    return list(database.session().scalars(
        select(m.Employee).where(m.Employee.id.in_(ids)).order_by(m.Employee.name)))


def _member(G: nx.DiGraph, employee: m.Employee) -> Member:
    profile = employee_profile(database.session(), employee)
    role = employee.role.key if employee.role else None
    exposure = role_exposure(G, role) if role and any(
        d["rel"] == "performs" for _, _, d in G.out_edges(role, data=True)) else None
    ranked = ranked_targets(G, profile)
    wanted = employee.target_role.key if employee.target_role else None
    target = next((t for t in ranked if t.role == wanted), None) or (ranked[0] if ranked else None)
    hours = cached_plan(G, profile, target.role, employee.hours_per_week).total_hours \
        if target else None
    return Member(employee, exposure, target, target is not None and target.role == wanted, hours)


def _page(status: int = 200, **context: Any) -> tuple[str, int]:
    team = _team()
    G = database.graph()
    courses = database.session().execute(
        select(m.Course.key, m.Course.title).order_by(m.Course.title)).all()
    return render_template(
        "manager/team.html", members=[_member(G, e) for e in team], team=team, courses=courses,
        assignments=assignments_of(database.session(), [e.id for e in team]),
        statuses=ASSIGNMENT_STATUSES, today=dt.date.today(), **context), status


@bp.get("/")
@require("manager")
def team() -> tuple[str, int]:
    return _page()


@bp.post("/assignments")
@require("manager")
def assign() -> Response | tuple[str, int]:
    session = database.session()
    team = {e.key: e for e in _team()}
    courses = set(session.scalars(select(m.Course.key)))
    form, error = form_errors(AssignmentForm, context={"team": team, "courses": courses})
    if form is None:
        return _page(400, error=error, entered=_entered())
    course = session.scalar(select(m.Course).where(m.Course.key == form.course))
    assert course is not None
    already = open_assignment(session, team[form.employee], course)
    if already is not None:
        due = already.due_date.isoformat() if already.due_date else "no due date"
        return _page(400, entered=_entered(), error=(
            f"Field 'course': {course.title} is already assigned to {team[form.employee].name} "
            f"({already.status}, due {due})."))
    manager = session.get(m.Employee, caller().employee_id)
    assign_course(session, team[form.employee], course, manager, form.due_date, form.notes)
    session.commit()
    flash(f"{course.title} assigned to {team[form.employee].name}, due "
          f"{form.due_date.isoformat()}.", "success")
    return redirect(url_for("manager.team") + "#assignments")


def _entered() -> dict[str, str]:
    return request.form.to_dict()


@bp.post("/assignments/<int:assignment_id>")
@require("manager")
def update(assignment_id: int) -> Response:
    session = database.session()
    assignment = session.get(m.Assignment, assignment_id)
    team_ids = {e.id for e in _team()}
    if assignment is None or assignment.employee_id not in team_ids:
        abort(404, description=f"There is no assignment {assignment_id} in your team.")
    form = parse_form(StatusForm)
    if assignment.version != form.version:
        abort(409, description=f"Someone changed this assignment after you loaded it: its "
                               f"status is now {assignment.status!r}. Reload the team page.")
    set_assignment_status(assignment, form.status)
    try:
        session.commit()
    except StaleDataError:
        abort(409, description="Someone changed this assignment meanwhile. Reload the team page.")
    flash(f"{assignment.course.title} for {assignment.employee.name}: {form.status}.", "success")
    return redirect(url_for("manager.team") + "#assignments")
