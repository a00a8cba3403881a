"""Rendered pages are reused only while nothing changed, and never across sessions."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from skills_graph import models as m


def body(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_change_anywhere_shows_on_the_next_view(tiny_app: Flask, tiny_as: Callable[[str], FlaskClient]) -> None:
    client = tiny_as("employee")
    first = body(client, "/courses/course:listening")
    assert body(client, "/courses/course:listening") == first
    with tiny_app.app_context():
        with tiny_app.extensions["reskill_db"].sessions() as session:
            course = session.scalar(select(m.Course).where(m.Course.key == "course:listening"))
            assert course is not None
            course.title = "Listening, deeply and well"
            session.commit()
    assert "Listening, deeply and well" in body(client, "/courses/course:listening")


def test_pages_are_not_shared_between_people(tiny_as: Callable[[str], FlaskClient]) -> None:
    tom, mina = tiny_as("employee"), tiny_as("manager")
    assert "Tom Berg" in body(tom, "/employees/emp:tom-berg")
    page = body(mina, "/employees/emp:mina-lee")
    assert "<h1>Mina Lee</h1>" in page
    assert tom.get("/employees/emp:mina-lee").status_code == 403


def test_a_flash_message_is_shown_once(tiny_as: Callable[[str], FlaskClient]) -> None:
    client = tiny_as("employee")
    body(client, "/employees/emp:tom-berg")
    client.post("/employees/emp:tom-berg/target", data={"target": "role:client-relations-manager"})
    assert "Target set to Client relations manager." in body(client, "/employees/emp:tom-berg")
    assert "Target set to" not in body(client, "/employees/emp:tom-berg")
