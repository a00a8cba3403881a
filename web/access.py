"""Who is asking, and what they may see: one rule set for pages (signed-in users) and the API (tokens).

- ``employee``: their own plan, progress and self-assessment;
- ``manager``: also their direct and indirect reports, and assigning courses to them;
- ``lnd``: everyone, and editing the skills graph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import ParamSpec
from typing import TypeVar

from flask import g
from flask import jsonify
from flask import redirect
from flask import request
from flask import url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import Unauthorized
from werkzeug.wrappers import Response

from skills_graph import models as m
from web.login import SignedIn

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Principal:
    """The caller: a signed-in user or an API token, with its access roles."""

    roles: frozenset[str]
    employee_id: int | None
    user_id: int | None
    label: str

    def has(self, *roles: str) -> bool:
        """True when the caller holds any of ``roles``."""
        return bool(self.roles & set(roles))


def current_principal() -> Principal | None:
    """The API token's principal for this request, else the signed-in user's, else None."""
    token_principal: Principal | None = g.get("api_principal")
    if token_principal is not None:
        return token_principal
    if current_user.is_authenticated:
        user: SignedIn = current_user  # type: ignore[assignment]
        return Principal(user.role_set, user.employee_id, user.id, user.email)
    return None


def caller() -> Principal:
    """The caller of a view guarded by ``require``, which guarantees there is one."""
    principal = current_principal()
    if principal is None:
        raise Unauthorized("Sign in first.")
    return principal


def wants_json() -> bool:
    """JSON callers (the API, or an Accept header preferring JSON) get JSON errors, not pages."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _denied(signed_in: bool) -> Response:
    if wants_json():
        status = 403 if signed_in else 401
        message = "you may not do this" if signed_in else "sign in or send a valid API token"
        body = {"error": {"code": "forbidden" if signed_in else "unauthorized",
                          "message": message, "field": None}}
        response = jsonify(body)
        response.status_code = status
        return response
    if signed_in:
        raise Forbidden("Your account does not give access to this page.")
    if request.method not in ("GET", "HEAD"):
        # Coming back to a form's target after signing in would be a GET it does not answer.
        return redirect(url_for("auth.login"))
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def require(*roles: str) -> Callable[[Callable[P, R]], Callable[P, R | Response]]:
    """Let a view run for callers holding any of ``roles`` (any signed-in caller when empty)."""

    def decorate(view: Callable[P, R]) -> Callable[P, R | Response]:
        @wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | Response:
            principal = current_principal()
            if principal is None:
                return _denied(signed_in=False)
            if roles and not principal.has(*roles):
                return _denied(signed_in=True)
            return view(*args, **kwargs)

        guarded.access_roles = roles  # type: ignore[attr-defined]
        return guarded

    return decorate


def report_ids(session: Session, manager_id: int) -> set[int]:
    """Ids of everyone below ``manager_id``, directly or indirectly."""
    found: set[int] = set()
    frontier = {manager_id}
    while frontier:
        below = set(session.scalars(
            select(m.Employee.id).where(m.Employee.manager_id.in_(frontier))))
        frontier = below - found
        found |= below
    return found


def visible_employee_ids(session: Session, principal: Principal) -> set[int] | None:
    """Ids of the employees ``principal`` may see, or None for everyone (L&D)."""
    if principal.has("lnd"):
        return None
    if principal.employee_id is None:
        return set()
    mine = {principal.employee_id}
    if principal.has("manager"):
        mine |= report_ids(session, principal.employee_id)
    return mine


def can_view_employee(session: Session, principal: Principal, employee: m.Employee) -> bool:
    """L&D sees everyone; a manager their reports; everybody themselves."""
    if principal.has("lnd") or principal.employee_id == employee.id:
        return True
    return principal.has("manager") and principal.employee_id is not None \
        and employee.id in report_ids(session, principal.employee_id)


def can_edit_own(principal: Principal, employee: m.Employee) -> bool:
    """Only the person themself edits their plan, progress and self-assessment."""
    return principal.employee_id == employee.id
