"""Flask-Login wiring: the signed-in user as a small snapshot of their account row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import Flask
from flask_login import LoginManager
from flask_login import UserMixin

from skills_graph import models as m
from web import database

login_manager = LoginManager()


@dataclass(frozen=True)
class SignedIn(UserMixin):
    """What a request needs to know about the signed-in account."""

    id: int
    email: str
    role_set: frozenset[str]
    employee_id: int | None
    employee_key: str | None
    password_tag: str

    @classmethod
    def from_user(cls, user: m.User) -> SignedIn:
        return cls(user.id, user.email, user.role_set, user.employee_id,
                   user.employee.key if user.employee else None, _password_tag(user))

    def get_id(self) -> str:
        # The tag ties the session to the password: changing it signs out every other session.
        return f"{self.id}:{self.password_tag}"


def _password_tag(user: m.User) -> str:
    return hashlib.sha256(user.password_hash.encode("utf-8")).hexdigest()[:16]


def init_app(app: Flask) -> None:
    """Attach Flask-Login; the sign-in page is ``auth.login``."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    login_manager.user_loader(_load_user)


def _load_user(user_id: str) -> SignedIn | None:
    number, _, tag = user_id.partition(":")
    if not number.isdigit():
        return None
    user = database.session().get(m.User, int(number))
    if user is None or not user.active or _password_tag(user) != tag:
        return None
    return SignedIn.from_user(user)
