"""How every ``reskill`` command reports bad input: one line, exit status 2, never a traceback."""

from __future__ import annotations

from typing import NoReturn

import click


def fail(message: str) -> NoReturn:
    """Print ``Error: message`` naming what was wrong and what would be accepted, then exit 2."""
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(2)
