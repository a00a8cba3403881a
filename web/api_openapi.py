"""The OpenAPI 3 document of ``/api/v1``, generated from the routes' own declarations."""

from __future__ import annotations

import re
from typing import Any

from flask import jsonify
from pydantic import BaseModel
from werkzeug.wrappers import Response

from web.api import OPERATIONS
from web.api import Operation
from web.api import route

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"},
        "field": {"type": ["string", "null"]}}, "required": ["code", "message", "field"]}},
}
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def openapi_path(rule: str) -> str:
    """``/employees/<key>`` -> ``/api/v1/employees/{key}``."""
    return "/api/v1" + PARAM.sub(lambda match: "{" + match.group(2) + "}", rule)


def _parameters(op: Operation) -> list[dict[str, Any]]:
    params = [
        {"name": name, "in": "path", "required": True,
         "schema": {"type": "integer" if conv == "int" else "string"}}
        for conv, name in PARAM.findall(op.rule)
    ]
    if op.query is not None:
        schema = op.query.model_json_schema()
        required = set(schema.get("required", []))
        params += [{"name": name, "in": "query", "required": name in required, "schema": prop}
                   for name, prop in schema["properties"].items()]
    return params


def _operation(op: Operation) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "operationId": op.endpoint, "summary": op.summary, "parameters": _parameters(op),
        "responses": {
            "200" if op.method != "POST" else "201": {"description": "Success"},
            **{str(code): {"description": text, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Error"}}}}
               for code, text in ((400, "Malformed request"), (401, "No valid credentials"),
                                  (403, "Not allowed"), (404, "Unknown key"),
                                  (409, "Conflict"), (422, "Invalid field"))},
        },
    }
    if op.body is not None:
        doc["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{op.body.__name__}"}}}}
    if op.public:
        doc["security"] = []
    return doc


def build_document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    paths: dict[str, dict[str, Any]] = {}
    bodies: dict[str, type[BaseModel]] = {}
    for op in OPERATIONS:
        paths.setdefault(openapi_path(op.rule), {})[op.method.lower()] = _operation(op)
        if op.body is not None:
            bodies[op.body.__name__] = op.body
    schemas: dict[str, Any] = {"Error": ERROR_SCHEMA}
    for name, model in bodies.items():
        schemas[name] = model.model_json_schema(ref_template="#/components/schemas/{model}")
    return {
        "openapi": "3.1.0",
        "info": {"title": "Reskill API", "version": "1",
                 "description": "Employees, skills, targets, plans and assignments for HRIS and LMS integrations."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                       "schemas": schemas},
        "paths": paths,
    }


@route("/openapi.json", summary="This OpenAPI document.", public=True)
def openapi() -> Response:
    return jsonify(build_document())
