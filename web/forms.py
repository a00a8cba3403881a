"""Validate form fields and query arguments at the edge with declared schemas."""

from __future__ import annotations

from typing import Any
from typing import TypeVar

from flask import abort
from flask import request
from pydantic import BaseModel
from pydantic import ValidationError

Form = TypeVar("Form", bound=BaseModel)


def parse_form(schema: type[Form]) -> Form:
    """The submitted form as ``schema``, or a 400 page naming the field and what it accepts."""
    fields = {k: v for k, v in request.form.items() if k != "csrf_token"}
    try:
        return schema.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        abort(400, description=f"Field {field!r}: {error['msg']} (got {error.get('input')!r}).")


def positive_float_arg(name: str, default: float) -> float:
    """A positive number from the query string, or a 400 page naming the argument."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= 168:
        abort(400, description=f"{name!r} must be a number of hours between 0 and 168, got {raw!r}.")
    return value


def form_errors(schema: type[Form], context: dict[str, Any] | None = None
                ) -> tuple[Form | None, str | None]:
    """The submitted form as ``schema`` and no error, or None and a message naming the field.

    For forms that are shown again with the message and the person's input kept; ``context``
    reaches the schema's validators (for example the keys that are allowed).
    """
    fields = {k: v for k, v in request.form.items() if k != "csrf_token"}
    try:
        return schema.model_validate(fields, context=context), None
    except ValidationError as exc:
        return None, describe(exc)


def describe(exc: ValidationError) -> str:
    """The first problem of a validation error, naming the field and what it got."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "form"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"Field {field!r}: {message}."
