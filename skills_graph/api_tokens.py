"""API bearer tokens: issued once in plain text, stored only as a SHA-256 digest, revocable."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m

PREFIX_LENGTH = 8


def token_digest(token: str) -> str:
    """The hex SHA-256 of a token, the only form in which it is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, name: str, created_by: m.User | None,
                roles: str = "lnd") -> tuple[m.ApiToken, str]:
    """A new token row and its plain text, which is shown once and never stored."""
    plain = "rsk_" + secrets.token_urlsafe(32)
    token = m.ApiToken(name=name, token_hash=token_digest(plain), prefix=plain[:PREFIX_LENGTH],
                       roles=roles, created_by=created_by)
    session.add(token)
    return token, plain


def find_active_token(session: Session, plain: str) -> m.ApiToken | None:
    """The unrevoked token whose digest matches ``plain``, marking it used; else None."""
    token = session.scalar(select(m.ApiToken).where(m.ApiToken.token_hash == token_digest(plain)))
    if token is None or token.revoked_at is not None:
        return None
    token.last_used_at = m.utcnow()
    return token


def revoke_token(session: Session, token: m.ApiToken) -> None:
    """Stop accepting ``token`` from now on (the row stays, for the record)."""
    if token.revoked_at is None:
        token.revoked_at = m.utcnow()
