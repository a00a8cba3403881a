"""The exposure review queue: L&D accepts or overrides the model's suggested task classes."""

from __future__ import annotations

from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from pydantic import BaseModel
from pydantic import Field as Input
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from skills_graph import models as m
from skills_graph.exposure_review import EXPOSURE_CLASSES
from skills_graph.exposure_review import confidence
from skills_graph.exposure_review import review_queue
from skills_graph.exposure_review import review_task
from skills_graph.queries import get_by_key
from web import database
from web import exposure_suggest
from web.access import caller
from web.access import require
from web.forms import parse_form
from web.lnd import bp


class ReviewForm(BaseModel):
    decision: str = Input(pattern="^(accept|override)$")
    exposure_class: str = Input(default="", pattern="^(|" + "|".join(EXPOSURE_CLASSES) + ")$")
    reason: str = Input(default="", max_length=2000)
    version: int


@bp.get("/review")
@require("lnd")
def review() -> str:
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    per_page = current_app.config["PER_PAGE"]
    tasks, total = review_queue(database.session(), per_page, (page - 1) * per_page)
    explained = exposure_suggest.suggest(
        [t.statement for t in tasks], [t.role.title for t in tasks],
        [[other.statement for other in t.role.tasks] for t in tasks])
    shown: list[exposure_suggest.Explained | None] = \
        list(explained) if explained is not None else [None] * len(tasks)
    return render_template(
        "lnd/review.html", rows=list(zip(tasks, shown, strict=True)),
        total=total, page=page, per_page=per_page, classes=EXPOSURE_CLASSES,
        confidence=confidence, rubric=exposure_suggest.rubric(),
        model_available=explained is not None)


@bp.post("/review/<key>")
@require("lnd")
def decide(key: str) -> Response:
    session = database.session()
    task = get_by_key(session, m.Task, key)
    form = parse_form(ReviewForm)
    if form.decision == "override" and not form.exposure_class:
        abort(400, description="Field 'exposure_class': choose the class that overrides the "
                               "suggestion (automate, augment or human-led).")
    if task.version != form.version:
        abort(409, description=(
            f"Someone changed this task after you loaded it: it is now {task.exposure_class} "
            f"({task.exposure_source}) with the statement {task.statement!r}. Review it again."))
    exposure_class = task.exposure_class if form.decision == "accept" else form.exposure_class
    review_task(session, task, exposure_class, caller().label, form.reason)
    try:
        session.commit()
    except StaleDataError:
        abort(409, description="Someone changed this task while you reviewed it. Review it again.")
    flash(f"{task.key}: {exposure_class} ({form.decision}ed).", "success")
    return redirect(url_for("lnd.review"))
