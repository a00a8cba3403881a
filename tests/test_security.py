"""Web safety: security headers, cookie flags, CSRF on every form, no inline code in templates."""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from signing import TEST_PASSWORD
from signing import TINY_ACCOUNTS
from signing import add_accounts

TEMPLATES = Path(__file__).parent.parent / "web" / "templates"
SignIn = Callable[[str], FlaskClient]


def csrf_token(client: FlaskClient, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


@pytest.fixture()
def csrf_app(tiny_db_url: str, tmp_path: Path, make_app: Callable[..., Flask]) -> Iterator[Flask]:
    app = make_app(tiny_db_url, tmp_path, WTF_CSRF_ENABLED=True)
    add_accounts(app, TINY_ACCOUNTS)
    yield app
    app.extensions["reskill_db"].engine.dispose()


def signed_in_with_csrf(app: Flask, label: str) -> FlaskClient:
    client = app.test_client()
    token = csrf_token(client, "/auth/login")
    response = client.post("/auth/login", data={
        "email": TINY_ACCOUNTS[label][0], "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return client


class TestHeaders:
    @pytest.mark.parametrize("url", ["/auth/login", "/roles/", "/roles/role:nope", "/static/style.css",
                                     "/api/v1/roles", "/lnd/"])
    def test_every_response_has_the_security_headers(self, tiny_as: SignIn, url: str) -> None:
        with tiny_as("employee").get(url) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                          "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"):
            assert directive in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"

    def test_personal_pages_are_not_cached(self, tiny_as: SignIn) -> None:
        response = tiny_as("employee").get("/employees/emp:tom-berg")
        assert "no-store" in response.headers["Cache-Control"]


class TestCookies:
    def test_session_cookie_is_http_only_and_same_site(self, tiny_app: Flask) -> None:
        add_accounts(tiny_app, TINY_ACCOUNTS)
        response = tiny_app.test_client().post("/auth/login", data={
            "email": TINY_ACCOUNTS["employee"][0], "password": TEST_PASSWORD})
        cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
        assert "Strict-Transport-Security" not in response.headers

    def test_https_setting_makes_cookies_secure(
        self, tiny_db_url: str, tmp_path: Path, make_app: Callable[..., Flask],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setenv("RESKILL_HTTPS", "1")
        app = make_app(tiny_db_url, tmp_path)
        add_accounts(app, TINY_ACCOUNTS)
        assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
        response = app.test_client().post("/auth/login", base_url="https://localhost", data={
            "email": TINY_ACCOUNTS["employee"][0], "password": TEST_PASSWORD})
        assert "Secure" in response.headers["Set-Cookie"]
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        app.extensions["reskill_db"].engine.dispose()


class TestCsrf:
    def test_sign_in_without_a_token_is_refused(self, csrf_app: Flask) -> None:
        response = csrf_app.test_client().post("/auth/login", data={
            "email": TINY_ACCOUNTS["employee"][0], "password": TEST_PASSWORD})
        assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)

    @pytest.mark.parametrize("label, url, form", [
        ("employee", "/auth/logout", {}),
        ("employee", "/auth/password", {"current_password": TEST_PASSWORD, "new_password": "x" * 12,
                                        "confirm_password": "x" * 12}),
        ("employee", "/employees/emp:tom-berg/skills", {"level-skill:payroll": "5"}),
        ("manager", "/team/assignments", {"employee": "emp:tom-berg", "course": "course:listening",
                                          "due_date": "2999-01-01"}),
        ("lnd", "/lnd/skills/new", {"name": "Forgery", "category": "technical"}),
        ("lnd", "/lnd/tokens", {"name": "forged"}),
    ])
    def test_state_changes_without_a_token_are_refused(
        self, csrf_app: Flask, label: str, url: str, form: dict[str, str]
    ) -> None:
        client = signed_in_with_csrf(csrf_app, label)
        refused = client.post(url, data=form)
        assert refused.status_code == 400 and "CSRF" in refused.get_data(as_text=True)
        assert client.get("/roles/").status_code == 200, "still signed in: nothing was done"

    def test_the_same_form_with_its_token_goes_through(self, csrf_app: Flask) -> None:
        client = signed_in_with_csrf(csrf_app, "lnd")
        token = csrf_token(client, "/lnd/skills/new")
        response = client.post("/lnd/skills/new", data={
            "name": "Forgery", "category": "technical", "csrf_token": token})
        assert response.status_code == 302

    def test_the_api_uses_tokens_not_csrf(self, csrf_app: Flask) -> None:
        response = csrf_app.test_client().post("/api/v1/assignments", json={})
        assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"


class TestTemplates:
    def test_no_inline_styles_or_scripts(self) -> None:
        offending = []
        for path in TEMPLATES.rglob("*.html"):
            source = path.read_text(encoding="utf-8")
            for pattern in (r"\sstyle=", r"<style", r"<script", r"\son[a-z]+=", r"javascript:"):
                if re.search(pattern, source, re.I):
                    offending.append(f"{path.relative_to(TEMPLATES)}: {pattern}")
        assert offending == []

    def test_every_form_field_is_labelled_and_every_post_form_has_a_token(self) -> None:
        problems = []
        for path in TEMPLATES.rglob("*.html"):
            source = path.read_text(encoding="utf-8")
            for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", source, re.S):
                if "csrf_token()" not in form:
                    problems.append(f"{path.name}: a POST form without csrf_token")
            ids = set(re.findall(r'<label for="([^"]+)"', source))
            for tag, field_id in re.findall(r'<(input|select|textarea) id="([^"]+)"', source):
                if field_id not in ids:
                    problems.append(f"{path.name}: <{tag} id={field_id}> has no label")
        assert problems == []
