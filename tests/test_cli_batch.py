"""Whole-organisation planning: ``reskill plan --all``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from web.cli import main


@pytest.fixture()
def env(demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RESKILL_DATABASE_URL", demo_db_url)
    monkeypatch.setenv("RESKILL_INSTANCE_PATH", str(tmp_path / "instance"))
    return tmp_path


def test_plans_every_employee_into_the_target(env: Path) -> None:
    out = env / "plans.jsonl"
    result = CliRunner().invoke(main, ["plan", "--all", "--target", "role:ai-trainer",
                                       "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    plans = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(plans) >= 40 and {p["target"] for p in plans} == {"role:ai-trainer"}
    assert len({p["employee"] for p in plans}) == len(plans)
    one = CliRunner().invoke(main, ["plan", plans[0]["employee"], "--target", "role:ai-trainer", "--json"])
    assert json.loads(one.output) == plans[0]


@pytest.mark.parametrize("args, message", [
    (["plan", "--all", "--out", "x.jsonl"], "--all needs --target ROLE and --out FILE.jsonl"),
    (["plan", "--all", "--target", "role:ai-trainer"], "--all needs --target ROLE and --out FILE.jsonl"),
    (["plan", "--all", "--target", "role:ai-trainr", "--out", "x.jsonl"], "unknown role 'role:ai-trainr'"),
    (["plan"], "give an EMPLOYEE key"),
])
def test_bad_batch_arguments_exit_2(env: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and message in result.output
