"""Security headers on every response, and cookie settings that follow how the site is served."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from flask import current_app
from flask import request
from werkzeug.wrappers import Response

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def cookie_defaults() -> dict[str, Any]:
    """Cookie settings: HttpOnly and SameSite=Lax always, Secure when ``RESKILL_HTTPS`` is on."""
    https = os.environ.get("RESKILL_HTTPS", "").lower() in ("1", "true", "yes", "on")
    return {
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
    }


def init_app(app: Flask) -> None:
    """Add the headers to every response."""
    app.after_request(_add_headers)


def _add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.endpoint != "static":
        # Pages depend on who is signed in and hold personal data: keep them out of caches.
        response.headers.setdefault("Cache-Control", "private, no-store")
    return response
