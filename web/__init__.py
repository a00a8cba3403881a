"""The Reskill site: an app factory that only wires things up."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from flask import redirect
from flask import url_for
from flask_wtf.csrf import CSRFProtect
from werkzeug.wrappers import Response

from skills_graph.db import default_database_url

csrf = CSRFProtect()


def _secret_key(instance_path: str) -> str:
    """``RESKILL_SECRET_KEY``, else a key generated once and kept in the instance folder."""
    from_env = os.environ.get("RESKILL_SECRET_KEY")
    if from_env:
        return from_env
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then the instance folder's ``config.py``, then ``test_config``."""
    app = Flask(__name__, instance_relative_config=True,
                instance_path=os.environ.get("RESKILL_INSTANCE_PATH") or None)
    app.config.from_mapping(
        DATABASE_URL=default_database_url(app.instance_path),
        HOURS_PER_WEEK=4.0,
        PER_PAGE=50,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app.instance_path)

    from web import database
    from web import employee
    from web import catalog
    from web import errors

    database.init_app(app)
    csrf.init_app(app)
    errors.init_app(app)
    app.register_blueprint(employee.bp)
    app.register_blueprint(catalog.bp)
    app.add_url_rule("/", "index", _index)
    return app


def _index() -> Response:
    return redirect(url_for("employee.index"))
