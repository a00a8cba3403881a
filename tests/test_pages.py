"""Every page through Flask's test client, on a private copy of a seeded database per test."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from skills_graph import models as m

SignIn = Callable[[str], FlaskClient]


def text(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined,no-any-return]


@pytest.fixture()
def tiny_client(tiny_as: SignIn) -> FlaskClient:
    """The tiny organisation's site as Tom Berg, who changes his own plan in these tests."""
    return tiny_as("employee")


class TestEmployeePages:
    def test_start_page_leads_each_person_home(self, tiny_as: SignIn, tiny_app: Flask) -> None:
        response = tiny_app.test_client().get("/")
        assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
        response = tiny_as("employee").get("/")
        assert response.status_code == 302 and response.headers["Location"] == "/employees/emp:tom-berg"
        response = tiny_as("lnd").get("/")
        assert response.status_code == 302 and response.headers["Location"] == "/lnd/"
        mina = tiny_as("manager")
        response = mina.get("/")
        assert response.status_code == 302 and response.headers["Location"] == "/team/"
        listing = text(mina.get("/employees/"))
        assert "Mina Lee" in listing and 'href="/employees/emp:tom-berg"' in listing

    def test_search_filters_the_list(self, tiny_as: SignIn) -> None:
        page = text(tiny_as("lnd").get("/employees/?q=berg"))
        assert "Tom Berg" in page and "1 employee</caption>" in page

    def test_plan_page_shows_exposure_targets_and_plan(self, tiny_client: FlaskClient) -> None:
        page = text(tiny_client.get("/employees/emp:tom-berg"))
        assert "Automate 60%" in page and "Human-led 40%" in page
        assert "Key timesheet data into the payroll system." in page
        assert page.index("AI trainer") < page.index("Client relations manager")
        assert "Plan into AI trainer" in page
        assert "Prompting lab" in page and "Closes the gap in Prompt design (2→3, needs 3)" in page
        assert "10.0 hours, about <strong>3 weeks</strong> at 4.0 h a week" in page

    def test_other_target_and_pace_recalculate_the_timeline(self, tiny_client: FlaskClient) -> None:
        page = text(tiny_client.get("/employees/emp:tom-berg?target=role:client-relations-manager&hours=2"))
        assert "Plan into Client relations manager" in page
        assert "about <strong>6 weeks</strong> at 2.0 h a week" in page
        assert "Not covered by any course" in page and "Executive presence" in page

    def test_choosing_a_target_is_stored(self, tiny_client: FlaskClient, tiny_app: Flask) -> None:
        response = tiny_client.post("/employees/emp:tom-berg/target",
                                    data={"target": "role:client-relations-manager"})
        assert response.status_code == 302 and response.headers["Location"] == "/employees/emp:tom-berg"
        with tiny_app.app_context(), tiny_app.extensions["reskill_db"].sessions() as session:
            tom = session.scalar(select(m.Employee).where(m.Employee.key == "emp:tom-berg"))
            assert tom is not None and tom.target_role is not None
            assert tom.target_role.key == "role:client-relations-manager"
        page = text(tiny_client.get("/employees/emp:tom-berg"))
        assert "Plan into Client relations manager" in page and "Target set to" in page

    def test_finishing_a_course_raises_skills_and_shrinks_the_plan(
        self, tiny_client: FlaskClient, tiny_app: Flask
    ) -> None:
        response = tiny_client.post("/employees/emp:tom-berg/progress",
                                    data={"course": "course:prompting-lab", "status": "done"})
        assert response.status_code == 302
        with tiny_app.app_context(), tiny_app.extensions["reskill_db"].sessions() as session:
            tom = session.scalar(select(m.Employee).where(m.Employee.key == "emp:tom-berg"))
            assert tom is not None
            levels = {s.skill.key: (s.level, s.source) for s in tom.skills}
            assert levels["skill:prompt-design"] == (3, "course")
            assert levels["skill:llm-evaluation"] == (2, "course")
        page = text(tiny_client.get("/employees/emp:tom-berg?target=role:ai-trainer"))
        assert "You already meet every requirement that courses can teach." in page

    @pytest.mark.parametrize("form, field", [
        ({"course": "course:prompting-lab", "status": "finished"}, "status"),
        ({"status": "done"}, "course"),
    ])
    def test_bad_progress_form_names_the_field(
        self, tiny_client: FlaskClient, form: dict[str, str], field: str
    ) -> None:
        response = tiny_client.post("/employees/emp:tom-berg/progress", data=form)
        assert response.status_code == 400 and f"Field &#39;{field}&#39;" in text(response)

    def test_unknown_course_in_form_is_not_found(self, tiny_client: FlaskClient) -> None:
        response = tiny_client.post("/employees/emp:tom-berg/progress",
                                    data={"course": "course:prompting-labs", "status": "done"})
        assert response.status_code == 404 and "course:prompting-lab" in text(response)

    @pytest.mark.parametrize("hours", ["-1", "abc", "0", "500"])
    def test_bad_hours_per_week_is_a_400_naming_it(self, tiny_client: FlaskClient, hours: str) -> None:
        response = tiny_client.get(f"/employees/emp:tom-berg?hours={hours}")
        assert response.status_code == 400 and "&#39;hours&#39; must be a number" in text(response)

    def test_unknown_target_is_a_404(self, tiny_client: FlaskClient) -> None:
        assert tiny_client.get("/employees/emp:tom-berg?target=role:astronaut").status_code == 404


class TestSelfAssessment:
    def test_own_levels_are_stored_as_self_assessed(self, tiny_client: FlaskClient, tiny_app: Flask) -> None:
        page = text(tiny_client.get("/employees/emp:tom-berg"))
        assert "Update my skill levels" in page and 'name="level-skill:prompt-design"' in page
        response = tiny_client.post("/employees/emp:tom-berg/skills",
                                    data={"level-skill:prompt-design": "3", "level-skill:payroll": "1",
                                          "level-skill:llm-evaluation": "0"})
        assert response.status_code == 302 and response.headers["Location"] == "/employees/emp:tom-berg#assessment"
        with tiny_app.extensions["reskill_db"].sessions() as session:
            tom = session.scalar(select(m.Employee).where(m.Employee.key == "emp:tom-berg"))
            assert tom is not None
            assert {s.skill.key: (s.level, s.source) for s in tom.skills} == {
                "skill:prompt-design": (3, "self"), "skill:payroll": (1, "self")}
        assert "Self-assessment saved: 2 skill level(s) changed." in text(tiny_client.get("/employees/emp:tom-berg"))

    @pytest.mark.parametrize("form, status, message", [
        ({"level-skill:payroll": "6"}, 400, "Field &#39;level-skill:payroll&#39;: a level must be a whole number from 0 to 5"),
        ({"level-skill:payroll": "two"}, 400, "Field &#39;level-skill:payroll&#39;"),
        ({}, 400, "Field &#39;levels&#39;"),
        ({"level-skill:payrol": "2"}, 404, "skill:payroll"),
    ])
    def test_bad_levels_are_named(self, tiny_client: FlaskClient, form: dict[str, str], status: int,
                                  message: str) -> None:
        response = tiny_client.post("/employees/emp:tom-berg/skills", data=form)
        assert response.status_code == status and message in text(response)

    def test_a_manager_sees_the_plan_without_its_forms(self, tiny_as: SignIn) -> None:
        page = text(tiny_as("manager").get("/employees/emp:tom-berg"))
        assert "Plan into AI trainer" in page
        assert "Update my skill levels" not in page and "Choose " not in page and 'name="status"' not in page
        assert tiny_as("manager").post("/employees/emp:tom-berg/target",
                                       data={"target": "role:ai-trainer"}).status_code == 403


class TestCatalogPages:
    def test_role_page_links_tasks_skills_and_people(self, tiny_as: SignIn) -> None:
        page = text(tiny_as("lnd").get("/roles/role:payroll-clerk"))
        assert "Structured data entry that software does reliably." in page
        assert 'href="/skills/skill:payroll"' in page and 'href="/employees/emp:mina-lee"' in page

    def test_role_list_filters_by_kind(self, tiny_client: FlaskClient) -> None:
        page = text(tiny_client.get("/roles/?kind=hybrid"))
        assert "AI trainer" in page and "Payroll clerk" not in page

    def test_skill_page_lists_courses_and_roles(self, tiny_client: FlaskClient) -> None:
        page = text(tiny_client.get("/skills/skill:prompt-design"))
        assert 'href="/courses/course:prompting-101"' in page and 'href="/roles/role:ai-trainer"' in page
        assert "Needed before these courses" in page

    def test_course_page_shows_prerequisites_and_how_to_meet_them(self, tiny_client: FlaskClient) -> None:
        page = text(tiny_client.get("/courses/course:prompting-lab"))
        assert "Prompt design</a> at level 2" in page and 'href="/courses/course:prompting-101"' in page

    @pytest.mark.parametrize("url, suggestion", [
        ("/roles/role:payroll-clerc", "role:payroll-clerk"),
        ("/skills/skill:prompt-desing", "skill:prompt-design"),
        ("/courses/course:listenin", "course:listening"),
        ("/employees/emp:tom-berk", "emp:tom-berg"),
    ])
    def test_unknown_key_is_a_friendly_404_with_suggestions(
        self, tiny_client: FlaskClient, url: str, suggestion: str
    ) -> None:
        response = tiny_client.get(url)
        assert response.status_code == 404
        assert "Did you mean" in text(response) and suggestion in text(response)


@pytest.fixture()
def client(demo_as: SignIn) -> FlaskClient:
    """The demo organisation's site as its L&D admin, who sees everyone."""
    return demo_as("lnd")


class TestDemoOrganisation:
    def test_every_employee_page_renders_with_a_plan(self, client: FlaskClient, db: object) -> None:
        keys = db.scalars(select(m.Employee.key)).all()  # type: ignore[attr-defined]
        top_targets = set()
        for key in keys:
            page = text(client.get(f"/employees/{key}"))
            assert "Plan into" in page, key
            top_targets.add(re.search(r'<li class="target chosen">.*?<strong>(.*?)</strong>', page, re.S).group(1))  # type: ignore[union-attr]
        assert len(top_targets) >= 3, "different people should get different recommendations"

    def test_every_role_skill_and_course_page_renders(self, client: FlaskClient, db: object) -> None:
        for model, prefix in ((m.Role, "roles"), (m.Skill, "skills"), (m.Course, "courses")):
            for key in db.scalars(select(model.key)):  # type: ignore[attr-defined]
                assert client.get(f"/{prefix}/{key}").status_code == 200, key

    def test_pages_load_nothing_from_outside(self, client: FlaskClient, db: object) -> None:
        key = db.scalars(select(m.Employee.key)).first()  # type: ignore[attr-defined]
        page = text(client.get(f"/employees/{key}"))
        assert not re.search(r'(src|href)="(https?:)?//', page)


class TestCsrf:
    def test_form_without_token_is_rejected(
        self, tiny_db_url: str, tmp_path: object, make_app: Callable[..., Flask]
    ) -> None:
        app = make_app(tiny_db_url, tmp_path, WTF_CSRF_ENABLED=True)
        response = app.test_client().post("/employees/emp:tom-berg/target",
                                          data={"target": "role:ai-trainer"})
        assert response.status_code == 400 and "CSRF" in text(response)
        app.extensions["reskill_db"].engine.dispose()
