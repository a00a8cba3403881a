"""API tokens for integrations, managed by L&D at /lnd/tokens."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m

SignIn = Callable[[str], FlaskClient]


def text(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined,no-any-return]


@pytest.fixture()
def db(app: Flask) -> Iterator[Session]:
    """A session on the app's database, without pushing an app context that requests would share."""
    with app.extensions["reskill_db"].sessions() as session:
        yield session


class TestApiTokens:
    def test_token_is_shown_once_stored_hashed_and_revocable(self, demo_as: SignIn, db: Session) -> None:
        client = demo_as("lnd")
        response = client.post("/lnd/tokens", data={"name": "HRIS sync"})
        plain = re.search(r'<p class="token" id="new-token">(rsk_[\w-]+)</p>', text(response)).group(1)  # type: ignore[union-attr]
        assert response.status_code == 201
        token = db.scalar(select(m.ApiToken).where(m.ApiToken.name == "HRIS sync"))
        assert token is not None
        assert token.token_hash == hashlib.sha256(plain.encode()).hexdigest() and token.prefix == plain[:8]
        listing = text(client.get("/lnd/tokens"))
        assert plain not in listing and f"<code>{plain[:8]}…</code>" in listing
        assert client.get("/api/v1/roles", headers={"Authorization": f"Bearer {plain}"}).status_code == 200
        assert client.post(f"/lnd/tokens/{token.id}/revoke").status_code == 302
        db.expire_all()
        assert token.revoked_at is not None
        assert client.get("/api/v1/roles", headers={"Authorization": f"Bearer {plain}"}).status_code == 401

    def test_token_needs_a_name(self, demo_as: SignIn) -> None:
        response = demo_as("lnd").post("/lnd/tokens", data={"name": ""})
        assert response.status_code == 400 and "Field &#39;name&#39;" in text(response)
