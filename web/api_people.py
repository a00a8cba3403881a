"""API resources about people: employees, their skills, targets, plans and assignments."""

from __future__ import annotations

import datetime as dt
from typing import Any
from typing import Literal

from flask import jsonify
from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import Field
from sqlalchemy import select
from werkzeug.wrappers import Response

from skills_graph import models as m
from skills_graph.assignments import assign_course
from skills_graph.assignments import open_assignment
from skills_graph.assignments import set_assignment_status
from skills_graph.queries import employee_profile
from skills_graph.queries import get_by_key
from skills_graph.queries import load_employee
from web import database
from web.access import Principal
from web.access import can_edit_own
from web.access import can_view_employee
from web.access import report_ids
from web.api import ApiError
from web.api import parse_body
from web.api import parse_query
from web.api import principal
from web.api import route
from web.recommendations import cached_plan
from web.recommendations import ranked_targets


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SkillLevels(_Strict):
    skills: dict[str, int] = Field(description="Skill key -> level 0-5 (self-assessment).")


class PlanQuery(_Strict):
    target: str | None = Field(default=None, description="Target role key; default the top-ranked.")
    hours_per_week: float = Field(default=4.0, gt=0, le=168)


class AssignmentQuery(_Strict):
    employee: str | None = None
    status: Literal["assigned", "in-progress", "done", "cancelled"] | None = None


class AssignmentIn(_Strict):
    employee: str = Field(min_length=1)
    course: str = Field(min_length=1)
    due_date: dt.date | None = None
    notes: str = Field(default="", max_length=2000)


class AssignmentUpdate(_Strict):
    status: Literal["assigned", "in-progress", "done", "cancelled"] | None = None
    notes: str | None = Field(default=None, max_length=2000)
    version: int | None = Field(default=None, description="The version you read; 409 if it moved.")


def visible_employee(key: str) -> m.Employee:
    """The employee, if the caller may see them (403 otherwise)."""
    session = database.session()
    employee = load_employee(session, key)
    if not can_view_employee(session, principal(), employee):
        raise ApiError(403, f"you may not see {key!r}")
    return employee


def employee_json(employee: m.Employee) -> dict[str, Any]:
    return {
        "key": employee.key, "name": employee.name, "email": employee.email,
        "role": employee.role.key if employee.role else None,
        "manager": employee.manager.key if employee.manager else None,
        "target": employee.target_role.key if employee.target_role else None,
    }


def _visible_ids(caller: Principal) -> set[int] | None:
    if caller.has("lnd"):
        return None
    own = {caller.employee_id} if caller.employee_id else set()
    if caller.has("manager") and caller.employee_id:
        own |= report_ids(database.session(), caller.employee_id)
    return own


@route("/employees", summary="Employees the caller may see.")
def list_employees() -> Response:
    ids = _visible_ids(principal())
    stmt = select(m.Employee).order_by(m.Employee.name)
    if ids is not None:
        stmt = stmt.where(m.Employee.id.in_(ids))
    return jsonify({"items": [employee_json(e) for e in database.session().scalars(stmt)]})


@route("/employees/<key>", summary="One employee.")
def get_employee(key: str) -> Response:
    return jsonify(employee_json(visible_employee(key)))


@route("/employees/<key>/skills", summary="An employee's skill levels with their source and date.")
def get_employee_skills(key: str) -> Response:
    employee = visible_employee(key)
    return jsonify({"employee": key, "skills": {
        item.skill.key: {"level": item.level, "source": item.source,
                         "assessed_on": item.assessed_on.isoformat()} for item in employee.skills}})


@route("/employees/<key>/skills", "PUT", summary="Set skill levels (self-assessment, or L&D).",
       body=SkillLevels)
def put_employee_skills(key: str) -> Response:
    employee = visible_employee(key)
    caller = principal()
    if not (can_edit_own(caller, employee) or caller.has("lnd")):
        raise ApiError(403, "only the person themself or L&D may set skill levels")
    body = parse_body(SkillLevels)
    session = database.session()
    skills = {}
    for skill_key, level in body.skills.items():
        if not 0 <= level <= 5:
            raise ApiError(422, f"level of {skill_key} must be 0-5, got {level}", f"skills.{skill_key}")
        skills[skill_key] = get_by_key(session, m.Skill, skill_key)
    have = {item.skill.key: item for item in employee.skills}
    source = "self" if can_edit_own(caller, employee) else "manager"
    for skill_key, level in body.skills.items():
        item = have.get(skill_key)
        if item is None:
            employee.skills.append(m.EmployeeSkill(skill=skills[skill_key], level=level, source=source))
        else:
            item.level, item.source, item.assessed_on = level, source, dt.date.today()
    session.commit()
    return get_employee_skills(key)


@route("/employees/<key>/targets", summary="Target roles ranked for the employee, best first.")
def get_targets(key: str) -> Response:
    employee = visible_employee(key)
    profile = employee_profile(database.session(), employee)
    return jsonify([r.to_dict() for r in ranked_targets(database.graph(), profile)])


@route("/employees/<key>/plan", summary="The shortest learning plan into a target.", query=PlanQuery)
def get_plan(key: str) -> Response:
    employee = visible_employee(key)
    query = parse_query(PlanQuery)
    session = database.session()
    G = database.graph()
    profile = employee_profile(session, employee)
    if query.target is not None:
        target = get_by_key(session, m.Role, query.target).key
    else:
        target = ranked_targets(G, profile)[0].role
    return jsonify(cached_plan(G, profile, target, query.hours_per_week).to_dict())


def assignment_json(item: m.Assignment) -> dict[str, Any]:
    return {
        "id": item.id, "employee": item.employee.key, "course": item.course.key,
        "assigned_by": item.assigned_by.key if item.assigned_by else None,
        "due_date": item.due_date.isoformat() if item.due_date else None,
        "status": item.status, "notes": item.notes, "version": item.version,
    }


@route("/assignments", summary="Assignments of the employees the caller may see.",
       query=AssignmentQuery)
def list_assignments() -> Response:
    query = parse_query(AssignmentQuery)
    stmt = select(m.Assignment).order_by(m.Assignment.due_date, m.Assignment.id)
    ids = _visible_ids(principal())
    if ids is not None:
        stmt = stmt.where(m.Assignment.employee_id.in_(ids))
    if query.employee:
        stmt = stmt.where(m.Assignment.employee_id == visible_employee(query.employee).id)
    if query.status:
        stmt = stmt.where(m.Assignment.status == query.status)
    return jsonify({"items": [assignment_json(a) for a in database.session().scalars(stmt)]})


@route("/assignments", "POST", summary="Assign a course to an employee (their manager or L&D).",
       body=AssignmentIn)
def create_assignment() -> tuple[Response, int]:
    caller = principal()
    body = parse_body(AssignmentIn)
    session = database.session()
    employee = visible_employee(body.employee)
    if not caller.has("lnd") and employee.id == caller.employee_id:
        raise ApiError(403, "managers assign courses to their reports, not to themselves", "employee")
    if not caller.has("lnd", "manager"):
        raise ApiError(403, "only managers and L&D assign courses", "employee")
    course = get_by_key(session, m.Course, body.course)
    if body.due_date is not None and body.due_date < dt.date.today():
        raise ApiError(422, f"due_date {body.due_date.isoformat()} is in the past", "due_date")
    open_one = open_assignment(session, employee, course)
    if open_one is not None:
        raise ApiError(409, f"{course.key} is already assigned to {employee.key} (id {open_one.id})",
                       "course")
    assigned_by = session.get(m.Employee, caller.employee_id) if caller.employee_id else None
    item = assign_course(session, employee, course, assigned_by, body.due_date, body.notes)
    session.commit()
    return jsonify(assignment_json(item)), 201


@route("/assignments/<int:assignment_id>", "PATCH",
       summary="Update an assignment's status or notes.", body=AssignmentUpdate)
def update_assignment(assignment_id: int) -> Response:
    session = database.session()
    item = session.get(m.Assignment, assignment_id)
    if item is None:
        raise ApiError(404, f"no assignment {assignment_id}")
    visible_employee(item.employee.key)
    body = parse_body(AssignmentUpdate)
    if body.version is not None and body.version != item.version:
        raise ApiError(409, f"assignment {assignment_id} changed since version {body.version}; "
                            f"it is now version {item.version} with status {item.status!r}", "version")
    if body.status is not None:
        set_assignment_status(item, body.status)
    if body.notes is not None:
        item.notes = body.notes
    session.commit()
    return jsonify(assignment_json(item))
