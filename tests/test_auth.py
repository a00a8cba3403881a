"""Signing in and out, lockout, safe redirects, and changing one's password."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from signing import FAST_HASH
from signing import TEST_PASSWORD
from signing import TINY_ACCOUNTS
from signing import add_accounts
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.accounts import AccountError
from skills_graph.accounts import add_user
from skills_graph.accounts import authenticate
from skills_graph.accounts import lock_minutes

TOM = TINY_ACCOUNTS["employee"][0]


@pytest.fixture()
def accounts(tiny_app: Flask) -> Flask:
    add_accounts(tiny_app, TINY_ACCOUNTS)
    return tiny_app


def login(client: FlaskClient, email: str, password: str, next_url: str | None = None):  # type: ignore[no-untyped-def]
    data = {"email": email, "password": password} | ({"next": next_url} if next_url else {})
    return client.post("/auth/login", data=data)


def alert(response: object) -> str:
    match = re.search(r'<p class="error" role="alert">(.*?)</p>', response.get_data(as_text=True))  # type: ignore[attr-defined]
    assert match, "no error message on the page"
    return match.group(1)


def user(app: Flask, email: str) -> m.User:
    with app.extensions["reskill_db"].sessions() as session:
        found = session.scalar(select(m.User).where(m.User.email == email))
        assert found is not None
        return found


class TestSignIn:
    def test_good_password_lands_on_the_own_plan(self, accounts: Flask) -> None:
        client = accounts.test_client()
        response = login(client, TOM, TEST_PASSWORD)
        assert response.status_code == 302 and response.headers["Location"] == "/employees/emp:tom-berg"
        assert client.get("/employees/emp:tom-berg").status_code == 200

    def test_email_is_not_case_sensitive(self, accounts: Flask) -> None:
        assert login(accounts.test_client(), TOM.upper(), TEST_PASSWORD).status_code == 302

    def test_wrong_password_and_unknown_email_get_the_same_message(self, accounts: Flask) -> None:
        wrong = login(accounts.test_client(), TOM, "not-the-password")
        unknown = login(accounts.test_client(), "nobody@example.test", "not-the-password")
        assert wrong.status_code == unknown.status_code == 200
        assert alert(wrong) == alert(unknown) and "Wrong email or password" in alert(wrong)

    def test_empty_form_names_the_field(self, accounts: Flask) -> None:
        response = login(accounts.test_client(), "", "")
        assert "Field &#39;email&#39;" in alert(response)

    def test_lockout_after_five_failures_even_with_the_right_password(self, accounts: Flask) -> None:
        client = accounts.test_client()
        for _ in range(5):
            login(client, TOM, "not-the-password")
        locked = user(accounts, TOM)
        assert locked.failed_logins == 5 and locked.locked_until is not None
        response = login(client, TOM, TEST_PASSWORD)
        assert response.status_code == 200 and "Wrong email or password" in alert(response)
        with accounts.extensions["reskill_db"].sessions() as session:
            row = session.scalar(select(m.User).where(m.User.email == TOM))
            assert row is not None
            row.locked_until = m.utcnow() - dt.timedelta(seconds=1)
            session.commit()
        assert login(client, TOM, TEST_PASSWORD).status_code == 302
        assert user(accounts, TOM).failed_logins == 0

    def test_lock_grows_with_each_further_failure(self) -> None:
        assert [lock_minutes(n) for n in range(4, 9)] == [0, 1, 2, 4, 8]
        assert lock_minutes(50) == 60

    def test_unknown_email_still_checks_a_hash(
        self, tiny_session: Session, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        checked: list[str] = []
        import skills_graph.accounts as accounts_module

        real = accounts_module.check_password_hash
        monkeypatch.setattr(accounts_module, "check_password_hash",
                            lambda h, p: checked.append(h) or real(h, p))
        assert authenticate(tiny_session, "nobody@example.test", "x") is None
        assert len(checked) == 1 and checked[0].startswith("scrypt:")

    def test_next_local_path_is_followed(self, accounts: Flask) -> None:
        client = accounts.test_client()
        first = client.get("/roles/?kind=hybrid")
        assert first.headers["Location"] == "/auth/login?next=/roles/?kind%3Dhybrid"
        assert 'name="next" value="/roles/?kind=hybrid"' in client.get(first.headers["Location"]).get_data(as_text=True)
        response = login(client, TOM, TEST_PASSWORD, "/roles/?kind=hybrid")
        assert response.headers["Location"] == "/roles/?kind=hybrid"

    @pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                        "javascript:alert(1)", "http:/evil.example"])
    def test_open_redirect_is_refused(self, accounts: Flask, target: str) -> None:
        response = login(accounts.test_client(), TOM, TEST_PASSWORD, target)
        assert response.status_code == 302 and response.headers["Location"] == "/employees/emp:tom-berg"

    @pytest.mark.parametrize("label, home", [("manager", "/team/"), ("lnd", "/lnd/")])
    def test_managers_and_lnd_land_on_their_pages(self, accounts: Flask, label: str, home: str) -> None:
        response = login(accounts.test_client(), TINY_ACCOUNTS[label][0], TEST_PASSWORD)
        assert response.headers["Location"] == home

    def test_inactive_account_cannot_sign_in(self, accounts: Flask) -> None:
        with accounts.extensions["reskill_db"].sessions() as session:
            row = session.scalar(select(m.User).where(m.User.email == TOM))
            assert row is not None
            row.active = False
            session.commit()
        assert login(accounts.test_client(), TOM, TEST_PASSWORD).status_code == 200


class TestSignOut:
    def test_sign_out_ends_the_session(self, tiny_as: Callable[[str], FlaskClient]) -> None:
        client = tiny_as("employee")
        assert client.get("/auth/logout").status_code == 405, "signing out is a POST"
        response = client.post("/auth/logout")
        assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
        assert client.get("/employees/emp:tom-berg").status_code == 302


class TestChangePassword:
    def change(self, client: FlaskClient, current: str, new: str, confirm: str | None = None):  # type: ignore[no-untyped-def]
        return client.post("/auth/password", data={
            "current_password": current, "new_password": new,
            "confirm_password": new if confirm is None else confirm})

    @pytest.mark.parametrize("current, new, confirm, field", [
        ("wrong-password", "a-new-password", None, "current_password"),
        (TEST_PASSWORD, "a-new-password", "another-one", "confirm_password"),
        (TEST_PASSWORD, "short", None, "new_password"),
    ])
    def test_bad_change_names_the_field(self, tiny_as: Callable[[str], FlaskClient], current: str,
                                        new: str, confirm: str | None, field: str) -> None:
        response = self.change(tiny_as("employee"), current, new, confirm)
        assert response.status_code == 400 and f"Field &#39;{field}&#39;" in alert(response)

    def test_change_signs_out_other_sessions_and_the_new_password_works(
        self, tiny_as: Callable[[str], FlaskClient], tiny_app: Flask
    ) -> None:
        here, elsewhere = tiny_as("employee"), tiny_as("employee")
        response = self.change(here, TEST_PASSWORD, "a-brand-new-password")
        assert response.status_code == 302
        assert here.get("/employees/emp:tom-berg").status_code == 200
        assert elsewhere.get("/employees/emp:tom-berg").status_code == 302
        assert login(tiny_app.test_client(), TOM, TEST_PASSWORD).status_code == 200
        assert login(tiny_app.test_client(), TOM, "a-brand-new-password").status_code == 302


class TestAccounts:
    @pytest.mark.parametrize("email, roles, password, message", [
        ("not-an-email", ("employee",), "long-enough-pw", "email must look like"),
        ("a@example.test", ("boss",), "long-enough-pw", "role must be one of"),
        ("a@example.test", ("employee",), "short", "at least 10 characters"),
        ("TOM.BERG@example.test", ("employee",), "long-enough-pw", "already exists"),
    ])
    def test_bad_account_input_is_named(self, tiny_session: Session, email: str,
                                        roles: tuple[str, ...], password: str, message: str) -> None:
        add_user(tiny_session, "tom.berg@example.test", "long-enough-pw", ("employee",),
                 method=FAST_HASH)
        with pytest.raises(AccountError, match=message):
            add_user(tiny_session, email, password, roles, method=FAST_HASH)

    def test_demo_accounts_sign_in_with_the_documented_passwords(
        self, app: Flask, demo_accounts: dict[str, tuple[str, str]]
    ) -> None:
        readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
        for email, password in demo_accounts.values():
            assert f"`{email}` / `{password}`" in readme
            assert login(app.test_client(), email, password).status_code == 302
