"""Reading labelled and reviewed tasks from files, validated row by row at the edge."""

import csv
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import StringConstraints
from pydantic import ValidationError
from pydantic import field_validator

from recommender.exposure.rubric import CLASS_TO_LABEL
from recommender.exposure.rubric import LABELS

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ExposureDataError(ValueError):
    """A labels or reviewed-tasks file that cannot be used; the message names file, row and column."""


@dataclass(frozen=True)
class LabelledTask:
    """One task statement with its exposure label and the role (occupation) it belongs to."""

    role_key: str
    occupation_title: str | None
    task: str
    label: str


class _LabelRow(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    onet_soc_code: NonEmpty
    occupation_title: str
    task: NonEmpty
    label: str

    @field_validator("label")
    @classmethod
    def _known_label(cls, value: str) -> str:
        if value not in LABELS:
            raise ValueError(f"must be one of {', '.join(LABELS)}")
        return value


class _ReviewedRow(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    task: NonEmpty
    occupation_title: str | None = None
    exposure_class: str

    @field_validator("exposure_class")
    @classmethod
    def _known_class(cls, value: str) -> str:
        return label_of(value)


def label_of(exposure_class: str) -> str:
    """Return the label (``E0``/``E1``/``E2``) of a class name or label, case-insensitively."""
    text = exposure_class.strip()
    if text.upper() in LABELS:
        return text.upper()
    if text.lower() in CLASS_TO_LABEL:
        return CLASS_TO_LABEL[text.lower()]
    accepted = ", ".join([*CLASS_TO_LABEL, *LABELS])
    raise ValueError(f"must be one of {accepted}")


def _rows(
    path: Path, delimiter: str, required: Sequence[str]
) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as error:
        raise ExposureDataError(f"{path}: cannot read file ({error.strerror})") from error
    with handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            raise ExposureDataError(f"{path}: missing column '{missing[0]}' in the header")
        yield from enumerate(reader, start=2)


def _invalid(
    path: Path, line: int, error: ValidationError, row: dict[str, str]
) -> ExposureDataError:
    first = error.errors()[0]
    column = str(first["loc"][0]) if first["loc"] else "?"
    return ExposureDataError(
        f"{path}: row {line}, column '{column}', value {row.get(column)!r}: {first['msg']}"
    )


def read_labels(path: str | Path) -> list[LabelledTask]:
    """Read a labels TSV (``onet_soc_code, occupation_title, task, label``)."""
    path = Path(path)
    tasks = []
    for line, row in _rows(path, "\t", ["onet_soc_code", "occupation_title", "task", "label"]):
        try:
            parsed = _LabelRow.model_validate(row)
        except ValidationError as error:
            raise _invalid(path, line, error, row) from error
        tasks.append(
            LabelledTask(parsed.onet_soc_code, parsed.occupation_title, parsed.task, parsed.label)
        )
    return tasks


def read_reviewed(path: str | Path) -> list[tuple[str, str | None, str]]:
    """Read reviewed tasks from a CSV with ``task, occupation_title, exposure_class`` columns."""
    path = Path(path)
    reviewed = []
    for line, row in _rows(path, ",", ["task", "exposure_class"]):
        try:
            parsed = _ReviewedRow.model_validate(row)
        except ValidationError as error:
            raise _invalid(path, line, error, row) from error
        reviewed.append((parsed.task, parsed.occupation_title or None, parsed.exposure_class))
    return reviewed


def reviewed_tasks(reviewed: Sequence[tuple[str, str | None, str]]) -> list[LabelledTask]:
    """Turn reviewed ``(task, occupation_title, exposure_class)`` triples into labelled tasks.

    Reviewed tasks sharing a title form one role, so they serve as each other's context.
    """
    return [
        LabelledTask(
            f"reviewed:{title}" if title else f"reviewed-task:{index}",
            title,
            task,
            label_of(exposure_class),
        )
        for index, (task, title, exposure_class) in enumerate(reviewed)
    ]


class _TaskRow(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    task_id: NonEmpty
    task: NonEmpty
    occupation_title: str | None = None


def read_task_rows(path: str | Path) -> list[tuple[str, str, str | None]]:
    """Read tasks to score from a CSV with ``task_id, task`` and optional ``occupation_title``."""
    path = Path(path)
    rows = []
    for line, row in _rows(path, ",", ["task_id", "task"]):
        try:
            parsed = _TaskRow.model_validate(row)
        except ValidationError as error:
            raise _invalid(path, line, error, row) from error
        rows.append((parsed.task_id, parsed.task, parsed.occupation_title or None))
    return rows
