"""Task exposure decided by people: model suggestions, and the L&D review that settles them.

A reviewed class always wins: suggestions, statement edits and seed reloads never change it.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from skills_graph import models as m

EXPOSURE_CLASSES = tuple(c.value for c in m.ExposureClass)


class Suggestion(NamedTuple):
    """A model's suggested class for one task, with its probabilities and a readable reason."""

    exposure_class: str
    p_automate: float
    p_augment: float
    p_human_led: float
    details: str


def check_class(exposure_class: str) -> str:
    """The class if it is one of automate, augment, human-led; else ValueError naming it."""
    if exposure_class not in EXPOSURE_CLASSES:
        raise ValueError(f"exposure class must be one of {', '.join(EXPOSURE_CLASSES)}, "
                         f"got {exposure_class!r}")
    return exposure_class


def apply_suggestion(task: m.Task, suggestion: Suggestion) -> bool:
    """Store a model suggestion on a task nobody has reviewed; False (unchanged) otherwise."""
    if task.exposure_source == m.ExposureSource.REVIEWED.value:
        return False
    task.exposure_class = check_class(suggestion.exposure_class)
    task.exposure_score = round(1.0 - suggestion.p_human_led, 6)
    task.exposure_source = m.ExposureSource.MODEL.value
    task.p_automate = suggestion.p_automate
    task.p_augment = suggestion.p_augment
    task.p_human_led = suggestion.p_human_led
    task.rationale = suggestion.details
    return True


def set_manual_class(task: m.Task, exposure_class: str, reason: str) -> None:
    """A class a person typed without reviewing it: kept as ``seed``, open to later review."""
    task.exposure_class = check_class(exposure_class)
    task.exposure_source = m.ExposureSource.SEED.value
    if reason:
        task.rationale = reason


def review_task(session: Session, task: m.Task, exposure_class: str, reviewer: str,
                reason: str = "", now: dt.datetime | None = None) -> None:
    """Settle a task's class: records who decided, when and why; the class wins from now on."""
    task.exposure_class = check_class(exposure_class)
    task.exposure_source = m.ExposureSource.REVIEWED.value
    task.reviewed_by = reviewer
    task.reviewed_at = now or m.utcnow()
    task.review_reason = reason.strip()


def confidence(task: m.Task) -> float | None:
    """The model's probability of the class it suggested, when it left probabilities."""
    by_class = {"automate": task.p_automate, "augment": task.p_augment,
                "human-led": task.p_human_led}
    return by_class.get(task.exposure_class)


def review_queue(session: Session, limit: int = 50, offset: int = 0) -> tuple[list[m.Task], int]:
    """Tasks with a model suggestion nobody has reviewed, least confident first, and their count."""
    waiting = select(m.Task).where(m.Task.exposure_source == m.ExposureSource.MODEL.value)
    total = session.scalar(select(func.count()).select_from(waiting.subquery())) or 0
    # SQLite's multi-argument max() is PostgreSQL's greatest().
    largest = func.max if session.get_bind().dialect.name == "sqlite" else func.greatest
    certainty = func.coalesce(largest(m.Task.p_automate, m.Task.p_augment, m.Task.p_human_led), 0.0)
    rows = session.scalars(waiting.options(selectinload(m.Task.role))
                           .order_by(certainty, m.Task.key).limit(limit).offset(offset))
    return list(rows), total
