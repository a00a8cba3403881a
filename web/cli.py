"""The ``reskill`` command line: thin wrappers whose docstrings are the help texts."""

from __future__ import annotations

import json
from pathlib import Path

import click
from sqlalchemy.orm import Session

from recommender.learning_plan import LearningPlan
from recommender.learning_plan import explain_plan
from recommender.learning_plan import planning_problem
from recommender.planner import solve_many
from skills_graph import models as m
from skills_graph.accounts import DEMO_ACCOUNTS
from skills_graph.accounts import seed_demo_accounts
from skills_graph.errors import SkillsGraphError
from skills_graph.errors import UnknownKeyError
from skills_graph.loader import load_seed
from skills_graph.queries import all_profiles
from skills_graph.queries import employee_profile
from skills_graph.queries import get_by_key
from skills_graph.queries import load_employee
from skills_graph.records import EmployeeProfile
from skills_graph.schema import upgrade
from web import create_app
from web import database
from web.cli_errors import fail
from web.exposure_suggest import suggest_unclassified
from web.recommendations import cached_plan
from web.recommendations import ranked_targets
from web.serving import serve_production


@click.group()
@click.version_option(package_name="reskill")
def main() -> None:
    """Reskill: see which tasks AI will take, pick a hybrid role, follow the shortest learning plan."""


@main.command()
@click.option("--reset", is_flag=True, help="Drop every table first (all data is lost).")
def init(reset: bool) -> None:
    """Create or upgrade the database schema and load the demo organisation (safe to re-run)."""
    app = create_app()
    engine = app.extensions["reskill_db"].engine
    with database.standalone_session(app) as session:
        if reset:
            m.Base.metadata.drop_all(engine)
            with engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade(engine)
        try:
            summary = load_seed(session)
            created = seed_demo_accounts(session)
        except SkillsGraphError as exc:
            fail(str(exc))
        suggested = suggest_unclassified(session)
        session.commit()
    for kind, counts in summary.counts.items():
        click.echo(f"{kind:>14}: {counts['created']} created, {counts['updated']} updated, "
                   f"{counts['unchanged']} unchanged")
    if suggested:
        click.echo(f"{suggested} tasks got the exposure model's suggestion; L&D reviews them at "
                   "/lnd/review")
    click.echo(f"Database ready at {engine.url.render_as_string(hide_password=True)}")
    click.echo("Demo accounts (sign in at /auth/login; existing accounts keep their passwords):")
    for account in DEMO_ACCOUNTS:
        new = " (new)" if account in created else ""
        click.echo(f"  {'+'.join(account.roles):<17} {account.email}  password: "
                   f"{account.password}{new}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="gunicorn worker processes.")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Threads per gunicorn worker.")
@click.option("--debug", is_flag=True, help="Flask's development server with reloading instead.")
def serve(host: str, port: int, workers: int, threads: int, debug: bool) -> None:
    """Serve the site with gunicorn (or Flask's development server with --debug)."""
    app = create_app()
    if debug:
        app.run(host=host, port=port, debug=True, use_reloader=True, use_debugger=False)
    else:
        serve_production(app, host, port, workers, threads)


def _profile(session: Session, key: str) -> EmployeeProfile:
    return employee_profile(session, load_employee(session, key))


@main.command()
@click.argument("employee")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def targets(employee: str, as_json: bool) -> None:
    """Rank hybrid and human-centred target roles for EMPLOYEE (a key such as emp:ada-okafor)."""
    with database.standalone_session() as session:
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
@click.argument("employee", required=False)
@click.option("--target", "target", default=None, help="Target role key; default: the top-ranked.")
@click.option("--hours-per-week", default=4.0, show_default=True, type=float,
              help="Hours of learning a week, for the timeline.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--all", "everyone", is_flag=True,
              help="Plan every employee into --target, writing JSON lines to --out.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="With --all: the JSON-lines file to write.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="With --all: processes to solve with.")
@click.option("--time-limit-ms", default=50, show_default=True, type=click.IntRange(1, 600_000),
              help="With --all: solver time per distinct gap; a plan still more than 5% "
                   "above its proven bound gets up to 8 times as long.")
def plan(employee: str | None, target: str | None, hours_per_week: float, as_json: bool,
         everyone: bool, out: Path | None, workers: int, time_limit_ms: int) -> None:
    """Plan the fewest course hours that take EMPLOYEE into a target role, in order.

    With --all --target ROLE --out FILE.jsonl, plan every employee at once (identical gaps are
    solved once, on all cores) and write one JSON plan per line.
    """
    if hours_per_week <= 0:
        fail(f"--hours-per-week must be a positive number of hours, got {hours_per_week:g}")
    if everyone:
        _plan_everyone(employee, target, hours_per_week, out, workers, time_limit_ms)
        return
    if employee is None:
        fail("give an EMPLOYEE key (e.g. emp:ada-okafor), or --all --target ROLE --out FILE")
    with database.standalone_session() as session:
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


def _plan_everyone(employee: str | None, target: str | None, hours_per_week: float,
                   out: Path | None, workers: int, time_limit_ms: int) -> None:
    if employee is not None:
        fail(f"--all plans everyone: drop the EMPLOYEE argument {employee!r}")
    if target is None or out is None:
        fail("--all needs --target ROLE and --out FILE.jsonl")
    with database.standalone_session() as session:
        try:
            role = get_by_key(session, m.Role, target).key
        except UnknownKeyError as exc:
            fail(str(exc))
        profiles = all_profiles(session)
        G = database.graph()
    problems = [planning_problem(G, p, role) | {"time_limit_ms": time_limit_ms} for p in profiles]
    plans = solve_many(problems, workers=workers, progress=True)
    total = 0.0
    with out.open("w", encoding="utf-8") as stream:
        for profile, problem, result in zip(profiles, problems, plans, strict=True):
            explained = explain_plan(G, problem, result, profile, role, hours_per_week)
            stream.write(json.dumps(explained.to_dict()) + "\n")
            total += explained.total_hours
    click.echo(f"Wrote {len(profiles)} plans into {G.nodes[role]['title']} to {out} "
               f"({total:,.0f} course hours in all).")


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
    from web.cli_admin import db_group
    from web.cli_admin import export_command
    from web.cli_admin import import_all_command
    from web.cli_exposure import exposure
    from web.cli_import import import_group
    from web.cli_import import similar_roles
    from web.cli_solve import solve_command
    from web.cli_users import user_group

    for command in (solve_command, db_group, export_command, import_all_command, user_group,
                    import_group, similar_roles, exposure):
        main.add_command(command)


_register_optional()
