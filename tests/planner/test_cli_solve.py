"""``reskill solve`` as a user runs it: JSON in, JSON or one error line out."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from web.cli_solve import solve_command

PROBLEM = {"current": {"a": 1}, "target": {"a": 3}, "courses": [
    {"id": "big", "hours": 9, "teaches": {"a": 3}},
    {"id": "step", "hours": 4, "teaches": {"a": 3}, "requires": {"a": 1}}]}


class TestSolveCommand:
    def test_reads_stdin_and_prints_the_plan(self) -> None:
        result = CliRunner().invoke(solve_command, [], input=json.dumps(PROBLEM))
        assert result.exit_code == 0
        answer = json.loads(result.output)
        assert answer["courses"] == ["step"] and answer["status"] == "optimal"

    def test_reads_a_file(self, tmp_path: Path) -> None:
        path = tmp_path / "problem.json"
        path.write_text(json.dumps(PROBLEM))
        result = CliRunner().invoke(solve_command, [str(path)])
        assert result.exit_code == 0 and json.loads(result.output)["total_hours"] == 4

    def test_malformed_course_is_one_error_line(self) -> None:
        bad = {**PROBLEM, "courses": [{"id": "c7", "hours": -3, "teaches": {"a": 1}}]}
        result = CliRunner().invoke(solve_command, ["-"], input=json.dumps(bad))
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [
            'Error: course "c7": field "hours" must be >= 0, got -3']

    def test_invalid_json_is_one_error_line(self) -> None:
        result = CliRunner().invoke(solve_command, ["-"], input="{not json")
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: standard input is not valid JSON")

    def test_missing_file_is_one_error_line(self, tmp_path: Path) -> None:
        result = CliRunner().invoke(solve_command, [str(tmp_path / "nope.json")])
        assert result.exit_code == 2
        assert len(result.output.strip().splitlines()) == 1
        assert result.output.startswith("Error: cannot read")

    def test_help_is_the_docstring(self) -> None:
        result = CliRunner().invoke(solve_command, ["--help"])
        assert "Print the optimal learning plan" in result.output
