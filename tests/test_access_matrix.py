"""Who may do what: every route of the app, for every kind of caller, with the status expected.

The routes come from the app's URL map, so a new route without a rule here fails this test.
Callers (demo accounts): anonymous; Lúcia, an employee; Aiko, her manager; Isabel, L&D.
POSTs and API writes send an empty form or body: callers let through get the validation error
(400 for pages, 422 for the API), the others 302 (to sign in), 401 or 403 before any validation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask import url_for
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.api_tokens import issue_token
from skills_graph.assignments import assign_course

CALLERS = ("anonymous", "employee", "manager", "lnd")
SELF = "emp:lucia-ferreira"  # the employee account's own record, a report of the manager
MANAGER = "emp:aiko-tanaka"  # the manager account's own record
OUTSIDER = "emp:marcus-johnson"  # nobody's report among the demo accounts
ROLE, SKILL, TASK = "role:hr-generalist", "skill:sql", "task:hr-generalist-1"
COURSE = "course:ai-fundamentals-for-everyone"

# (method, endpoint) -> {case: (anonymous, employee, manager, lnd)}; a case names the URL's
# arguments (see ARGS), "" for none.
MATRIX: dict[tuple[str, str], dict[str, tuple[int, int, int, int]]] = {
    ("GET", "static"): {"file": (200, 200, 200, 200)},
    ("GET", "index"): {"": (302, 302, 302, 302)},
    # Accounts
    ("GET", "auth.login"): {"": (200, 302, 302, 302)},
    ("POST", "auth.login"): {"": (200, 200, 200, 200)},
    ("POST", "auth.logout"): {"": (302, 302, 302, 302)},
    ("GET", "auth.password"): {"": (302, 200, 200, 200)},
    ("POST", "auth.password"): {"": (302, 400, 400, 400)},
    # People: the list for managers (their team) and L&D; a plan for whoever may see it;
    # changing a plan only by the person themself.
    ("GET", "employee.index"): {"": (302, 403, 200, 200)},
    ("GET", "employee.plan"): {"self": (302, 200, 200, 200), "manager": (302, 403, 200, 200),
                               "outsider": (302, 403, 403, 200)},
    ("POST", "employee.set_target"): {"self": (302, 400, 403, 403),
                                      "outsider": (302, 403, 403, 403)},
    ("POST", "employee.set_progress"): {"self": (302, 400, 403, 403),
                                        "outsider": (302, 403, 403, 403)},
    ("POST", "employee.set_skills"): {"self": (302, 400, 403, 403),
                                      "outsider": (302, 403, 403, 403)},
    ("POST", "employee.set_assignment_status"): {"own assignment": (302, 400, 403, 403)},
    # The catalogue: any signed-in person.
    ("GET", "catalog.roles"): {"": (302, 200, 200, 200)},
    ("GET", "catalog.skills"): {"": (302, 200, 200, 200)},
    ("GET", "catalog.courses"): {"": (302, 200, 200, 200)},
    ("GET", "catalog.role"): {"role": (302, 200, 200, 200)},
    ("GET", "catalog.skill"): {"skill": (302, 200, 200, 200)},
    ("GET", "catalog.course"): {"course": (302, 200, 200, 200)},
    # Managers' team pages.
    ("GET", "manager.team"): {"": (302, 403, 200, 403)},
    ("POST", "manager.assign"): {"": (302, 403, 400, 403)},
    ("POST", "manager.update"): {"assignment": (302, 403, 400, 403)},
    # L&D pages.
    ("GET", "lnd.home"): {"": (302, 403, 403, 200)},
    ("GET", "lnd.edit_role"): {"": (302, 403, 403, 200), "role": (302, 403, 403, 200)},
    ("POST", "lnd.edit_role"): {"": (302, 403, 403, 400), "role": (302, 403, 403, 400)},
    ("GET", "lnd.new_task"): {"role": (302, 403, 403, 200)},
    ("POST", "lnd.new_task"): {"role": (302, 403, 403, 400)},
    ("GET", "lnd.edit_task"): {"task": (302, 403, 403, 200)},
    ("POST", "lnd.edit_task"): {"task": (302, 403, 403, 400)},
    ("GET", "lnd.edit_skill"): {"": (302, 403, 403, 200), "skill": (302, 403, 403, 200)},
    ("POST", "lnd.edit_skill"): {"": (302, 403, 403, 400), "skill": (302, 403, 403, 400)},
    ("GET", "lnd.edit_course"): {"": (302, 403, 403, 200), "course": (302, 403, 403, 200)},
    ("POST", "lnd.edit_course"): {"": (302, 403, 403, 400), "course": (302, 403, 403, 400)},
    ("GET", "lnd.review"): {"": (302, 403, 403, 200)},
    ("POST", "lnd.decide"): {"task": (302, 403, 403, 400)},
    ("GET", "lnd.tokens"): {"": (302, 403, 403, 200)},
    ("POST", "lnd.create_token"): {"": (302, 403, 403, 400)},
    ("POST", "lnd.revoke"): {"token": (302, 403, 403, 302)},
    # The JSON API with a signed-in session (token cases are in test_api.py).
    ("GET", "api.openapi_get"): {"": (200, 200, 200, 200)},
    ("GET", "api.list_roles_get"): {"": (401, 200, 200, 200)},
    ("GET", "api.list_skills_get"): {"": (401, 200, 200, 200)},
    ("GET", "api.list_courses_get"): {"": (401, 200, 200, 200)},
    ("GET", "api.get_role_get"): {"role": (401, 200, 200, 200)},
    ("GET", "api.get_skill_get"): {"skill": (401, 200, 200, 200)},
    ("GET", "api.get_course_get"): {"course": (401, 200, 200, 200)},
    ("GET", "api.list_employees_get"): {"": (401, 200, 200, 200)},
    ("GET", "api.get_employee_get"): {"self": (401, 200, 200, 200),
                                      "outsider": (401, 403, 403, 200)},
    ("GET", "api.get_employee_skills_get"): {"self": (401, 200, 200, 200),
                                             "outsider": (401, 403, 403, 200)},
    ("PUT", "api.put_employee_skills_put"): {"self": (401, 422, 403, 422),
                                             "outsider": (401, 403, 403, 422)},
    ("GET", "api.get_targets_get"): {"self": (401, 200, 200, 200),
                                     "outsider": (401, 403, 403, 200)},
    ("GET", "api.get_plan_get"): {"self": (401, 200, 200, 200),
                                  "outsider": (401, 403, 403, 200)},
    ("GET", "api.list_assignments_get"): {"": (401, 200, 200, 200)},
    ("POST", "api.create_assignment_post"): {"": (401, 422, 422, 422)},
    ("PATCH", "api.update_assignment_patch"): {"assignment": (401, 200, 200, 200)},
}


def args(app: Flask) -> dict[str, dict[str, Any]]:
    """The URL arguments of each case, on the demo data.

    (No app context stays pushed: requests would share its ``g``, and so the first caller.)
    """
    with app.extensions["reskill_db"].sessions() as db:
        return _args(db)


def _args(db: Session) -> dict[str, dict[str, Any]]:
    lucia = db.scalar(select(m.Employee).where(m.Employee.key == SELF))
    aiko = db.scalar(select(m.Employee).where(m.Employee.key == MANAGER))
    course = db.scalar(select(m.Course).where(m.Course.key == COURSE))
    assert lucia and aiko and course
    assignment = assign_course(db, lucia, course, aiko, None)
    token, _ = issue_token(db, "matrix", None)
    db.commit()
    return {
        "": {}, "file": {"filename": "style.css"},
        "self": {"key": SELF}, "manager": {"key": MANAGER}, "outsider": {"key": OUTSIDER},
        "role": {"key": ROLE}, "skill": {"key": SKILL}, "task": {"key": TASK},
        "course": {"key": COURSE}, "assignment": {"assignment_id": assignment.id},
        "own assignment": {"key": SELF, "assignment_id": assignment.id},
        "token": {"token_id": token.id},
    }


def call(client: FlaskClient, method: str, url: str) -> int:
    body: dict[str, Any] = {"json": {}} if url.startswith("/api/") and method != "GET" else {"data": {}}
    with client.open(url, method=method, **body) as response:  # closes a static file's stream
        return response.status_code


def test_every_route_has_a_rule_for_every_caller(
    app: Flask, demo_as: Callable[[str], FlaskClient]
) -> None:
    cases = args(app)
    clients = {"anonymous": app.test_client()} | {c: demo_as(c) for c in CALLERS[1:]}
    fresh = {"anonymous": app.test_client} | {c: (lambda c=c: demo_as(c)) for c in CALLERS[1:]}
    missing, wrong, seen = [], [], set()
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            seen.add((method, rule.endpoint))
            variants = {name: statuses for name, statuses in
                        MATRIX.get((method, rule.endpoint), {}).items()
                        if set(cases[name]) == set(rule.arguments)}
            if not variants:
                missing.append(f"{method} {rule.rule} ({rule.endpoint})")
            for name, statuses in variants.items():
                with app.test_request_context():
                    url = url_for(rule.endpoint, **cases[name])
                for caller, expected in zip(CALLERS, statuses, strict=True):
                    # Signing out ends the session, so it gets a client of its own.
                    client = fresh[caller]() if rule.endpoint == "auth.logout" else clients[caller]
                    got = call(client, method, url)
                    if got != expected:
                        wrong.append(f"{method} {url} as {caller}: expected {expected}, got {got}")
    stale = sorted(f"{method} {endpoint}" for method, endpoint in MATRIX
                   if (method, endpoint) not in seen)
    assert missing == [], "routes without an access rule in MATRIX"
    assert wrong == [], "\n".join(wrong)
    assert stale == [], "rules for routes that no longer exist"


@pytest.mark.parametrize("caller", CALLERS[1:])
def test_forbidden_page_is_friendly_and_names_no_data(
    demo_as: Callable[[str], FlaskClient], caller: str
) -> None:
    response = demo_as(caller).get("/lnd/" if caller != "lnd" else "/team/")
    page = response.get_data(as_text=True)
    assert response.status_code == 403 and "does not give access" in page
    assert "Back to the start page" in page


def test_anonymous_page_visit_goes_to_sign_in_and_back(app: Flask) -> None:
    response = app.test_client().get("/roles/?kind=hybrid")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=/roles/?kind%3Dhybrid"


def test_json_callers_get_json_errors(app: Flask, demo_as: Callable[[str], FlaskClient]) -> None:
    anonymous = app.test_client().get("/team/", headers={"Accept": "application/json"})
    assert anonymous.status_code == 401 and anonymous.json["error"]["code"] == "unauthorized"
    employee = demo_as("employee").get("/team/", headers={"Accept": "application/json"})
    assert employee.status_code == 403 and employee.json["error"]["code"] == "forbidden"
