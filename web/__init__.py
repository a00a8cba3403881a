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
from web.security import cookie_defaults

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
        EXPOSURE_MODEL=os.environ.get("RESKILL_EXPOSURE_MODEL") or None,
        **cookie_defaults(),
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app.instance_path)

    from web import api
    from web import auth
    from web import catalog
    from web import database
    from web import employee
    from web import errors
    from web import lnd
    from web import login
    from web import manager
    from web import page_cache
    from web import security

    database.init_app(app)
    csrf.init_app(app)
    login.init_app(app)
    page_cache.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(employee.bp)
    app.register_blueprint(catalog.bp)
    app.register_blueprint(manager.bp)
    app.register_blueprint(lnd.bp)
    app.register_blueprint(api.bp)
    csrf.exempt(api.bp)
    app.add_url_rule("/", "index", _index)
    app.context_processor(_template_globals)
    return app


def _index() -> Response:
    """Send each person to their own start page, or to sign in."""
    from web.access import current_principal
    from web.auth import home_url

    principal = current_principal()
    return redirect(home_url(principal) if principal else url_for("auth.login"))


def _template_globals() -> dict[str, Any]:
    from web.access import current_principal

    return {"principal": current_principal()}
