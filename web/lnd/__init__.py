"""L&D pages (``/lnd/``): edit the skills graph, review exposure suggestions, manage API tokens.

Every view here is for the ``lnd`` role only.
"""

from __future__ import annotations

from flask import Blueprint
from flask import render_template
from sqlalchemy import func
from sqlalchemy import select

from skills_graph import models as m
from web import database
from web.access import require

bp = Blueprint("lnd", __name__, url_prefix="/lnd")


@bp.get("/")
@require("lnd")
def home() -> str:
    session = database.session()
    counts = {
        label: session.scalar(select(func.count()).select_from(model)) or 0
        for label, model in (("roles", m.Role), ("skills", m.Skill), ("courses", m.Course),
                             ("employees", m.Employee))
    }
    waiting = session.scalar(select(func.count()).select_from(m.Task).where(
        m.Task.exposure_source == m.ExposureSource.MODEL.value)) or 0
    active_tokens = session.scalar(select(func.count()).select_from(m.ApiToken).where(
        m.ApiToken.revoked_at.is_(None))) or 0
    return render_template("lnd/home.html", counts=counts, waiting=waiting, tokens=active_tokens)


from web.lnd import graph_edit  # noqa: E402,F401  (registers the edit routes on bp)
from web.lnd import review  # noqa: E402,F401
from web.lnd import roles  # noqa: E402,F401
from web.lnd import tokens  # noqa: E402,F401
