"""Validation of planning problems: the JSON edge of the planner.

A problem is checked with declared pydantic schemas; the first violation becomes a
one-line :class:`PlanProblemError` that names the course and the field.
"""

from __future__ import annotations

from typing import Annotated
from typing import Any
from typing import Literal

from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import Field
from pydantic import StrictFloat
from pydantic import StrictInt
from pydantic import StrictStr
from pydantic import ValidationError

Level = Annotated[StrictInt, Field(ge=0, le=5)]
Amount = Annotated[StrictInt | StrictFloat, Field(ge=0, allow_inf_nan=False)]


class PlanProblemError(ValueError):
    """A malformed planning problem.

    Attributes
    ----------
    course : str or None
        Id of the offending course (or its position, ``"#3"``, when it has no id);
        ``None`` for a top-level field.
    field : str
        Name of the offending field.
    """

    def __init__(self, message: str, course: str | None, field: str) -> None:
        super().__init__(message)
        self.course = course
        self.field = field


class CourseSpec(BaseModel):
    """One catalogue course as it appears in a problem."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr = Field(min_length=1)
    hours: Amount
    cost: Amount = 0
    teaches: dict[StrictStr, Level]
    requires: dict[StrictStr, Level] = Field(default_factory=dict)


class ProblemSpec(BaseModel):
    """A whole planning problem: levels now, levels wanted, the catalogue."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    current: dict[StrictStr, Level] = Field(default_factory=dict)
    target: dict[StrictStr, Level]
    courses: list[CourseSpec]
    objective: Literal["hours", "cost"] = "hours"
    time_limit_ms: Annotated[StrictInt | StrictFloat, Field(gt=0, allow_inf_nan=False)] | None = None


def parse_problem(problem: Any) -> ProblemSpec:
    """Validate a problem dictionary.

    Raises
    ------
    PlanProblemError
        On the first malformed field, naming the course id and the field.
    """
    if not isinstance(problem, dict):
        raise PlanProblemError("problem must be a JSON object", None, "problem")
    try:
        spec = ProblemSpec.model_validate(problem)
    except ValidationError as err:
        raise _translate(err, problem) from None
    _check_courses(spec)
    return spec


def parse_courses(courses: Any) -> list[CourseSpec]:
    """Validate a catalogue on its own (shared by many problems)."""
    spec = parse_problem({"target": {}, "courses": courses})
    return spec.courses


def _check_courses(spec: ProblemSpec) -> None:
    seen: set[str] = set()
    for course in spec.courses:
        if course.id in seen:
            raise PlanProblemError(
                f'course "{course.id}": field "id" is duplicated', course.id, "id"
            )
        seen.add(course.id)
        if not any(course.teaches.values()):
            raise PlanProblemError(
                f'course "{course.id}": field "teaches" must raise at least one skill '
                "to a level of 1 or more, got "
                f"{course.teaches}",
                course.id,
                "teaches",
            )


def _translate(err: ValidationError, problem: dict[str, Any]) -> PlanProblemError:
    first = err.errors()[0]
    loc = first["loc"]
    reason = _reason(first)
    if len(loc) >= 3 and loc[0] == "courses" and isinstance(loc[1], int):
        course = _course_label(problem, loc[1])
        field = str(loc[2])
        where = f' for skill "{loc[3]}"' if len(loc) > 3 else ""
        return PlanProblemError(f'course "{course}": field "{field}"{where} {reason}', course, field)
    field = str(loc[0]) if loc else "problem"
    where = f' for skill "{loc[1]}"' if len(loc) > 1 and field != "courses" else ""
    if field == "courses" and len(loc) == 2:
        course = _course_label(problem, int(loc[1]))
        return PlanProblemError(f'course "{course}": {reason}', course, "courses")
    return PlanProblemError(f'field "{field}"{where} {reason}', None, field)


def _course_label(problem: dict[str, Any], index: int) -> str:
    raw = problem.get("courses", [])[index]
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return str(raw["id"])
    return f"#{index}"


def _reason(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = error.get("input")
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind == "missing":
        return "is required"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        symbol = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=",
                  "less_than": "<"}[kind]
        bound = next(iter(ctx.values()))
        return f"must be {symbol} {bound}, got {value!r}"
    message = str(error["msg"])
    return f"{message[0].lower()}{message[1:]}, got {value!r}"
