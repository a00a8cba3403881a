"""The role page: similar roles that explain themselves, and exposure ranges from suggestions."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from skills_graph import models as m


def test_similar_roles_name_what_they_share(demo_as: Callable[[str], FlaskClient]) -> None:
    page = demo_as("employee").get("/roles/role:customer-service-agent").get_data(as_text=True)
    similar = page[page.index('<h2 id="similar">'):]
    first = similar[similar.index("<li>"):similar.index("</li>")]
    assert 'href="/roles/role:customer-service-team-lead"' in first and "% similar; shares " in first


def test_roles_with_nothing_in_common_are_not_listed(tiny_as: Callable[[str], FlaskClient]) -> None:
    page = tiny_as("employee").get("/roles/role:client-relations-manager").get_data(as_text=True)
    assert "Similar roles" not in page


def test_model_suggestions_show_a_range(tiny_app: Flask, tiny_as: Callable[[str], FlaskClient]) -> None:
    client = tiny_as("employee")
    assert "could be" not in client.get("/roles/role:payroll-clerk").get_data(as_text=True)
    with tiny_app.app_context():
        with tiny_app.extensions["reskill_db"].sessions() as session:
            task = session.scalar(select(m.Task).where(m.Task.key == "task:payroll-clerk-2"))
            assert task is not None
            task.exposure_class, task.exposure_source = "human-led", "model"
            task.p_automate, task.p_augment, task.p_human_led = 0.1, 0.3, 0.6
            session.commit()
    page = client.get("/roles/role:payroll-clerk").get_data(as_text=True)
    assert "<em>suggested (60%)</em>" in page
    assert "human-led 0–40%" in page and "augment 0–40%" in page
