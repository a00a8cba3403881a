"""The manager's team page: reports, their readiness, and assigning courses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from signing import add_accounts
from signing import sign_in
from sqlalchemy import select

from skills_graph import models as m

SignIn = Callable[[str], FlaskClient]
COURSE = "course:ai-fundamentals-for-everyone"
LATER = (dt.date.today() + dt.timedelta(days=30)).isoformat()


def text(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined,no-any-return]


def assignments(app: Flask) -> list[tuple[str, str, str | None, str, dt.date | None, str]]:
    with app.extensions["reskill_db"].sessions() as session:
        return [(a.employee.key, a.course.key, a.assigned_by.key if a.assigned_by else None,
                 a.status, a.due_date, a.notes) for a in session.scalars(select(m.Assignment))]


def assign(client: FlaskClient, **form: str):  # type: ignore[no-untyped-def]
    data = {"employee": "emp:lucia-ferreira", "course": COURSE, "due_date": LATER,
            "notes": "Before the Q3 review."} | form
    return client.post("/team/assignments", data=data)


class TestTeamPage:
    def test_shows_reports_with_exposure_target_and_readiness(self, demo_as: SignIn) -> None:
        page = text(demo_as("manager").get("/team/"))
        assert "5 people</caption>" in page
        for name in ("Lúcia Ferreira", "Tomasz Kowalski", "Lan Nguyen"):
            assert name in page
        assert "Thandiwe Dlamini" not in page, "someone else's report"
        assert "Customer service agent" in page and "automate " in page and "human-led " in page
        assert "top-ranked, not chosen yet" in page and "% transferable" in page and " h</td>" in page

    def test_indirect_reports_are_in_the_team(self, app: Flask) -> None:
        add_accounts(app, {"head": ("rafael.mendoza@northwind.example", ("employee", "manager"),
                                    "emp:rafael-mendoza")})
        client = sign_in(app.test_client(), "rafael.mendoza@northwind.example")
        page = text(client.get("/team/"))
        assert "13 people</caption>" in page and "Lúcia Ferreira" in page and "Aiko Tanaka" in page
        assert client.get("/employees/emp:lucia-ferreira").status_code == 200

    def test_chosen_target_is_shown_as_chosen(self, demo_as: SignIn) -> None:
        lucia = demo_as("employee")
        lucia.post("/employees/emp:lucia-ferreira/target", data={"target": "role:client-relations-manager"})
        page = text(demo_as("manager").get("/team/"))
        row = page[page.index("Lúcia Ferreira"):page.index("Oliver Bennett")]  # rows go by name
        assert "Client relations manager" in row and "chosen" in row


class TestAssignments:
    def test_assigning_stores_it_and_the_employee_sees_it(self, app: Flask, demo_as: SignIn) -> None:
        response = assign(demo_as("manager"))
        assert response.status_code == 302 and response.headers["Location"] == "/team/#assignments"
        assert assignments(app) == [("emp:lucia-ferreira", COURSE, "emp:aiko-tanaka", "assigned",
                                     dt.date.fromisoformat(LATER), "Before the Q3 review.")]
        plan = text(demo_as("employee").get("/employees/emp:lucia-ferreira"))
        section = plan[plan.index("Courses assigned by a manager"):]
        assert "AI fundamentals for everyone" in section and LATER in section and "Aiko Tanaka" in section

    @pytest.mark.parametrize("form, field, message", [
        ({"due_date": "2020-01-01"}, "due_date", "the due date 2020-01-01 is in the past"),
        ({"due_date": ""}, "due_date", "valid date"),
        ({"course": "course:basket-weaving"}, "course", "there is no course with the key"),
        ({"employee": "emp:marcus-johnson"}, "employee", "is not in your team"),
        ({"employee": "emp:aiko-tanaka"}, "employee", "is not in your team"),
    ])
    def test_bad_assignment_names_the_field_and_keeps_the_input(
        self, app: Flask, demo_as: SignIn, form: dict[str, str], field: str, message: str
    ) -> None:
        response = assign(demo_as("manager"), **form)
        page = text(response)
        assert response.status_code == 400 and f"Field &#39;{field}&#39;" in page and message in page
        assert "Before the Q3 review.</textarea>" in page
        assert assignments(app) == []

    def test_an_open_assignment_is_not_repeated(self, app: Flask, demo_as: SignIn) -> None:
        manager = demo_as("manager")
        assign(manager)
        response = assign(manager)
        assert response.status_code == 400 and "is already assigned to Lúcia Ferreira" in text(response)
        assert len(assignments(app)) == 1

    def test_the_employee_reports_progress_on_an_assignment(self, app: Flask, demo_as: SignIn) -> None:
        assign(demo_as("manager"))
        with app.extensions["reskill_db"].sessions() as session:
            number = session.scalars(select(m.Assignment.id)).one()
        lucia = demo_as("employee")
        url = f"/employees/emp:lucia-ferreira/assignments/{number}"
        assert lucia.post(url, data={"status": "cancelled", "version": "1"}).status_code == 400
        assert lucia.post(url, data={"status": "done", "version": "1"}).status_code == 302
        assert assignments(app)[0][3] == "done"
        assert lucia.post(url, data={"status": "in-progress", "version": "1"}).status_code == 409
        assert "done" in text(demo_as("manager").get("/team/"))

    def test_status_update_and_stale_version(self, app: Flask, demo_as: SignIn) -> None:
        manager = demo_as("manager")
        assign(manager)
        with app.extensions["reskill_db"].sessions() as session:
            number = session.scalars(select(m.Assignment.id)).one()
        response = manager.post(f"/team/assignments/{number}", data={"status": "in-progress", "version": "1"})
        assert response.status_code == 302 and assignments(app)[0][3] == "in-progress"
        stale = manager.post(f"/team/assignments/{number}", data={"status": "done", "version": "1"})
        assert stale.status_code == 409 and "in-progress" in text(stale)
        bad = manager.post(f"/team/assignments/{number}", data={"status": "finished", "version": "2"})
        assert bad.status_code == 400 and "Field &#39;status&#39;" in text(bad)
        assert assignments(app)[0][3] == "in-progress"
