"""API tokens for integrations: created here and shown once, listed by prefix, revocable."""

from __future__ import annotations

from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from pydantic import BaseModel
from pydantic import Field as Input
from sqlalchemy import select
from werkzeug.wrappers import Response

from skills_graph import models as m
from skills_graph.api_tokens import issue_token
from skills_graph.api_tokens import revoke_token
from web import database
from web.access import caller
from web.access import require
from web.forms import form_errors
from web.lnd import bp


class TokenForm(BaseModel):
    name: str = Input(min_length=1, max_length=200)


def _page(status: int = 200, **context: object) -> tuple[str, int]:
    tokens = database.session().scalars(select(m.ApiToken).order_by(m.ApiToken.created_at.desc()))
    return render_template("lnd/tokens.html", tokens=list(tokens), **context), status


@bp.get("/tokens")
@require("lnd")
def tokens() -> tuple[str, int]:
    return _page()


@bp.post("/tokens")
@require("lnd")
def create_token() -> tuple[str, int]:
    form, error = form_errors(TokenForm)
    if form is None:
        return _page(400, error=error)
    session = database.session()
    user = session.get(m.User, caller().user_id) if caller().user_id else None
    token, plain = issue_token(session, form.name.strip(), user)
    session.commit()
    # Rendered straight into this response, never flashed: the session cookie is not secret.
    return _page(201, created=token, plain=plain)


@bp.post("/tokens/<int:token_id>/revoke")
@require("lnd")
def revoke(token_id: int) -> Response:
    session = database.session()
    token = session.get(m.ApiToken, token_id)
    if token is None:
        abort(404, description=f"There is no API token with the id {token_id}.")
    revoke_token(session, token)
    session.commit()
    flash(f"Token {token.name} ({token.prefix}…) is revoked.", "success")
    return redirect(url_for("lnd.tokens"))
