"""``reskill import ...`` and ``reskill similar-roles``: thin wrappers around the importers and
the role similarity model, whose docstrings are the help texts.

Every import validates the whole input first and writes in one transaction; a bad row prints
one line naming file, line and column and exits with status 2, with nothing written.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from recommender.similarity import RoleSimilarity
from recommender.similarity import SimilarRole
from skills_graph.db import default_database_url
from skills_graph.db import make_engine
from skills_graph.db import make_session_factory
from skills_graph.errors import SkillsGraphError
from skills_graph.importers.base import ImportSummary
from skills_graph.importers.course_mapping import BUILT_IN
from skills_graph.importers.course_mapping import load_mapping
from skills_graph.importers.courses import import_courses
from skills_graph.importers.employees import import_employees
from skills_graph.importers.esco import import_esco
from skills_graph.importers.exposure import Classifier
from skills_graph.importers.exposure import Exposure
from skills_graph.importers.onet import import_onet
from skills_graph.role_features import read_role_features
from web.cli_errors import fail

EXISTING_DIR = click.Path(exists=True, file_okay=False, path_type=Path)
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def resolve_database_url(option: str | None) -> str:
    """``--database-url``, else ``RESKILL_DATABASE_URL``, else ``reskill.db`` in the instance
    folder (``RESKILL_INSTANCE_PATH``, default ``./instance``)."""
    instance = os.environ.get("RESKILL_INSTANCE_PATH") or Path.cwd() / "instance"
    return option or default_database_url(instance)


@contextmanager
def import_session(url: str) -> Iterator[Session]:
    """A session on an initialised database; the caller commits."""
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table("role"):
            fail(f"no Reskill database at {url}; run `reskill init` first")
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def run_import(url: str, write: Callable[[Session], ImportSummary]) -> ImportSummary:
    """Run one importer in one transaction; bad input ends the command with one line."""
    with import_session(url) as session:
        try:
            summary = write(session)
        except (SkillsGraphError, OSError, UnicodeDecodeError) as exc:
            session.rollback()
            fail(str(exc))
        session.commit()
    for line in summary.lines():
        click.echo(line)
    return summary


def database_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--database-url", default=None, metavar="URL",
                        help="Database to use; default: RESKILL_DATABASE_URL, else "
                             "reskill.db in RESKILL_INSTANCE_PATH or ./instance.")(function)


def input_options(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.option("--skip-invalid", is_flag=True,
                            help="Write the valid rows and list the rejected ones.")(function)
    function = click.option("--no-progress", is_flag=True,
                            help="No progress bar on standard error.")(function)
    return database_option(function)


@click.group("import")
def import_group() -> None:
    """Import public taxonomies (O*NET, ESCO), course catalogues and HRIS exports.

    Imports upsert by key: importing the same file again changes nothing.
    """


def exposure_classifier() -> Classifier | None:
    """The exposure model as a plain callable, or None when it is not installed."""
    try:
        from recommender.exposure import load_model  # optional: needs the trained model file

        model = load_model()
    except (ImportError, OSError, ValueError):
        return None

    def classify(tasks: list[str], titles: list[str], contexts: list[list[str]]) -> list[Exposure]:
        predictions = model.predict(tasks, occupation_titles=titles, role_tasks=contexts)
        return [Exposure(p.exposure_class, p.p_automate, p.p_augment, p.p_human_led,
                         p.details) for p in predictions]

    return classify


@import_group.command("onet")
@click.argument("directory", type=EXISTING_DIR)
@click.option("--no-exposure", is_flag=True, help="Do not classify tasks with the exposure model.")
@input_options
def onet_command(directory: Path, no_exposure: bool, skip_invalid: bool, no_progress: bool,
                 database_url: str | None) -> None:
    """Import an O*NET text release (e.g. db_29_3_text): occupations as roles ``onet:<code>``,
    tasks (Core twice the time of Supplemental), Skills and Knowledge (level 0-7 -> 0-5,
    importance 1-5 -> 0.2-1), hot technologies, and work activities, technologies, work styles,
    job zones, education and titles for role similarity. Tasks get the exposure model's
    *suggested* class, or are marked unclassified when the model is not installed.
    O*NET is by the U.S. Department of Labor/Employment and Training Administration, CC BY 4.0.
    """
    classify = None if no_exposure else exposure_classifier()
    if classify is None:
        click.echo("Tasks will be marked unclassified (exposure model "
                   f"{'skipped' if no_exposure else 'not installed'}).", err=True)
    run_import(resolve_database_url(database_url), lambda session: import_onet(
        session, directory, classify=classify, skip_invalid=skip_invalid,
        progress=not no_progress))


@import_group.command("esco")
@click.argument("directory", type=EXISTING_DIR)
@input_options
def esco_command(directory: Path, skip_invalid: bool, no_progress: bool,
                 database_url: str | None) -> None:
    """Import ESCO v1.1 English CSVs: occupations as roles ``esco:<uuid>``, skills and knowledge
    with labels, alternative labels and descriptions, essential (level 3, importance 1) and
    optional (level 2, importance 0.5) requirements, the skill hierarchy and skill relations.
    ESCO is by the European Commission.
    """
    run_import(resolve_database_url(database_url), lambda session: import_esco(
        session, directory, skip_invalid=skip_invalid, progress=not no_progress))


@import_group.command("courses")
@click.argument("file", type=EXISTING_FILE)
@click.option("--map", "mapping", required=True, metavar="NAME|FILE",
              help=f"Column mapping: one of {', '.join(BUILT_IN)}, or a JSON/YAML file naming "
                   "the column of each field (title, duration, length, provider, level, skills, "
                   "skill_separator, key, url, cost, description).")
@click.option("--unlinked", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write every unlinked skill name with its count to this CSV file.")
@input_options
def courses_command(file: Path, mapping: str, unlinked: Path | None, skip_invalid: bool,
                    no_progress: bool, database_url: str | None) -> None:
    """Import a course catalogue CSV: durations become hours, skill names link to stored skills
    (exact, alternative label, then text similarity), taught at Beginner 2, Intermediate 3,
    Advanced 4, mixed or unknown 2. Names that stay unlinked are reported.
    """
    try:
        column_map = load_mapping(mapping)
    except SkillsGraphError as exc:
        fail(str(exc))
    summary = run_import(resolve_database_url(database_url), lambda session: import_courses(
        session, file, column_map, skip_invalid=skip_invalid, progress=not no_progress))
    if unlinked is not None:
        rows = sorted(summary.unlinked.items(), key=lambda item: (-item[1], item[0]))
        unlinked.write_text("name,mentions\n" + "".join(
            f"{json.dumps(name)},{count}\n" for name, count in rows), encoding="utf-8")


@import_group.command("employees")
@click.argument("file", type=EXISTING_FILE)
@input_options
def employees_command(file: Path, skip_invalid: bool, no_progress: bool,
                      database_url: str | None) -> None:
    """Import an HRIS export CSV with columns employee_id, name, email, role (key or exact
    title), manager_id, hours_per_week, and skill:<skill key> columns holding levels 0-5.
    Unknown roles, managers and skills are reported, never invented.
    """
    run_import(resolve_database_url(database_url), lambda session: import_employees(
        session, file, skip_invalid=skip_invalid, progress=not no_progress))


def role_similarity(session: Session) -> RoleSimilarity:
    """The similarity model of every role in the database. Fitting takes about a second on
    O*NET, so a long-lived process keeps one per graph version (as ``GraphCache`` does)."""
    return RoleSimilarity().fit(read_role_features(session))


def _find_role(model: RoleSimilarity, role: str) -> str:
    if role in model.index_:
        return role
    by_title = [key for key, title in zip(model.keys_, model.titles_, strict=True)
                if title.lower() == role.lower()]
    if len(by_title) == 1:
        return by_title[0]
    close = difflib.get_close_matches(role, model.keys_ + model.titles_, n=3)
    fail(f"unknown role {role!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))


def _explained(found: SimilarRole) -> dict[str, Any]:
    return {"key": found.key, "title": found.title, "score": found.score,
            "shared": list(found.shared), "details": found.details}


@click.command("similar-roles")
@click.argument("role", required=False)
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--all", "every_role", is_flag=True,
              help="Every role: one JSON line per role, {\"role\": key, \"similar\": [keys]}.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@database_option
def similar_roles(role: str | None, top: int, every_role: bool, as_json: bool,
                  database_url: str | None) -> None:
    """The roles most similar to ROLE (a key or exact title), each with the shared skills,
    work activities and technologies that carry the score.
    """
    if (role is None) == (not every_role):
        fail("give a ROLE or --all (not both)")
    with import_session(resolve_database_url(database_url)) as session:
        model = role_similarity(session)
    if every_role:
        best, _scores = model.top(top)
        for row, others in enumerate(best):
            click.echo(json.dumps({"role": model.keys_[row],
                                   "similar": [model.keys_[other] for other in others]}))
        return
    assert role is not None
    key = _find_role(model, role)
    found = model.similar(key, top)
    if as_json:
        click.echo(json.dumps({"role": key, "similar": [f.key for f in found],
                               "explained": [_explained(f) for f in found]}))
        return
    click.echo(f"Roles most similar to {model.titles_[model.index_[key]]} ({key}):")
    for n, other in enumerate(found, start=1):
        click.echo(f"{n:>3}. {other.score:.3f}  {other.title} ({other.key})")
        click.echo(f"       shared: {', '.join(other.shared) or '-'}")
