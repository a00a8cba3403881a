"""Administration commands: schema upgrades, whole-database export and restore."""

from __future__ import annotations

import json
from pathlib import Path

import click

from skills_graph.schema import current_revision
from skills_graph.schema import head_revision
from skills_graph.schema import upgrade
from skills_graph.transfer import TransferError
from skills_graph.transfer import export_all
from skills_graph.transfer import import_all
from web import create_app
from web import database
from web.cli_errors import fail


@click.group("db")
def db_group() -> None:
    """Database schema commands."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending Alembic migration (the only way the schema changes)."""
    app = create_app()
    engine = app.extensions["reskill_db"].engine
    before = current_revision(engine)
    upgrade(engine)
    click.echo(f"Schema at {head_revision(engine)} (was {before or 'empty'}).")
    engine.dispose()


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_command(file: Path) -> None:
    """Write the whole database (graph, employees, assignments, accounts without password
    hashes) to FILE as JSON."""
    with database.standalone_session() as session:
        document = export_all(session)
    file.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in document["tables"].items() if rows)
    click.echo(f"Exported {counts} to {file}.")


@click.command("import-all")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_all_command(file: Path) -> None:
    """Restore an export FILE into an empty database (the schema is created first).
    Restored accounts need a new password: `reskill user passwd EMAIL`."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail(f"{file} is not valid JSON: {exc}")
    app = create_app()
    upgrade(app.extensions["reskill_db"].engine)
    with database.standalone_session(app) as session:
        try:
            counts = import_all(session, document)
        except TransferError as exc:
            session.rollback()
            fail(f"{file}: {exc}")
        session.commit()
    click.echo(f"Restored {sum(counts.values())} rows from {file}.")
