"""The ``reskill`` command line: thin wrappers whose docstrings are the help texts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy.orm import Session

from recommender.learning_plan import LearningPlan
from skills_graph import models as m
from skills_graph.errors import SkillsGraphError
from skills_graph.errors import UnknownKeyError
from skills_graph.loader import load_seed
from skills_graph.queries import employee_profile
from skills_graph.queries import get_by_key
from skills_graph.queries import load_employee
from skills_graph.records import EmployeeProfile
from skills_graph.schema import upgrade
from web import create_app
from web import database
from web.recommendations import cached_plan
from web.recommendations import ranked_targets


def fail(message: str) -> None:
    """Print one line naming what was wrong and exit with status 2 (bad usage), never a traceback."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@contextmanager
def app_session() -> Iterator[Session]:
    """A database session of the configured app, inside its app context."""
    app = create_app()
    with app.app_context():
        yield database.session()


@click.group()
@click.version_option(package_name="reskill")
def main() -> None:
    """Reskill: see which tasks AI will take, pick a hybrid role, follow the shortest learning plan."""


@main.command()
@click.option("--reset", is_flag=True, help="Drop every table first (all data is lost).")
def init(reset: bool) -> None:
    """Create or upgrade the database schema and load the demo organisation (safe to re-run)."""
    app = create_app()
    with app.app_context():
        engine = app.extensions["reskill_db"].engine
        if reset:
            m.Base.metadata.drop_all(engine)
            with engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade(engine)
        session = database.session()
        try:
            summary = load_seed(session)
        except SkillsGraphError as exc:
            fail(str(exc))
        session.commit()
    for kind, counts in summary.counts.items():
        click.echo(f"{kind:>14}: {counts['created']} created, {counts['updated']} updated, "
                   f"{counts['unchanged']} unchanged")
    click.echo(f"Database ready at {app.config['DATABASE_URL']}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--debug", is_flag=True, help="Flask's development server with reloading.")
def serve(host: str, port: int, debug: bool) -> None:
    """Serve the site."""
    app = create_app()
    app.run(host=host, port=port, debug=debug, use_reloader=debug)


def _profile(session: Session, key: str) -> EmployeeProfile:
    return employee_profile(session, load_employee(session, key))


@main.command()
@click.argument("employee")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def targets(employee: str, as_json: bool) -> None:
    """Rank hybrid and human-centred target roles for EMPLOYEE (a key such as emp:ada-okafor)."""
    with app_session() as session:
        try:
            profile = _profile(session, employee)
        except UnknownKeyError as exc:
            fail(str(exc))
        ranked = ranked_targets(database.graph(), profile)
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in ranked], indent=2))
        return
    click.echo(f"{'#':>2}  {'score':>5}  {'hours':>6}  {'kind':<13}  role")
    for n, rec in enumerate(ranked, start=1):
        click.echo(f"{n:>2}  {rec.score * 100:5.1f}  {rec.gap_hours:6.1f}  {rec.kind:<13}  "
                   f"{rec.title} ({rec.role})")
        click.echo(f"    {rec.reason}")


@main.command()
@click.argument("employee")
@click.option("--target", "target", default=None, help="Target role key; default: the top-ranked.")
@click.option("--hours-per-week", default=4.0, show_default=True, type=float,
              help="Hours of learning a week, for the timeline.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def plan(employee: str, target: str | None, hours_per_week: float, as_json: bool) -> None:
    """Plan the fewest course hours that take EMPLOYEE into a target role, in order."""
    if hours_per_week <= 0:
        fail(f"--hours-per-week must be a positive number of hours, got {hours_per_week:g}")
    with app_session() as session:
        try:
            profile = _profile(session, employee)
            G = database.graph()
            role = get_by_key(session, m.Role, target).key if target else None
        except UnknownKeyError as exc:
            fail(str(exc))
        role = role or ranked_targets(G, profile)[0].role
        result = cached_plan(G, profile, role, hours_per_week)
        title = G.nodes[role]["title"]
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        _print_plan(result, title)


def _print_plan(result: LearningPlan, title: str) -> None:
    click.echo(f"Plan for {result.employee} into {title} ({result.target}): "
               f"{result.total_hours:g} h, {result.weeks} weeks at {result.hours_per_week:g} h/week")
    for n, step in enumerate(result.steps, start=1):
        weeks = f"wk {step.start_week}" + (
            f"-{step.end_week}" if step.end_week > step.start_week else "")
        click.echo(f"{n:>2}. {weeks:<10} {step.hours:5.1f} h  {step.title} ({step.course})")
        click.echo(f"    {step.reason}")
    for skill, level in result.uncovered.items():
        click.echo(f"  uncovered: {skill} to level {level} (no course teaches it)")


def _register_optional() -> None:
    """Commands contributed by the planner, exposure and import modules."""
    from web.cli_solve import solve_command

    main.add_command(solve_command)


_register_optional()
