"""One database session per request, and the process-wide skills graph cache."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import networkx as nx
from flask import Flask
from flask import current_app
from flask import g
from sqlalchemy import Engine
from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

from skills_graph.build import GraphCache
from skills_graph.db import make_engine
from skills_graph.db import make_session_factory
from skills_graph.versioning import before_flush


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    graphs: GraphCache


def init_app(app: Flask) -> None:
    """Attach an engine, a session factory and a graph cache to ``app``."""
    engine = make_engine(app.config["DATABASE_URL"])
    sessions = make_session_factory(engine)
    event.listen(sessions, "before_flush", before_flush)
    app.extensions["reskill_db"] = Database(engine, sessions, GraphCache())
    app.teardown_appcontext(_close_session)


def _database() -> Database:
    database: Database = current_app.extensions["reskill_db"]
    return database


def session() -> Session:
    """The request's session (created on first use, closed at teardown)."""
    if "db_session" not in g:
        g.db_session = _database().sessions()
    current: Session = g.db_session
    return current


def graph() -> nx.DiGraph:
    """The skills graph, rebuilt only when the stored data changed."""
    return _database().graphs.get(session())


def _close_session(_exc: BaseException | None) -> None:
    current = g.pop("db_session", None)
    if current is not None:
        current.close()


@contextmanager
def standalone_session(app: Flask | None = None) -> Iterator[Session]:
    """A session of ``app`` (default: a new app from the environment) outside any request,
    for CLI commands; its connections are closed afterwards."""
    if app is None:
        from web import create_app

        app = create_app()
    try:
        with app.app_context():
            yield session()
    finally:
        app.extensions["reskill_db"].engine.dispose()
