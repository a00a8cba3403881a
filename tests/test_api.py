"""The JSON API: token and session authentication, resources, validation errors, OpenAPI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.accounts import seed_demo_accounts
from skills_graph.api_tokens import issue_token
from skills_graph.api_tokens import revoke_token
from web.access import report_ids
from web.api_openapi import openapi_path

EMPLOYEE = ("lucia.ferreira@northwind.example", "northwind-employee", "emp:lucia-ferreira")
MANAGER = ("aiko.tanaka@northwind.example", "northwind-manager", "emp:aiko-tanaka")
FAST_HASH = "pbkdf2:sha256:1000"


@pytest.fixture()
def accounts(app: Flask) -> Iterator[Session]:
    with app.app_context():
        session = app.extensions["reskill_db"].sessions()
        seed_demo_accounts(session, method=FAST_HASH)
        session.commit()
        yield session
        session.close()


@pytest.fixture()
def lnd_token(accounts: Session) -> str:
    _, plain = issue_token(accounts, "HRIS sync", None, roles="lnd")
    accounts.commit()
    return plain


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def signed_in(client: FlaskClient, who: tuple[str, str, str]) -> FlaskClient:
    response = client.post("/auth/login", data={"email": who[0], "password": who[1]})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def outsider(session: Session) -> str:
    """An employee outside the demo manager's team."""
    manager = session.scalar(select(m.Employee).where(m.Employee.key == MANAGER[2]))
    assert manager is not None
    team = report_ids(session, manager.id) | {manager.id}
    key = session.scalar(select(m.Employee.key).where(m.Employee.id.not_in(team)))
    assert key is not None
    return key


class TestAuthentication:
    def test_no_credentials_is_401_json(self, client: FlaskClient) -> None:
        response = client.get("/api/v1/employees")
        assert response.status_code == 401
        assert response.json == {"error": {"code": "unauthorized", "field": None,
                                           "message": "sign in or send 'Authorization: Bearer <token>'"}}

    def test_valid_token_reads_everyone(self, client: FlaskClient, lnd_token: str) -> None:
        response = client.get("/api/v1/employees", headers=bearer(lnd_token))
        assert response.status_code == 200 and len(response.json["items"]) >= 40

    @pytest.mark.parametrize("header", ["Bearer nope", "Basic abc", "Bearer "])
    def test_bad_token_is_401_naming_the_header(self, client: FlaskClient, accounts: Session,
                                                header: str) -> None:
        response = client.get("/api/v1/employees", headers={"Authorization": header})
        assert response.status_code == 401 and response.json["error"]["field"] == "Authorization"

    def test_revoked_token_stops_working(self, client: FlaskClient, accounts: Session) -> None:
        token, plain = issue_token(accounts, "LMS", None)
        accounts.commit()
        assert client.get("/api/v1/skills", headers=bearer(plain)).status_code == 200
        revoke_token(accounts, token)
        accounts.commit()
        assert client.get("/api/v1/skills", headers=bearer(plain)).status_code == 401

    def test_token_is_stored_only_hashed(self, accounts: Session, lnd_token: str) -> None:
        stored = accounts.scalars(select(m.ApiToken.token_hash)).all()
        assert lnd_token not in stored and len(stored[0]) == 64


class TestPeople:
    def test_employee_sees_only_themself(self, client: FlaskClient, accounts: Session) -> None:
        signed_in(client, EMPLOYEE)
        assert [e["key"] for e in client.get("/api/v1/employees").json["items"]] == [EMPLOYEE[2]]
        assert client.get(f"/api/v1/employees/{MANAGER[2]}").status_code == 403

    def test_manager_sees_reports_not_outsiders(self, client: FlaskClient, accounts: Session) -> None:
        signed_in(client, MANAGER)
        keys = {e["key"] for e in client.get("/api/v1/employees").json["items"]}
        assert {MANAGER[2], EMPLOYEE[2]} <= keys and outsider(accounts) not in keys
        assert client.get(f"/api/v1/employees/{outsider(accounts)}/plan").status_code == 403

    def test_targets_and_plan_match_the_cli_shapes(self, client: FlaskClient, lnd_token: str) -> None:
        targets = client.get(f"/api/v1/employees/{EMPLOYEE[2]}/targets", headers=bearer(lnd_token)).json
        assert set(targets[0]) == {"role", "title", "kind", "score", "components", "gap_hours", "reason"}
        plan = client.get(f"/api/v1/employees/{EMPLOYEE[2]}/plan?target={targets[1]['role']}&hours_per_week=2",
                          headers=bearer(lnd_token)).json
        assert plan["target"] == targets[1]["role"] and plan["weeks"] >= plan["total_hours"] / 2

    def test_self_assessment_updates_levels(self, client: FlaskClient, accounts: Session) -> None:
        signed_in(client, EMPLOYEE)
        response = client.put(f"/api/v1/employees/{EMPLOYEE[2]}/skills",
                              json={"skills": {"skill:prompt-design": 3}})
        assert response.status_code == 200
        assert response.json["skills"]["skill:prompt-design"]["level"] == 3
        assert response.json["skills"]["skill:prompt-design"]["source"] == "self"

    @pytest.mark.parametrize("body, status, field", [
        ({"skills": {"skill:prompt-design": 9}}, 422, "skills.skill:prompt-design"),
        ({"skills": {"skill:nope": 2}}, 404, "skill"),
        ({"skills": "all"}, 422, "skills"),
        ({"levels": {}}, 422, "skills"),
    ])
    def test_bad_skill_body_names_the_field(self, client: FlaskClient, accounts: Session,
                                            body: object, status: int, field: str) -> None:
        signed_in(client, EMPLOYEE)
        response = client.put(f"/api/v1/employees/{EMPLOYEE[2]}/skills", json=body)
        assert response.status_code == status and response.json["error"]["field"] == field

    def test_non_json_body_is_400(self, client: FlaskClient, accounts: Session) -> None:
        signed_in(client, EMPLOYEE)
        response = client.put(f"/api/v1/employees/{EMPLOYEE[2]}/skills", data="level=3")
        assert response.status_code == 400 and "JSON object" in response.json["error"]["message"]

    def test_unknown_employee_is_404_json(self, client: FlaskClient, lnd_token: str) -> None:
        response = client.get("/api/v1/employees/emp:nobody", headers=bearer(lnd_token))
        assert response.status_code == 404 and response.json["error"]["code"] == "not_found"


class TestAssignments:
    def assign(self, client: FlaskClient, **body: object):  # type: ignore[no-untyped-def]
        payload = {"employee": EMPLOYEE[2], "course": "course:prompt-design-foundations",
                   "due_date": (dt.date.today() + dt.timedelta(days=30)).isoformat()} | body
        return client.post("/api/v1/assignments", json=payload)

    def test_manager_assigns_and_employee_updates_status(self, app: Flask, accounts: Session) -> None:
        manager = signed_in(app.test_client(), MANAGER)
        created = self.assign(manager, notes="for the AI trainer path")
        assert created.status_code == 201, created.json
        assert created.json["status"] == "assigned" and created.json["assigned_by"] == MANAGER[2]
        assert self.assign(manager).status_code == 409
        employee = signed_in(app.test_client(), EMPLOYEE)
        listed = employee.get("/api/v1/assignments").json["items"]
        assert [a["id"] for a in listed] == [created.json["id"]]
        updated = employee.patch(f"/api/v1/assignments/{created.json['id']}",
                                 json={"status": "in-progress", "version": created.json["version"]})
        assert updated.status_code == 200 and updated.json["status"] == "in-progress"
        stale = employee.patch(f"/api/v1/assignments/{created.json['id']}",
                               json={"status": "done", "version": created.json["version"]})
        assert stale.status_code == 409 and stale.json["error"]["field"] == "version"

    @pytest.mark.parametrize("body, status, field", [
        ({"due_date": "2001-01-01"}, 422, "due_date"),
        ({"due_date": "next week"}, 422, "due_date"),
        ({"course": "course:nope"}, 404, "course"),
        ({"priority": "high"}, 422, "priority"),
    ])
    def test_bad_assignment_names_the_field(self, client: FlaskClient, accounts: Session,
                                            body: dict[str, object], status: int, field: str) -> None:
        signed_in(client, MANAGER)
        response = self.assign(client, **body)
        assert response.status_code == status and response.json["error"]["field"] == field
        assert accounts.scalars(select(m.Assignment)).all() == []

    def test_manager_cannot_assign_outside_the_team(self, client: FlaskClient, accounts: Session) -> None:
        signed_in(client, MANAGER)
        assert self.assign(client, employee=outsider(accounts)).status_code == 403

    def test_employee_cannot_assign(self, client: FlaskClient, accounts: Session) -> None:
        signed_in(client, EMPLOYEE)
        assert self.assign(client).status_code == 403


class TestGraphAndOpenApi:
    def test_graph_resources_paginate(self, client: FlaskClient, lnd_token: str) -> None:
        page = client.get("/api/v1/roles?kind=hybrid&per_page=3", headers=bearer(lnd_token)).json
        assert len(page["items"]) == 3 and page["total"] >= 5
        assert all(r["kind"] == "hybrid" for r in page["items"])
        bad = client.get("/api/v1/roles?kind=robot", headers=bearer(lnd_token))
        assert bad.status_code == 422 and bad.json["error"]["field"] == "kind"
        role = client.get(f"/api/v1/roles/{page['items'][0]['key']}", headers=bearer(lnd_token)).json
        assert role["requires"] and "version" in role

    def test_every_route_is_in_the_openapi_document(self, app: Flask, client: FlaskClient) -> None:
        document = client.get("/api/v1/openapi.json").json
        assert document["openapi"].startswith("3.")
        routes = {(openapi_path(rule.rule.removeprefix("/api/v1")), method.lower())
                  for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")
                  for method in rule.methods - {"HEAD", "OPTIONS"}}
        documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
        assert routes == documented

    def test_documented_bodies_match_what_routes_accept(self, client: FlaskClient) -> None:
        document = client.get("/api/v1/openapi.json").json
        post = document["paths"]["/api/v1/assignments"]["post"]
        schema = document["components"]["schemas"][post["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]]
        assert set(schema["required"]) == {"employee", "course"}
        assert schema["additionalProperties"] is False
