"""Signing in and out, and changing one's password (blueprint ``auth``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import session as cookie_session
from flask import url_for
from flask_login import login_user
from flask_login import logout_user
from pydantic import BaseModel
from pydantic import Field
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

from skills_graph import models as m
from skills_graph.accounts import FREE_ATTEMPTS
from skills_graph.accounts import AccountError
from skills_graph.accounts import authenticate
from skills_graph.accounts import set_password
from web import database
from web.access import Principal
from web.access import current_principal
from web.access import require
from web.forms import form_errors
from web.login import SignedIn

bp = Blueprint("auth", __name__, url_prefix="/auth")

SIGN_IN_FAILED = (f"Wrong email or password. After {FREE_ATTEMPTS} failed attempts in a row "
                  "an account is locked for a few minutes.")


class LoginForm(BaseModel):
    email: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=1000)


class PasswordForm(BaseModel):
    current_password: str = Field(min_length=1)
    new_password: str = Field(min_length=1)
    confirm_password: str = Field(min_length=1)


def is_safe_next(target: str | None) -> bool:
    """True for a path on this site (``/team/``), False for anything that could leave it.

    >>> [is_safe_next(t) for t in ("/team/", "//evil.example", "https://evil.example", "/\\\\x")]
    [True, False, False, False]
    """
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.isprintable()


def home_url(principal: Principal) -> str:
    """Where a person lands: L&D home, their team, their own plan, else the role catalogue."""
    if principal.has("lnd"):
        return url_for("lnd.home")
    if principal.has("manager") and principal.employee_id is not None:
        return url_for("manager.team")
    if principal.employee_id is not None:
        employee = database.session().get(m.Employee, principal.employee_id)
        if employee is not None:
            return url_for("employee.plan", key=employee.key)
    return url_for("catalog.roles")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    target = request.values.get("next")
    principal = current_principal()
    if principal is not None and request.method == "GET":
        return redirect(_next_or_home(target, principal))
    if request.method == "GET":
        return render_template("auth/login.html", next=target, email="", error=None)
    form, errors = form_errors(LoginForm)
    session = database.session()
    user = authenticate(session, form.email, form.password) if form else None
    session.commit()
    if user is None:
        email = request.form.get("email", "")
        message = errors or SIGN_IN_FAILED
        return render_template("auth/login.html", next=target, email=email, error=message), 200
    cookie_session.clear()
    signed_in = SignedIn.from_user(user)
    login_user(signed_in)
    principal = Principal(signed_in.role_set, signed_in.employee_id, signed_in.id, signed_in.email)
    return redirect(_next_or_home(target, principal))


def _next_or_home(target: str | None, principal: Principal) -> str:
    return target if target is not None and is_safe_next(target) else home_url(principal)


@bp.post("/logout")
def logout() -> Response:
    logout_user()
    cookie_session.clear()
    flash("You are signed out.", "success")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@require()
def password() -> Response | str | tuple[str, int]:
    if request.method == "GET":
        return render_template("auth/password.html", error=None)
    principal = current_principal()
    assert principal is not None and principal.user_id is not None
    session = database.session()
    user = session.get(m.User, principal.user_id)
    assert user is not None
    form, error = form_errors(PasswordForm)
    if form is not None:
        error = _password_change_error(user, form)
    if form is not None and error is None:
        try:
            set_password(session, user, form.new_password)
        except AccountError as exc:
            error = f"Field 'new_password': {exc}."
    if error is not None:
        return render_template("auth/password.html", error=error), 400
    session.commit()
    login_user(SignedIn.from_user(user))
    flash("Your password is changed; other sessions of this account are signed out.", "success")
    return redirect(home_url(principal))


def _password_change_error(user: m.User, form: PasswordForm) -> str | None:
    if not check_password_hash(user.password_hash, form.current_password):
        return "Field 'current_password': this is not your current password."
    if form.new_password != form.confirm_password:
        return "Field 'confirm_password': it does not match the new password."
    return None
