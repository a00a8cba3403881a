"""Employees: the list, and each person's plan page where they pick a target and log progress."""

from __future__ import annotations

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
from werkzeug.wrappers import Response

from recommender.gap import gap
from skills_graph import models as m
from skills_graph.graph import role_exposure
from skills_graph.graph import role_tasks
from skills_graph.progress import PROGRESS_STATUSES
from skills_graph.progress import choose_target
from skills_graph.progress import record_progress
from skills_graph.queries import employee_profile
from skills_graph.queries import get_by_key
from skills_graph.queries import load_employee
from skills_graph.queries import search_page
from web import database
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


@bp.get("/")
def index() -> str:
    query = request.args.get("q", "").strip()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    people, total = search_page(database.session(), m.Employee, query, page,
                                current_app.config["PER_PAGE"])
    return render_template("employee/list.html", people=people, total=total, page=page,
                           query=query, per_page=current_app.config["PER_PAGE"])


def _employee_or_404(key: str) -> m.Employee:
    """The employee, or (through the error handler) a 404 page with close matches."""
    return load_employee(database.session(), key)


@bp.get("/<key>")
def plan(key: str) -> str:
    employee = _employee_or_404(key)
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
    return render_template(
        "employee/plan.html", employee=employee, profile=profile, targets=targets, G=G,
        tasks=[G.nodes[t] | {"key": t} for t in role_tasks(G, role)] if role else [],
        shares=_task_shares(G, role), exposure=role_exposure(G, role) if role else None,
        chosen=chosen, gaps=gap(G, profile, chosen) if chosen else [],
        plan=cached_plan(G, profile, chosen, hours) if chosen else None, hours=hours,
        progress={p.course.key: p.status for p in employee.progress},
        statuses=PROGRESS_STATUSES,
    )


def _task_shares(G: object, role: str | None) -> dict[str, float]:
    if role is None:
        return {}
    return {task: d["share"] for _, task, d in G.out_edges(role, data=True)  # type: ignore[attr-defined]
            if d["rel"] == "performs"}


@bp.post("/<key>/target")
def set_target(key: str) -> Response:
    employee = _employee_or_404(key)
    form = parse_form(TargetForm)
    session = database.session()
    role = get_by_key(session, m.Role, form.target)
    choose_target(session, employee, role)
    session.commit()
    flash(f"Target set to {role.title}.", "success")
    return redirect(url_for("employee.plan", key=key))


@bp.post("/<key>/progress")
def set_progress(key: str) -> Response:
    employee = _employee_or_404(key)
    form = parse_form(ProgressForm)
    session = database.session()
    course = get_by_key(session, m.Course, form.course)
    raised = record_progress(session, employee, course, form.status)
    session.commit()
    note = f" {raised} skill level(s) went up." if raised else ""
    flash(f"{course.title}: marked {form.status}.{note}", "success")
    return redirect(url_for("employee.plan", key=key) + "#plan")
