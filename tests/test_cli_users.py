"""``reskill user``: accounts managed from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from click.testing import Result
from sqlalchemy import select

from skills_graph import models as m
from skills_graph.db import make_engine
from skills_graph.db import make_session_factory
from web.cli import main


@pytest.fixture()
def run(tiny_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RESKILL_DATABASE_URL", tiny_db_url)
    monkeypatch.setenv("RESKILL_INSTANCE_PATH", str(tmp_path / "instance"))

    def invoke(*args: str, stdin: str | None = None) -> Result:
        return CliRunner().invoke(main, list(args), input=stdin)

    return invoke


def stored_user(url: str, email: str) -> m.User | None:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        found = session.scalar(select(m.User).where(m.User.email == email))
        if found is not None:
            _ = found.employee
    engine.dispose()
    return found


class TestUserAdd:
    def test_add_with_password_on_stdin_links_the_employee(self, run, tiny_db_url: str) -> None:  # type: ignore[no-untyped-def]
        result = run("user", "add", "Mina.Lee@example.test", "--role", "employee", "--role", "manager",
                     "--employee", "emp:mina-lee", "--password-stdin", stdin="a-long-password\n")
        assert result.exit_code == 0, result.output
        assert "Created mina.lee@example.test (employee,manager), linked to emp:mina-lee" in result.output
        user = stored_user(tiny_db_url, "mina.lee@example.test")
        assert user is not None and user.role_set == {"employee", "manager"}
        assert user.employee is not None and user.employee.key == "emp:mina-lee"
        assert user.password_hash.startswith("scrypt:") and "a-long-password" not in user.password_hash

    def test_password_is_asked_twice(self, run, tiny_db_url: str) -> None:  # type: ignore[no-untyped-def]
        result = run("user", "add", "lnd@example.test", "--role", "lnd",
                     stdin="a-long-password\na-long-password\n")
        assert result.exit_code == 0, result.output
        assert "Password: " in result.output and "Repeat for confirmation: " in result.output
        assert stored_user(tiny_db_url, "lnd@example.test") is not None

    @pytest.mark.parametrize("args, stdin, message", [
        (["nobody", "--role", "lnd"], "a-long-password\n", "email must look like name@example.org, got 'nobody'"),
        (["a@example.test", "--role", "boss"], "a-long-password\n", "role must be one of employee, manager, lnd"),
        (["a@example.test"], "a-long-password\n", "role must be one of"),
        (["a@example.test", "--role", "lnd"], "short\n", "password must have at least 10 characters"),
        (["a@example.test", "--role", "employee", "--employee", "emp:tom-berk"], "a-long-password\n",
         "unknown employee 'emp:tom-berk'; did you mean emp:tom-berg"),
    ])
    def test_bad_input_is_one_line_and_exit_2(self, run, args: list[str], stdin: str, message: str) -> None:  # type: ignore[no-untyped-def]
        result = run("user", "add", *args, "--password-stdin", stdin=stdin)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1
        assert lines[0].startswith("Error: ") and message in lines[0]

    def test_an_email_is_taken_once(self, run) -> None:  # type: ignore[no-untyped-def]
        run("user", "add", "x@example.test", "--role", "lnd", "--password-stdin", stdin="a-long-password\n")
        again = run("user", "add", "X@example.test", "--role", "lnd", "--password-stdin", stdin="a-long-password\n")
        assert again.exit_code == 2 and "already exists" in again.output


class TestUserPasswd:
    def test_passwd_sets_a_new_hash_and_unlocks(self, run, tiny_db_url: str) -> None:  # type: ignore[no-untyped-def]
        run("user", "add", "x@example.test", "--role", "lnd", "--password-stdin", stdin="a-long-password\n")
        before = stored_user(tiny_db_url, "x@example.test")
        result = run("user", "passwd", "x@example.test", "--password-stdin", stdin="another-password\n")
        assert result.exit_code == 0 and "Password changed for x@example.test" in result.output
        after = stored_user(tiny_db_url, "x@example.test")
        assert before is not None and after is not None and after.password_hash != before.password_hash
        assert after.failed_logins == 0 and after.locked_until is None

    def test_unknown_account_is_named(self, run) -> None:  # type: ignore[no-untyped-def]
        result = run("user", "passwd", "ghost@example.test", "--password-stdin", stdin="another-password\n")
        assert result.exit_code == 2 and result.output.strip() == "Error: no account with the email 'ghost@example.test'"
