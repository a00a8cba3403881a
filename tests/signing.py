"""Accounts and signing in for tests (a module of its own: ``conftest`` names are ambiguous once
subfolders have their own conftest).

Test accounts use a cheap password hash so signing in stays fast; the real sign-in form, lockout
and hashing are exercised all the same.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from skills_graph.accounts import add_user

FAST_HASH = "pbkdf2:sha256:1000"
TEST_PASSWORD = "correct-horse-battery"
TINY_ACCOUNTS = {
    "employee": ("tom.berg@example.test", ("employee",), "emp:tom-berg"),
    "manager": ("mina.lee@example.test", ("employee", "manager"), "emp:mina-lee"),
    "lnd": ("lnd@example.test", ("lnd",), None),
}
"""Tom reports to Mina; the L&D account is not linked to an employee."""


def add_accounts(app: Flask, accounts: dict[str, tuple[str, tuple[str, ...], str | None]],
                 password: str = TEST_PASSWORD) -> None:
    """Create accounts (role label -> email, roles, employee key) in ``app``'s database."""
    with app.app_context():
        with app.extensions["reskill_db"].sessions() as session:
            for email, roles, employee in accounts.values():
                add_user(session, email, password, roles, employee, method=FAST_HASH)
            session.commit()


def sign_in(client: FlaskClient, email: str, password: str = TEST_PASSWORD) -> FlaskClient:
    """Sign ``client`` in through the sign-in form; fails the test if that does not work."""
    response = client.post("/auth/login", data={"email": email, "password": password})
    assert response.status_code == 302, f"could not sign in as {email}"
    return client
