"""``reskill user``: accounts for the site, managed by an administrator on the server."""

from __future__ import annotations

import sys

import click

from skills_graph.accounts import ACCESS_ROLES
from skills_graph.accounts import AccountError
from skills_graph.accounts import add_user
from skills_graph.accounts import check_roles
from skills_graph.accounts import find_user
from skills_graph.accounts import normalise_email
from skills_graph.accounts import set_password
from skills_graph.errors import UnknownKeyError
from web import database
from web.cli_errors import fail


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@click.group("user")
def user_group() -> None:
    """Manage the accounts that sign in to the site."""


@user_group.command("add")
@click.argument("email")
@click.option("--role", "roles", multiple=True,
              help=f"An access role ({', '.join(ACCESS_ROLES)}); repeat for several.")
@click.option("--employee", default=None, help="Link the account to this employee key.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def add_command(email: str, roles: tuple[str, ...], employee: str | None,
                password_stdin: bool) -> None:
    """Create an account for EMAIL with one or more roles (employee, manager, lnd)."""
    try:
        normalise_email(email)
        check_roles(list(roles))
    except AccountError as exc:
        fail(str(exc))
    password = _read_password(password_stdin)
    with database.standalone_session() as session:
        try:
            user = add_user(session, email, password, roles, employee)
        except (AccountError, UnknownKeyError) as exc:
            fail(str(exc))
        session.commit()
        click.echo(f"Created {user.email} ({user.roles})"
                   + (f", linked to {employee}" if employee else ""))


@user_group.command("passwd")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def passwd_command(email: str, password_stdin: bool) -> None:
    """Set a new password for EMAIL (this also unlocks the account)."""
    with database.standalone_session() as session:
        user = find_user(session, email)
        if user is None:
            fail(f"no account with the email {email!r}")
        assert user is not None
        password = _read_password(password_stdin)
        try:
            set_password(session, user, password)
        except AccountError as exc:
            fail(str(exc))
        session.commit()
    click.echo(f"Password changed for {user.email}")
