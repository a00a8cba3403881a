"""Shared fixtures: a seeded database built once per session and copied for every test."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from signing import FAST_HASH
from signing import TINY_ACCOUNTS
from signing import add_accounts
from signing import sign_in
from sqlalchemy import event
from sqlalchemy.orm import Session

from skills_graph.db import make_engine
from skills_graph.db import make_session_factory
from skills_graph.versioning import before_flush
from web import create_app

from databases import build_template
from databases import copy_database
from databases import drop_database
from databases import drop_template

TESTS = Path(__file__).parent
TINY_SEED = TESTS / "data" / "tiny_seed"
SHARED_DATA = TESTS.parent.parent / "shared" / "data"


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo organisation from ``seed_data/``, migrated and loaded once."""
    template = build_template(tmp_path_factory.mktemp("demo"), "demo", None)
    yield template
    drop_template(template)


@pytest.fixture(scope="session")
def tiny_db_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny literal organisation in ``tests/data/tiny_seed``."""
    template = build_template(tmp_path_factory.mktemp("tiny"), "tiny", TINY_SEED)
    yield template
    drop_template(template)


@pytest.fixture()
def demo_db_url(demo_db_template: str, tmp_path: Path) -> Iterator[str]:
    """A private copy of the demo database for one test."""
    url = copy_database(demo_db_template, tmp_path)
    yield url
    drop_database(url)


@pytest.fixture()
def tiny_db_url(tiny_db_template: str, tmp_path: Path) -> Iterator[str]:
    """A private copy of the tiny database for one test."""
    url = copy_database(tiny_db_template, tmp_path)
    yield url
    drop_database(url)


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


@pytest.fixture()
def make_app() -> Callable[..., Flask]:
    """``make_test_app`` for tests that need their own app (say, with CSRF checks on)."""
    return make_test_app


@pytest.fixture()
def demo_accounts(app: Flask) -> dict[str, tuple[str, str]]:
    """The demo accounts ``reskill init`` creates, by role: (email, password)."""
    from skills_graph.accounts import DEMO_ACCOUNTS
    from skills_graph.accounts import seed_demo_accounts

    with app.app_context():
        with app.extensions["reskill_db"].sessions() as session:
            seed_demo_accounts(session, method=FAST_HASH)
            session.commit()
    labels = ("employee", "manager", "lnd")
    return {label: (a.email, a.password) for label, a in zip(labels, DEMO_ACCOUNTS, strict=True)}


@pytest.fixture()
def demo_as(app: Flask, demo_accounts: dict[str, tuple[str, str]]) -> Callable[[str], FlaskClient]:
    """A new client of the demo app signed in as ``employee``, ``manager`` or ``lnd``."""
    def signed_in(label: str) -> FlaskClient:
        return sign_in(app.test_client(), *demo_accounts[label])

    return signed_in


@pytest.fixture()
def tiny_as(tiny_app: Flask) -> Callable[[str], FlaskClient]:
    """A new client of the tiny app signed in as ``employee`` (Tom), ``manager`` (Mina) or ``lnd``."""
    add_accounts(tiny_app, TINY_ACCOUNTS)

    def signed_in(label: str) -> FlaskClient:
        return sign_in(tiny_app.test_client(), TINY_ACCOUNTS[label][0])

    return signed_in
