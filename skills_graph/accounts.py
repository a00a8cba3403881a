"""Accounts: who may sign in, with which access roles, and the demo organisation's accounts.

Every function takes a ``Session`` first and never commits. Passwords are stored as werkzeug
hashes only; failed sign-ins lock an account for a growing interval.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from skills_graph import models as m
from skills_graph.errors import SkillsGraphError
from skills_graph.queries import get_by_key

ACCESS_ROLES = ("employee", "manager", "lnd")
PASSWORD_METHOD = "scrypt"
MIN_PASSWORD_LENGTH = 10
FREE_ATTEMPTS = 5
"""Failed sign-ins allowed before the account locks."""
MAX_LOCK_MINUTES = 60
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(SkillsGraphError, ValueError):
    """Bad account input; the message names the value and what would be accepted."""


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    roles: tuple[str, ...]
    employee: str | None


DEMO_ACCOUNTS = (
    DemoAccount("lucia.ferreira@northwind.example", "northwind-employee", ("employee",),
                "emp:lucia-ferreira"),
    DemoAccount("aiko.tanaka@northwind.example", "northwind-manager", ("employee", "manager"),
                "emp:aiko-tanaka"),
    DemoAccount("isabel.navarro@northwind.example", "northwind-lnd", ("employee", "lnd"),
                "emp:isabel-navarro"),
)
"""One employee, their manager, and an L&D admin in HR; the passwords are public on purpose."""


def normalise_email(email: str) -> str:
    """The email as stored and looked up: trimmed and lower-case, or AccountError."""
    cleaned = email.strip().lower()
    if not EMAIL.match(cleaned):
        raise AccountError(f"email must look like name@example.org, got {email!r}")
    return cleaned


def check_roles(roles: list[str] | tuple[str, ...]) -> str:
    """The roles as stored (comma-separated, in canonical order), or AccountError."""
    unknown = [r for r in roles if r not in ACCESS_ROLES]
    if unknown or not roles:
        raise AccountError(f"role must be one of {', '.join(ACCESS_ROLES)}, got {unknown or roles!r}")
    return ",".join(r for r in ACCESS_ROLES if r in roles)


def check_password_strength(password: str) -> None:
    """AccountError unless the password is long enough to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must have at least {MIN_PASSWORD_LENGTH} characters, "
                           f"got {len(password)}")


def find_user(session: Session, email: str) -> m.User | None:
    """The user with ``email`` (any case), or None."""
    return session.scalar(select(m.User).where(func.lower(m.User.email) == email.strip().lower()))


def add_user(
    session: Session, email: str, password: str, roles: list[str] | tuple[str, ...],
    employee_key: str | None = None, method: str = PASSWORD_METHOD,
) -> m.User:
    """Create an account; AccountError for a taken email, bad roles or a short password."""
    address = normalise_email(email)
    stored_roles = check_roles(roles)
    check_password_strength(password)
    if find_user(session, address) is not None:
        raise AccountError(f"an account with the email {address!r} already exists")
    employee = get_by_key(session, m.Employee, employee_key) if employee_key else None
    user = m.User(email=address, password_hash=generate_password_hash(password, method=method),
                  roles=stored_roles, employee=employee)
    session.add(user)
    return user


def set_password(session: Session, user: m.User, password: str,
                 method: str = PASSWORD_METHOD) -> None:
    """Replace the password (which also signs out the account's other sessions) and unlock."""
    check_password_strength(password)
    user.password_hash = generate_password_hash(password, method=method)
    user.failed_logins = 0
    user.locked_until = None


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash("not-a-real-password", method=PASSWORD_METHOD)


def lock_minutes(failed_logins: int) -> int:
    """How long an account stays locked after ``failed_logins`` failures in a row (0: not locked).

    >>> [lock_minutes(n) for n in (4, 5, 6, 7, 20)]
    [0, 1, 2, 4, 60]
    """
    if failed_logins < FREE_ATTEMPTS:
        return 0
    return min(2 ** (failed_logins - FREE_ATTEMPTS), MAX_LOCK_MINUTES)


def authenticate(session: Session, email: str, password: str,
                 now: dt.datetime | None = None) -> m.User | None:
    """The active user if ``password`` is right and the account is not locked, else None.

    An unknown email costs the same hash check as a wrong password, so timing does not tell
    which accounts exist. Failures are counted on the account; the caller commits.
    """
    now = now or m.utcnow()
    user = find_user(session, email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    correct = check_password_hash(user.password_hash, password)
    if user.locked_until is not None and user.locked_until > now:
        return None
    if not correct or not user.active:
        user.failed_logins += 1
        minutes = lock_minutes(user.failed_logins)
        user.locked_until = now + dt.timedelta(minutes=minutes) if minutes else None
        return None
    user.failed_logins = 0
    user.locked_until = None
    return user


def seed_demo_accounts(session: Session, method: str = PASSWORD_METHOD) -> list[DemoAccount]:
    """Create the demo accounts that are missing (existing ones keep their passwords)."""
    created = []
    for account in DEMO_ACCOUNTS:
        if find_user(session, account.email) is None:
            add_user(session, account.email, account.password, account.roles, account.employee,
                     method=method)
            created.append(account)
    return created
