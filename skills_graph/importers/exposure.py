"""Exposure classes for imported tasks: suggested by a classifier the caller passes in, or
honestly marked unclassified.

``skills_graph`` must not import ``recommender``, so the CLI hands importers a plain callable
(``web/cli_import.py`` builds it from ``recommender.exposure``).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from typing import Any
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m


class Exposure(NamedTuple):
    """A suggested exposure class with the probability of each class and the model's reason."""

    exposure_class: str
    p_automate: float
    p_augment: float
    p_human_led: float
    details: str = ""


Classifier = Callable[[list[str], list[str], list[list[str]]], list[Exposure]]
"""Given task statements, the title of each task's role and the statements of each task's role
(for context), one suggestion per task."""

EXPOSURE_COLUMNS = (
    "exposure_class", "exposure_score", "exposure_source", "rationale",
    "p_automate", "p_augment", "p_human_led",
)
SUGGESTED = "Suggested by the exposure model when imported; review before relying on it."
UNCLASSIFIED = (
    "Not classified: imported without the exposure model. The class shown is a placeholder; "
    "re-import with the model installed, or review the task."
)


def unclassified() -> dict[str, Any]:
    """Exposure columns of a task nobody has classified yet."""
    return {
        "exposure_class": m.ExposureClass.HUMAN_LED.value, "exposure_score": 0.0,
        "exposure_source": m.ExposureSource.UNCLASSIFIED.value, "rationale": UNCLASSIFIED,
        "p_automate": None, "p_augment": None, "p_human_led": None,
    }


def suggested(exposure: Exposure) -> dict[str, Any]:
    """Exposure columns of a model suggestion; the score is the chance AI changes the task."""
    return {
        "exposure_class": exposure.exposure_class,
        "exposure_score": round(1.0 - exposure.p_human_led, 6),
        "exposure_source": m.ExposureSource.MODEL.value,
        "rationale": f"{SUGGESTED} {exposure.details}".strip(),
        "p_automate": exposure.p_automate, "p_augment": exposure.p_augment,
        "p_human_led": exposure.p_human_led,
    }


def assign_exposure(
    session: Session, tasks: Mapping[str, dict[str, Any]], roles: Mapping[str, str],
    classify: Classifier | None,
) -> None:
    """Add exposure columns to each task's values (key -> values with ``statement`` and
    ``role_id``); ``roles`` gives the title of each task's role.

    A stored task keeps its exposure unless its statement changed, or it was unclassified and a
    classifier is given now; reviewed tasks are never touched (see ``keep_reviewed``).
    """
    stored = {row.key: row._mapping for row in session.execute(
        select(m.Task.key, m.Task.statement, *(getattr(m.Task, c) for c in EXPOSURE_COLUMNS))
    )}
    pending = []
    for key, values in tasks.items():
        old = stored.get(key)
        if old is None or old["statement"] != values["statement"] or (
                classify and old["exposure_source"] == m.ExposureSource.UNCLASSIFIED.value):
            pending.append(key)
        else:
            values.update({c: old[c] for c in EXPOSURE_COLUMNS})
    if classify is None:
        for key in pending:
            tasks[key].update(unclassified())
        return
    context: dict[int, list[str]] = {}
    for values in tasks.values():
        context.setdefault(values["role_id"], []).append(values["statement"])
    suggestions = classify([tasks[key]["statement"] for key in pending],
                           [roles[key] for key in pending],
                           [context[tasks[key]["role_id"]] for key in pending])
    for key, exposure in zip(pending, suggestions, strict=True):
        tasks[key].update(suggested(exposure))


def keep_reviewed(stored: Mapping[str, Any]) -> tuple[str, ...]:
    """Columns an import must not overwrite on a stored task: a person's review wins."""
    if stored["exposure_source"] == m.ExposureSource.REVIEWED.value:
        return EXPOSURE_COLUMNS
    return ()
