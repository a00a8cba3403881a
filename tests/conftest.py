"""Shared fixtures: a seeded database built once per session and copied for every test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.orm import Session

from skills_graph.db import make_engine
from skills_graph.db import make_session_factory
from skills_graph.loader import load_seed
from skills_graph.schema import upgrade
from skills_graph.versioning import before_flush
from web import create_app

TESTS = Path(__file__).parent
TINY_SEED = TESTS / "data" / "tiny_seed"
SHARED_DATA = TESTS.parent.parent / "shared" / "data"


def _seeded_file(directory: Path, seed: Path | None) -> Path:
    path = directory / "reskill.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    sessions = make_session_factory(engine)
    event.listen(sessions, "before_flush", before_flush)
    with sessions() as session:
        load_seed(session, seed)
        session.commit()
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo organisation from ``seed_data/``, migrated and loaded once."""
    return _seeded_file(tmp_path_factory.mktemp("demo"), None)


@pytest.fixture(scope="session")
def tiny_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny literal organisation in ``tests/data/tiny_seed``."""
    return _seeded_file(tmp_path_factory.mktemp("tiny"), TINY_SEED)


@pytest.fixture()
def demo_db_url(demo_db_template: Path, tmp_path: Path) -> str:
    """A private copy of the demo database for one test."""
    copy = tmp_path / "reskill.db"
    shutil.copy(demo_db_template, copy)
    return f"sqlite:///{copy}"


@pytest.fixture()
def tiny_db_url(tiny_db_template: Path, tmp_path: Path) -> str:
    copy = tmp_path / "tiny.db"
    shutil.copy(tiny_db_template, copy)
    return f"sqlite:///{copy}"


def make_test_app(database_url: str, instance: Path, **overrides: object) -> Flask:
    config: dict[str, object] = {
        "TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture()
def app(demo_db_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = make_test_app(demo_db_url, tmp_path)
    yield app
    app.extensions["reskill_db"].engine.dispose()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def db(app: Flask) -> Iterator[Session]:
    """A session on the test app's database, for asserting what a request stored."""
    with app.app_context():
        session = app.extensions["reskill_db"].sessions()
        yield session
        session.close()


@pytest.fixture()
def tiny_session(tiny_db_url: str) -> Iterator[Session]:
    engine = make_engine(tiny_db_url)
    sessions = make_session_factory(engine)
    event.listen(sessions, "before_flush", before_flush)
    with sessions() as session:
        yield session
    engine.dispose()


@pytest.fixture()
def tiny_app(tiny_db_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = make_test_app(tiny_db_url, tmp_path)
    yield app
    app.extensions["reskill_db"].engine.dispose()


@pytest.fixture()
def tiny_client(tiny_app: Flask) -> FlaskClient:
    return tiny_app.test_client()
