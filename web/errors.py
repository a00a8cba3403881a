"""Friendly error pages: an unknown key is a 404 with suggestions, bad input a 400, never a trace."""

from __future__ import annotations

from flask import Flask
from flask import render_template
from werkzeug.exceptions import HTTPException

from skills_graph.errors import UnknownKeyError


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(UnknownKeyError, _unknown_key)


def _http_error(exc: HTTPException) -> tuple[str, int]:
    code = exc.code or 500
    return render_template("errors/error.html", code=code, title=exc.name,
                           message=exc.description, suggestions=[]), code


def _unknown_key(exc: UnknownKeyError) -> tuple[str, int]:
    message = f"There is no {exc.kind} with the key {exc.key!r}."
    return render_template("errors/error.html", code=404, title="Not found", message=message,
                           suggestions=exc.suggestions, kind=exc.kind), 404
