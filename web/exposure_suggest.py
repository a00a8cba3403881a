"""The automation-exposure model as the site uses it: imported lazily, optional, never fatal.

When ``recommender.exposure`` cannot be imported or its model cannot be loaded, the site keeps
working: tasks keep the class a person typed and the review page says the model is missing.
``RESKILL_EXPOSURE_MODEL`` (config ``EXPOSURE_MODEL``) names a retrained model file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from skills_graph import models as m
from skills_graph.exposure_review import Suggestion
from skills_graph.exposure_review import apply_suggestion

MISSING = object()


@dataclass(frozen=True)
class Explained:
    """A suggestion with what the review page shows beside it."""

    suggestion: Suggestion
    confidence: float
    top_terms: tuple[tuple[str, float], ...]


def _model() -> Any | None:
    """The loaded model for this app, or None when it is not available (remembered either way)."""
    cached = current_app.extensions.get("reskill_exposure", MISSING)
    if cached is not MISSING:
        return cached
    model: Any | None
    try:
        from recommender.exposure import load_model

        model = load_model(path=current_app.config.get("EXPOSURE_MODEL"))
    except Exception as exc:  # an optional part: whatever breaks it, the site carries on
        current_app.logger.warning("exposure model not available: %r", exc)
        model = None
    current_app.extensions["reskill_exposure"] = model
    return model


def available() -> bool:
    """True when suggestions can be made."""
    return _model() is not None


def rubric() -> str | None:
    """The exposure rubric reviewers apply, when the model package is installed."""
    try:
        from recommender.exposure import RUBRIC
    except ImportError:
        return None
    return str(RUBRIC)


def suggest(statements: list[str], occupation_titles: list[str | None] | None = None,
            role_tasks: list[list[str]] | None = None) -> list[Explained] | None:
    """One suggestion per statement (with its role's title and tasks as context), or None when
    the model is not available."""
    if not statements:
        return []
    model = _model()
    if model is None:
        return None
    predictions = model.predict(statements, occupation_titles=occupation_titles,
                                role_tasks=role_tasks)
    return [
        Explained(Suggestion(str(p.exposure_class), float(p.p_automate), float(p.p_augment),
                             float(p.p_human_led), str(p.details)),
                  float(p.confidence), tuple(p.top_terms))
        for p in predictions
    ]


def suggest_unclassified(session: Session) -> int | None:
    """Give every task still waiting for a class the model's suggestion, read in the context of
    its role; returns how many got one, or None when the model is not available."""
    tasks = session.scalars(
        select(m.Task).where(m.Task.exposure_source == m.ExposureSource.UNCLASSIFIED.value)
        .options(selectinload(m.Task.role).selectinload(m.Role.tasks))
    ).all()
    suggestions = suggest([t.statement for t in tasks], [t.role.title for t in tasks],
                          [[other.statement for other in t.role.tasks] for t in tasks])
    if suggestions is None:
        return None
    return sum(apply_suggestion(task, explained.suggestion)
               for task, explained in zip(tasks, suggestions, strict=True))
