"""Test databases: SQLite files by default, or PostgreSQL databases when
``RESKILL_TEST_DATABASE_URL`` names a server (``make test-postgres``).

A seeded template is built once per session; each test gets its own copy (a file copy, or
``CREATE DATABASE ... TEMPLATE``), so tests never see each other's writes.
"""

from __future__ import annotations

import gc
import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy import text
from sqlalchemy.engine import make_url

from skills_graph.db import make_engine
from skills_graph.db import make_session_factory
from skills_graph.loader import load_seed
from skills_graph.schema import upgrade
from skills_graph.versioning import before_flush

SERVER_URL = os.environ.get("RESKILL_TEST_DATABASE_URL", "")


def _admin(statement: str) -> None:
    engine = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


def _server_database(name: str) -> str:
    return make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)


def seed_into(url: str, seed: Path | None) -> None:
    """Migrate ``url`` to the newest schema and load a seed into it."""
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_session_factory(engine)
    event.listen(sessions, "before_flush", before_flush)
    with sessions() as session:
        load_seed(session, seed)
        session.commit()
    engine.dispose()


def build_template(directory: Path, name: str, seed: Path | None) -> str:
    """A seeded database to copy from: a file path, or a PostgreSQL database name."""
    if not SERVER_URL:
        path = directory / f"{name}.db"
        seed_into(f"sqlite:///{path}", seed)
        return str(path)
    database = f"reskill_tpl_{name}_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE DATABASE "{database}"')
    seed_into(_server_database(database), seed)
    return database


def copy_database(template: str, directory: Path) -> str:
    """A private copy of ``template`` for one test, as a database URL."""
    if not SERVER_URL:
        copy = directory / Path(template).name
        shutil.copy(template, copy)
        return f"sqlite:///{copy}"
    database = f"reskill_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    return _server_database(database)


def empty_database(directory: Path) -> str:
    """A URL of a database with no tables."""
    if not SERVER_URL:
        return f"sqlite:///{directory / f'empty-{uuid.uuid4().hex[:8]}.db'}"
    database = f"reskill_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{database}"')
    return _server_database(database)


def drop_database(url: str) -> None:
    """Remove a server database made for a test (files go with the test's tmp_path).

    Connections left in the pools of apps a test made and dropped are collected first,
    while their database still exists. Otherwise the forced drop cuts them, and when the
    garbage collector later returns them to their pool, the failed rollback is logged with
    a traceback. Python 3.11 parses source lines for that traceback, and doing that inside
    another AST construction trips CPython's "AST constructor recursion depth mismatch"
    (python/cpython#106905). Collecting here also makes a test that leaves a session open
    fail at its own teardown (psycopg's ResourceWarning), not some later test at random.
    """
    if SERVER_URL and url.startswith("postgresql"):
        gc.collect()
        _admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def drop_template(template: str) -> None:
    """Remove a session's template database on a server."""
    if SERVER_URL:
        _admin(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
