"""Bulk writes for importers: Core inserts and updates in batches, compared with what is stored
so that importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy import bindparam
from sqlalchemy import delete
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from skills_graph.importers.base import ImportSummary

CHUNK = 5000
Values = dict[str, Any]
KeepExisting = Callable[[Any], Collection[str]]
"""Given a stored row (a mapping of its columns), the columns an import must leave as they are."""


def table_of(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _chunks(items: Sequence[Any]) -> list[Sequence[Any]]:
    return [items[start:start + CHUNK] for start in range(0, len(items), CHUNK)]


def update_rows(session: Session, table: Table, rows: list[Values]) -> None:
    """Update rows by ``id``; every dict carries the same columns."""
    if not rows:
        return
    names = [name for name in rows[0] if name != "id"]
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({name: bindparam(f"b_{name}") for name in names})
    )
    params = [{f"b_{name}": value for name, value in row.items()} for row in rows]
    for chunk in _chunks(params):
        session.execute(statement, list(chunk))


def insert_rows(session: Session, table: Table, rows: list[Values]) -> None:
    for chunk in _chunks(rows):
        session.execute(insert(table), list(chunk))


def key_ids(session: Session, model: Any) -> dict[str, int]:
    """Every stored key of ``model`` with its id."""
    table = table_of(model)
    return {key: ident for key, ident in session.execute(select(table.c.key, table.c.id))}


def _stored(
    session: Session, table: Table, natural: tuple[str, ...], names: list[str],
    scope: tuple[str, Collection[int]] | None = None,
) -> dict[Any, Any]:
    """Stored rows (id and the given columns) by natural key: one column's value, or a tuple."""
    columns = dict.fromkeys(["id", *natural, *names, *(scope[:1] if scope else ())])
    rows = (r._mapping for r in session.execute(select(*(table.c[n] for n in columns))))
    if scope is not None:
        parents = set(scope[1])
        rows = (row for row in rows if row[scope[0]] in parents)
    if len(natural) == 1:
        return {row[natural[0]]: row for row in rows}
    return {tuple(row[n] for n in natural): row for row in rows}


def upsert_keyed(
    session: Session, model: Any, rows: Mapping[str, Values], summary: ImportSummary, kind: str,
    keep: KeepExisting | None = None,
) -> dict[str, int]:
    """Insert the rows whose key is new and update those whose values differ; key -> id of all.

    ``keep`` names, for a stored row, the columns the import must not overwrite (e.g. a task's
    exposure class once a person has reviewed it). Versioned rows get version 1, then + 1.
    """
    table = table_of(model)
    names = sorted({name for values in rows.values() for name in values})
    version = ["version"] if "version" in table.c else []
    stored = _stored(session, table, ("key",), names + version)
    inserts, updates = [], []
    for key, values in rows.items():
        old = stored.get(key)
        if old is None:
            inserts.append({"key": key, **values, **dict.fromkeys(version, 1)})
            continue
        kept = keep(old) if keep else ()
        wanted = {name: (old[name] if name in kept else values[name]) for name in names}
        if all(old[name] == wanted[name] for name in names):
            summary.record(kind, "unchanged")
            continue
        updates.append({"id": old["id"], **wanted, **{v: old[v] + 1 for v in version}})
        summary.record(kind, "updated")
    insert_rows(session, table, inserts)
    update_rows(session, table, updates)
    summary.record(kind, "created", len(inserts))
    return key_ids(session, model)


def sync_rows(
    session: Session, model: Any, key_columns: tuple[str, ...],
    wanted: Mapping[tuple[Any, ...], Values],
    scope: tuple[str, Collection[int]], summary: ImportSummary, kind: str, prune: bool = True,
) -> None:
    """Make the link rows of the parents in ``scope`` (column, ids) equal ``wanted``.

    ``wanted`` maps the natural key (values of ``key_columns``) to the other column values; stored
    rows of those parents that are not wanted are deleted when ``prune`` is set.
    """
    table = table_of(model)
    names = sorted({name for values in wanted.values() for name in values})
    stored = _stored(session, table, key_columns, names, scope)
    inserts = [dict(zip(key_columns, natural, strict=True)) | values
               for natural, values in wanted.items() if natural not in stored]
    updates = [{"id": stored[natural]["id"], **values} for natural, values in wanted.items()
               if natural in stored and any(stored[natural][n] != values[n] for n in names)]
    stale = [row["id"] for natural, row in stored.items() if natural not in wanted] if prune else []
    insert_rows(session, table, inserts)
    update_rows(session, table, updates)
    for chunk in _chunks(stale):
        session.execute(delete(table).where(table.c.id.in_(chunk)))
    summary.record(kind, "created", len(inserts))
    summary.record(kind, "updated", len(updates))
    summary.record(kind, "unchanged", len(wanted) - len(inserts) - len(updates))
    summary.record(kind, "removed", len(stale))


def prune_keyed(
    session: Session, model: Any, scope: tuple[str, Collection[int]], keep: Collection[str],
    summary: ImportSummary, kind: str,
) -> None:
    """Delete the rows of the parents in ``scope`` (column, ids) whose key is not in ``keep``,
    e.g. the tasks a new release no longer lists for an occupation it still has."""
    table = table_of(model)
    kept = set(keep)
    stale = [row["id"] for key, row in _stored(session, table, ("key",), [], scope).items()
             if key not in kept]
    for chunk in _chunks(stale):
        session.execute(delete(table).where(table.c.id.in_(chunk)))
    summary.record(kind, "removed", len(stale))
