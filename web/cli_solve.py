"""``reskill solve``: plan one problem from a JSON file or standard input."""

from __future__ import annotations

import json
from typing import Any

import click

from recommender.planner import PlanProblemError
from recommender.planner import solve


@click.command("solve")
@click.argument("file", default="-")
def solve_command(file: str) -> None:
    """Print the optimal learning plan for the problem in FILE (JSON; '-' reads stdin).

    The problem has "current" and "target" skill levels (0-5), a "courses" catalogue,
    an optional "objective" ("hours" or "cost") and "time_limit_ms". Malformed input
    exits with status 2 and one line naming the course and field.
    """
    try:
        plan = solve(_read(file))
    except (OSError, ValueError) as err:
        # PlanProblemError and JSON decoding errors are both ValueErrors.
        click.echo(f"Error: {_one_line(err, file)}", err=True)
        raise SystemExit(2) from None
    click.echo(json.dumps(plan.to_dict(), indent=2))


def _read(file: str) -> Any:
    with click.open_file(file, "r", encoding="utf-8") as stream:
        return json.load(stream)


def _one_line(err: Exception, file: str) -> str:
    if isinstance(err, PlanProblemError):
        return str(err)
    name = "standard input" if file == "-" else file
    if isinstance(err, OSError):
        return f"cannot read {name}: {err.strerror or err}"
    return f"{name} is not valid JSON: {' '.join(str(err).split())}"
