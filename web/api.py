"""The JSON API ``/api/v1`` for HRIS and LMS integrations.

Callers authenticate with ``Authorization: Bearer <token>`` (tokens are created by L&D, stored
hashed and revocable); a signed-in browser session works too. Every error is
``{"error": {"code", "message", "field"}}`` with status 400, 401, 403, 404, 409 or 422.
Routes are declared with :func:`route`, which also records them for the OpenAPI document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from typing import TypeVar

from flask import Blueprint
from flask import g
from flask import jsonify
from flask import request
from pydantic import BaseModel
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from skills_graph.api_tokens import find_active_token
from skills_graph.errors import UnknownKeyError
from web import database
from web.access import Principal
from web.access import current_principal

bp = Blueprint("api", __name__, url_prefix="/api/v1")
Body = TypeVar("Body", bound=BaseModel)
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 422: "invalid"}


class ApiError(Exception):
    """An error a caller caused, answered as JSON."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


@dataclass(frozen=True)
class Operation:
    """One documented route: what it takes and gives, for the OpenAPI document."""

    rule: str
    method: str
    endpoint: str
    summary: str
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    public: bool


OPERATIONS: list[Operation] = []


def route(
    rule: str, method: str = "GET", *, summary: str, body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None, public: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a view on the API blueprint and in the OpenAPI registry."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        endpoint = f"{view.__name__}_{method.lower()}"
        bp.add_url_rule(rule, endpoint, view, methods=[method])
        OPERATIONS.append(Operation(rule, method, endpoint, summary, body, query, public))
        return view

    return decorate


def principal() -> Principal:
    """The authenticated caller; 401 when there is none."""
    found = current_principal()
    if found is None:
        raise ApiError(401, "sign in or send 'Authorization: Bearer <token>'")
    return found


@bp.before_request
def _authenticate_token() -> None:
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "the Authorization header must be 'Bearer <token>'", "Authorization")
    session = database.session()
    found = find_active_token(session, token.strip())
    if found is None:
        raise ApiError(401, "the API token is unknown or revoked", "Authorization")
    session.commit()
    g.api_principal = Principal(found.role_set, None, None, f"token {found.prefix}")


def parse_body(schema: type[Body]) -> Body:
    """The JSON body as ``schema``; 400 when it is not JSON, 422 naming the first bad field."""
    data = request.get_json(silent=True)
    if data is None:
        raise ApiError(400, "the request body must be a JSON object (Content-Type: application/json)")
    return _validate(schema, data)


def parse_query(schema: type[Body]) -> Body:
    """The query string as ``schema``; 422 naming the first bad parameter."""
    return _validate(schema, request.args.to_dict())


def _validate(schema: type[Body], data: Any) -> Body:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or None
        raise ApiError(422, f"{field}: {error['msg']}" if field else error["msg"], field) from None


def error_response(status: int, message: str, field: str | None = None) -> Response:
    """The API's error body."""
    response = jsonify({"error": {"code": CODES.get(status, "error"), "message": message,
                                  "field": field}})
    response.status_code = status
    return response


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError) -> Response:
    return error_response(exc.status, exc.message, exc.field)


@bp.errorhandler(UnknownKeyError)
def _unknown_key(exc: UnknownKeyError) -> Response:
    return error_response(404, str(exc), exc.kind)


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> Response:
    return error_response(exc.code or 500, exc.description or exc.name)


def register_resources() -> None:
    """Import the modules whose routes live on this blueprint."""
    from web import api_graph  # noqa: F401
    from web import api_openapi  # noqa: F401
    from web import api_people  # noqa: F401


register_resources()
