"""What the L&D edit pages share: field lists, requirement lines, and the save-or-conflict flow.

Every edit form carries the version it was loaded at. Saving compares it with the stored one
(and SQLAlchemy's version check catches a save that slips in between), so a second editor gets
a conflict page with the newer values and their own input kept, never a silent overwrite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from typing import TypeVar

from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from skills_graph import models as m
from skills_graph.editing import VersionConflict
from skills_graph.editing import check_version
from skills_graph.queries import suggest_keys
from web import database
from web.forms import form_errors

Form = TypeVar("Form", bound=BaseModel)
LINE = re.compile(r"^(?P<skill>\S+)\s+(?P<level>\S+)(?:\s+(?P<importance>\S+))?$")


@dataclass(frozen=True)
class Field:
    """One labelled input of an edit form."""

    name: str
    label: str
    widget: str = "text"
    choices: tuple[str, ...] = ()
    hint: str = ""


class FieldError(Exception):
    """Input that validated but names something that does not exist (e.g. an unknown skill)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"Field {field!r}: {message}")


def parse_lines(text: str, with_importance: bool) -> list[tuple[str, int, float]]:
    """Requirement lines ``skill:key level [importance]`` as tuples; ValueError naming the line.

    >>> parse_lines("skill:a 3 0.5\\n\\nskill:b 2", True)
    [('skill:a', 3, 0.5), ('skill:b', 2, 1.0)]
    """
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = LINE.match(line)
        if match is None or (match["importance"] and not with_importance):
            shape = "skill:key level importance" if with_importance else "skill:key level"
            raise ValueError(f"line {number}: expected '{shape}', got {line!r}")
        level = match["level"]
        if not level.isdigit() or not 0 <= int(level) <= 5:
            raise ValueError(f"line {number}: level must be a whole number 0-5, got {level!r}")
        importance = _importance(match["importance"], number)
        rows.append((match["skill"], int(level), importance))
    keys = [row[0] for row in rows]
    if len(set(keys)) != len(keys):
        raise ValueError(f"a skill appears twice: {sorted({k for k in keys if keys.count(k) > 1})}")
    return rows


def _importance(raw: str | None, number: int) -> float:
    if raw is None:
        return 1.0
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise ValueError(f"line {number}: importance must be a number in (0, 1], got {raw!r}")
    return value


def format_lines(items: list[Any], with_importance: bool) -> str:
    """A requirement collection as the lines the form edits."""
    lines = sorted(f"{i.skill.key} {i.level}" + (f" {i.importance:g}" if with_importance else "")
                   for i in items)
    return "\n".join(lines)


def resolve_skills(field: str, rows: list[tuple[str, int, float]]
                   ) -> dict[m.Skill, tuple[int, float]]:
    """The skills the lines name; FieldError naming an unknown key and close matches."""
    session = database.session()
    found = {s.key: s for s in session.scalars(
        select(m.Skill).where(m.Skill.key.in_([key for key, _, _ in rows])))}
    for key, _, _ in rows:
        if key not in found:
            close = suggest_keys(session, m.Skill, key)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise FieldError(field, f"unknown skill {key!r}{hint}")
    return {found[key]: (level, importance) for key, level, importance in rows}


def render_edit(template: str, fields: list[Field], values: Mapping[str, Any], *,
                status: int = 200, **context: Any) -> tuple[str, int]:
    """The edit page with ``values`` in its inputs."""
    return render_template(template, fields=fields, values=values, **context), status


def save_edit(
    entity: Any, schema: type[Form], apply: Callable[[Form], Any], *,
    template: str, fields: list[Field], snapshot: Callable[[Any], dict[str, Any]],
    done: Callable[[Any], str], message: str, **context: Any,
) -> Response | tuple[str, int]:
    """Validate the posted form, check the version, apply and commit, or answer why not.

    A version conflict is a 409 page showing the stored values and keeping the person's input,
    with the form's version moved to the stored one so that saving again is a deliberate choice.
    """
    session = database.session()
    form, error = form_errors(schema)
    values = request.form.to_dict()
    if form is None:
        return render_edit(template, fields, values, status=400, error=error, entity=entity,
                           **context)
    try:
        if entity is not None:
            check_version(entity, int(getattr(form, "version", None) or 0))
        saved = apply(form)
        session.commit()
    except FieldError as exc:
        session.rollback()
        return render_edit(template, fields, values, status=400, error=str(exc), entity=entity,
                           **context)
    except IntegrityError:
        # Someone created the same key between our check and our save.
        session.rollback()
        return render_edit(template, fields, values, status=409, entity=entity, **context,
                           error="Field 'key': it was taken by a save that happened meanwhile.")
    except (VersionConflict, StaleDataError):
        session.rollback()
        session.refresh(entity)
        values["version"] = str(entity.version)
        return render_edit(template, fields, values, status=409, entity=entity,
                           conflict=snapshot(entity), **context)
    flash(message, "success")
    return redirect(done(saved if saved is not None else entity))
