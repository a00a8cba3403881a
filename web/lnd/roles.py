"""Create and edit roles, their skill requirements and their tasks.

A task's exposure class follows one rule: a class someone marks as decided is reviewed and wins;
otherwise a new or reworded task gets the exposure model's suggestion (for the review queue), and
without the model it keeps the class typed, marked ``seed`` (set by hand, not reviewed).
"""

from __future__ import annotations

from typing import Any

from flask import flash
from flask import request
from flask import url_for
from pydantic import BaseModel
from pydantic import Field as Input
from pydantic import field_validator
from werkzeug.wrappers import Response

from skills_graph import models as m
from skills_graph.editing import add_task
from skills_graph.editing import apply_values
from skills_graph.editing import set_role_requirements
from skills_graph.editing import touch
from skills_graph.exposure_review import EXPOSURE_CLASSES
from skills_graph.exposure_review import apply_suggestion
from skills_graph.exposure_review import review_task
from skills_graph.exposure_review import set_manual_class
from skills_graph.queries import get_by_key
from web import database
from web import exposure_suggest
from web.access import caller
from web.access import require
from web.lnd import bp
from web.lnd.forms import Field
from web.lnd.forms import FieldError
from web.lnd.forms import format_lines
from web.lnd.forms import parse_lines
from web.lnd.forms import render_edit
from web.lnd.forms import resolve_skills
from web.lnd.forms import save_edit
from web.lnd.graph_edit import NEW_KEY
from web.lnd.graph_edit import checked_new_key

ROLE_KINDS = tuple(k.value for k in m.RoleKind)
ROLE_FIELDS = [
    Field("title", "Title"),
    Field("description", "Description", "textarea"),
    Field("kind", "Kind", "select", ROLE_KINDS),
    Field("archetype", "Hybrid archetype", "select", ("", *m.ARCHETYPES),
          hint="Only for hybrid roles."),
    Field("department", "Department"),
    Field("requirements", "Skill requirements", "textarea",
          hint="One per line: skill:key level importance, e.g. skill:prompt-design 3 0.8"),
]
TASK_FIELDS = [
    Field("statement", "Task statement", "textarea"),
    Field("share", "Share of working time (%)", "number"),
    Field("exposure_class", "Exposure class", "select", EXPOSURE_CLASSES),
    Field("reason", "Reason for the class", "textarea"),
    Field("decided", "This class is my decision (mark it reviewed; the model will not change it)",
          "checkbox"),
]


class RoleForm(BaseModel):
    title: str = Input(min_length=1, max_length=300)
    description: str = Input(default="", max_length=5000)
    kind: str = Input(pattern="^(" + "|".join(ROLE_KINDS) + ")$")
    archetype: str = Input(default="", pattern="^(|" + "|".join(m.ARCHETYPES) + ")$")
    department: str = Input(default="", max_length=100)
    requirements: list[tuple[str, int, float]] = []
    key: str = ""
    version: int | None = None

    @field_validator("requirements", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        return parse_lines(value, with_importance=True) if isinstance(value, str) else value


class TaskForm(BaseModel):
    statement: str = Input(min_length=3, max_length=2000)
    share: float = Input(ge=0, le=100)
    exposure_class: str = Input(pattern="^(" + "|".join(EXPOSURE_CLASSES) + ")$")
    reason: str = Input(default="", max_length=2000)
    decided: bool = False
    version: int | None = None


def role_values(role: m.Role) -> dict[str, Any]:
    return {"title": role.title, "description": role.description, "kind": role.kind,
            "archetype": role.archetype or "", "department": role.department,
            "requirements": format_lines(role.requirements, True), "version": role.version}


def task_values(task: m.Task) -> dict[str, Any]:
    return {"statement": task.statement, "share": task.share,
            "exposure_class": task.exposure_class, "reason": task.review_reason or task.rationale,
            "decided": task.exposure_source == m.ExposureSource.REVIEWED.value,
            "version": task.version}


@bp.route("/roles/new", methods=["GET", "POST"])
@bp.route("/roles/<key>/edit", methods=["GET", "POST"])
@require("lnd")
def edit_role(key: str | None = None) -> Response | tuple[str, int]:
    role = get_by_key(database.session(), m.Role, key) if key else None
    fields = ROLE_FIELDS if role else [NEW_KEY, *ROLE_FIELDS]
    heading = f"Edit role {role.title}" if role else "New role"
    if request.method == "GET":
        values = role_values(role) if role else {"kind": "current"}
        return render_edit("lnd/edit.html", fields, values, entity=role, heading=heading,
                           role=role)

    def apply(form: RoleForm) -> m.Role:
        if form.kind == "hybrid" and not form.archetype:
            raise FieldError("archetype", "a hybrid role needs one of " + ", ".join(m.ARCHETYPES))
        wanted = resolve_skills("requirements", form.requirements)
        target = role
        if target is None:
            target = m.Role(key=checked_new_key(m.Role, "role", form.key, form.title))
            database.session().add(target)
        changed = apply_values(target, form.model_dump(include={
            "title", "description", "kind", "department"}) | {"archetype": form.archetype or None})
        if set_role_requirements(target, wanted) and not changed and role is not None:
            touch(target, "title")
        return target

    return save_edit(role, RoleForm, apply, template="lnd/edit.html", fields=fields,
                     snapshot=role_values, heading=heading, message="Role saved.", role=role,
                     done=lambda r: url_for("lnd.edit_role", key=r.key))


@bp.route("/roles/<key>/tasks/new", methods=["GET", "POST"])
@require("lnd")
def new_task(key: str) -> Response | tuple[str, int]:
    role = get_by_key(database.session(), m.Role, key)
    heading = f"New task of {role.title}"
    if request.method == "GET":
        return render_edit("lnd/edit.html", TASK_FIELDS, {"exposure_class": "human-led"},
                           entity=None, heading=heading)

    def apply(form: TaskForm) -> m.Task:
        task = add_task(database.session(), role, form.statement.strip(), form.share)
        _classify(task, form, reworded=True)
        return task

    return save_edit(None, TaskForm, apply, template="lnd/edit.html", fields=TASK_FIELDS,
                     snapshot=task_values, heading=heading, message="Task added.",
                     done=lambda t: url_for("lnd.edit_role", key=role.key))


@bp.route("/tasks/<key>/edit", methods=["GET", "POST"])
@require("lnd")
def edit_task(key: str) -> Response | tuple[str, int]:
    task = get_by_key(database.session(), m.Task, key)
    heading = f"Edit a task of {task.role.title}"
    if request.method == "GET":
        return render_edit("lnd/edit.html", TASK_FIELDS, task_values(task), entity=task,
                           heading=heading)

    def apply(form: TaskForm) -> m.Task:
        statement = form.statement.strip()
        reworded = statement != task.statement
        apply_values(task, {"statement": statement, "share": form.share})
        _classify(task, form, reworded=reworded)
        return task

    return save_edit(task, TaskForm, apply, template="lnd/edit.html", fields=TASK_FIELDS,
                     snapshot=task_values, heading=heading, message="Task saved.",
                     done=lambda t: url_for("lnd.edit_role", key=t.role.key))


def _classify(task: m.Task, form: TaskForm, reworded: bool) -> None:
    """Apply the module's exposure rule to a task being saved."""
    reason = form.reason.strip()
    if form.decided:
        review_task(database.session(), task, form.exposure_class, caller().label, reason)
        return
    unchanged = task.exposure_class == form.exposure_class
    if unchanged and (not reworded or task.exposure_source == m.ExposureSource.REVIEWED.value):
        return  # e.g. a new share for a suggested task: it stays in the review queue
    suggestions = exposure_suggest.suggest(
        [task.statement], [task.role.title], [[t.statement for t in task.role.tasks]]
    ) if reworded else None
    if suggestions:
        apply_suggestion(task, suggestions[0].suggestion)
        flash(f"The exposure model suggests {task.exposure_class}; review it in the queue.",
              "success")
        return
    if reworded and not exposure_suggest.available():
        flash("The exposure model is not available: the class you chose is kept.", "success")
    set_manual_class(task, form.exposure_class, reason)
