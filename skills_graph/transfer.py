"""Export the whole database to one JSON document and restore it into an empty database.

Rows keep their ids, so every link survives; password hashes are never exported (restored
accounts must set a new password with ``reskill user passwd``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date
from sqlalchemy import DateTime
from sqlalchemy import Table
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from skills_graph.errors import SkillsGraphError
from skills_graph.models import Base
from skills_graph.versioning import bump_graph_version

FORMAT = "reskill-export"
FORMAT_VERSION = 1
SKIPPED_TABLES = {"graph_state"}
SECRET_COLUMNS = {("app_user", "password_hash")}
UNUSABLE_PASSWORD = "!"  # matches no werkzeug hash, so the account cannot sign in until reset


class TransferError(SkillsGraphError, ValueError):
    """An export file that cannot be restored; the message names the table, row and column."""


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in SKIPPED_TABLES]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def export_all(session: Session) -> dict[str, Any]:
    """Every table's rows, in dependency order, as plain JSON values."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in _tables():
        columns = [c for c in table.columns if (table.name, c.name) not in SECRET_COLUMNS]
        rows = session.execute(select(*columns).order_by(*table.primary_key.columns))
        tables[table.name] = [{k: _encode(v) for k, v in row._mapping.items()} for row in rows]
    return {"format": FORMAT, "version": FORMAT_VERSION, "tables": tables}


def _decode(table: Table, number: int, row: dict[str, Any]) -> dict[str, Any]:
    known = {c.name: c for c in table.columns}
    decoded = {}
    for name, value in row.items():
        column = known.get(name)
        if column is None:
            raise TransferError(f"table {table.name!r}, row {number}: unknown column {name!r}")
        try:
            if value is not None and isinstance(column.type, DateTime):
                value = dt.datetime.fromisoformat(value)
            elif value is not None and isinstance(column.type, Date):
                value = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise TransferError(
                f"table {table.name!r}, row {number}, column {name!r}: not a date {value!r}") from None
        decoded[name] = value
    for secret_table, column_name in SECRET_COLUMNS:
        if secret_table == table.name:
            decoded.setdefault(column_name, UNUSABLE_PASSWORD)
    return decoded


def _check_document(document: Any) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TransferError(f"not a Reskill export: expected \"format\": \"{FORMAT}\"")
    if document.get("version") != FORMAT_VERSION:
        raise TransferError(f"export version {document.get('version')!r} is not supported "
                            f"(this Reskill reads version {FORMAT_VERSION})")
    tables = document.get("tables")
    known = {t.name for t in _tables()}
    if not isinstance(tables, dict) or set(tables) - known:
        raise TransferError(f"unknown tables in export: {sorted(set(tables or {}) - known)}")
    return tables


def import_all(session: Session, document: Any) -> dict[str, int]:
    """Restore an export into an empty database; returns rows written per table.

    Raises TransferError, writing nothing, when the database already holds data or the
    document is malformed. The caller commits.
    """
    tables = _check_document(document)
    for table in _tables():
        if session.scalar(select(func.count()).select_from(table)):
            raise TransferError(f"the database is not empty (table {table.name!r} has rows); "
                                "restore into an empty database")
    counts = {}
    for table in _tables():
        rows = [_decode(table, n, row) for n, row in enumerate(tables.get(table.name, []), 1)]
        if rows:
            try:
                session.execute(insert(table), rows)
            except IntegrityError as exc:
                raise TransferError(f"table {table.name!r}: {str(exc.orig).splitlines()[0]}") from None
        counts[table.name] = len(rows)
    _reset_sequences(session)
    bump_graph_version(session)
    return counts


def _reset_sequences(session: Session) -> None:
    """PostgreSQL: move each id sequence past the restored ids (SQLite needs nothing)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in _tables():
        if "id" in table.columns:
            session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
