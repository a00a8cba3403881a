"""The ``reskill`` command line through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from click.testing import Result

from web.cli import main

from databases import drop_database
from databases import empty_database


@pytest.fixture()
def run(tiny_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RESKILL_DATABASE_URL", tiny_db_url)
    monkeypatch.setenv("RESKILL_INSTANCE_PATH", str(tmp_path / "instance"))

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args))

    return invoke


class TestInit:
    def test_init_creates_and_seeds_then_is_idempotent(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
    ) -> None:
        url = empty_database(tmp_path)
        request.addfinalizer(lambda: drop_database(url))
        monkeypatch.setenv("RESKILL_DATABASE_URL", url)
        monkeypatch.setenv("RESKILL_INSTANCE_PATH", str(tmp_path / "instance"))
        first = CliRunner().invoke(main, ["init"])
        assert first.exit_code == 0, first.output
        assert "employee:" in first.output and " created" in first.output
        assert "aiko.tanaka@northwind.example  password: northwind-manager (new)" in first.output
        assert "tasks got the exposure model's suggestion; L&D reviews them at /lnd/review" in first.output
        second = CliRunner().invoke(main, ["init"])
        assert second.exit_code == 0
        employees = next(line for line in second.output.splitlines() if line.strip().startswith("employee:"))
        assert "0 created, 0 updated" in employees
        tasks = next(line for line in second.output.splitlines() if line.strip().startswith("task:"))
        assert "0 created, 0 updated" in tasks and "suggestion" not in second.output
        assert "(new)" not in second.output, "existing accounts keep their passwords"
        reset = CliRunner().invoke(main, ["init", "--reset"])
        assert reset.exit_code == 0 and "0 unchanged" in reset.output


class TestTargets:
    def test_json_lists_targets_best_first(self, run) -> None:  # type: ignore[no-untyped-def]
        result = run("targets", "emp:tom-berg", "--json")
        assert result.exit_code == 0, result.output
        ranked = json.loads(result.output)
        assert [r["role"] for r in ranked] == ["role:ai-trainer", "role:client-relations-manager"]
        assert set(ranked[0]) == {"role", "title", "kind", "score", "components", "gap_hours", "reason"}
        assert ranked[0]["gap_hours"] == 10.0 and ranked[0]["score"] >= ranked[1]["score"]

    def test_table_has_reasons(self, run) -> None:  # type: ignore[no-untyped-def]
        result = run("targets", "emp:tom-berg")
        assert result.exit_code == 0 and "AI trainer (role:ai-trainer)" in result.output
        assert "of its work stays human-led" in result.output


class TestPlan:
    def test_json_shape(self, run) -> None:  # type: ignore[no-untyped-def]
        result = run("plan", "emp:tom-berg", "--target", "role:client-relations-manager",
                     "--hours-per-week", "3", "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == {
            "employee": "emp:tom-berg", "target": "role:client-relations-manager",
            "steps": [{"course": "course:listening", "title": "Listening deeply", "hours": 12.0,
                       "closes": {"skill:active-listening": 4},
                       "reason": "Closes the gap in Active listening (0→4, needs 4)."}],
            "total_hours": 12.0, "weeks": 4, "uncovered": {"skill:executive-presence": 4},
        }

    def test_default_target_is_the_top_ranked(self, run) -> None:  # type: ignore[no-untyped-def]
        result = run("plan", "emp:tom-berg")
        assert result.exit_code == 0 and "into AI trainer" in result.output
        assert "Prompting lab (course:prompting-lab)" in result.output

    @pytest.mark.parametrize("args, message", [
        (["plan", "emp:tom-berk"], "unknown employee 'emp:tom-berk'; did you mean emp:tom-berg"),
        (["plan", "emp:tom-berg", "--target", "role:ai-trainr"], "unknown role 'role:ai-trainr'; did you mean role:ai-trainer"),
        (["plan", "emp:tom-berg", "--hours-per-week", "-2"], "--hours-per-week must be a positive number of hours, got -2"),
        (["targets", "nobody"], "unknown employee 'nobody'"),
    ])
    def test_bad_arguments_print_one_line_and_exit_2(self, run, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
        result = run(*args)
        assert result.exit_code == 2
        assert message in result.output and "Traceback" not in result.output
