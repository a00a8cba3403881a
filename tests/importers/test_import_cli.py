"""``reskill import ...`` and ``reskill similar-roles`` through click's test runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import click
import pytest
from click.testing import CliRunner
from click.testing import Result
from sqlalchemy import Engine
from sqlalchemy import select
from sqlalchemy.orm import Session

import recommender.exposure
from skills_graph import models as m
from web.cli_import import import_group
from web.cli_import import similar_roles

WriteCsv = Callable[[str, list[str], list[list[str]]], Path]
reskill = click.Group("reskill", commands={"import": import_group, "similar-roles": similar_roles})


@pytest.fixture
def url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def run(*args: str) -> Result:
    return CliRunner().invoke(reskill, list(args))


class TestImportCommands:
    def test_onet_import_then_reimport(self, url: str, onet_dir: Path) -> None:
        first = run("import", "onet", str(onet_dir), "--no-exposure", "--database-url", url)
        assert first.exit_code == 0, first.output
        assert "roles: 3 created, 0 updated, 0 unchanged" in first.stdout
        assert "marked unclassified" in first.stderr
        second = run("import", "onet", str(onet_dir), "--no-exposure", "--database-url", url)
        assert "roles: 0 created, 0 updated, 3 unchanged" in second.stdout

    def test_a_bad_row_is_one_line_and_exit_2(self, url: str, onet_dir: Path) -> None:
        path = onet_dir / "Job Zones.txt"
        path.write_text(path.read_text().replace("\t3\t", "\t9\t"))
        result = run("import", "onet", str(onet_dir), "--no-exposure", "--no-progress",
                     "--database-url", url)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1].startswith(
            "Error: Job Zones.txt, line 4, column 'Job Zone': ")
        assert "Traceback" not in result.output
        assert "roles:" not in result.stdout

    def test_an_uninitialised_database(self, tmp_path: Path, esco_dir: Path) -> None:
        result = run("import", "esco", str(esco_dir), "--database-url",
                     f"sqlite:///{tmp_path / 'empty.db'}")
        assert result.exit_code == 2
        assert "run `reskill init` first" in result.stderr

    def test_esco_then_courses_with_unlinked_report(
        self, url: str, esco_dir: Path, csv_file: WriteCsv, tmp_path: Path
    ) -> None:
        assert run("import", "esco", str(esco_dir), "--database-url", url).exit_code == 0
        catalogue = csv_file("partner.csv", ["partner", "course", "skills", "level", "duration"],
                             [["Acme", "Py", "Python Programming, Origami", "Beginner ",
                               " 1 - 3 Months"]])
        report = tmp_path / "unlinked.csv"
        result = run("import", "courses", str(catalogue), "--map", "coursera-partner",
                     "--unlinked", str(report), "--database-url", url)
        assert result.exit_code == 0, result.output
        assert "course skills: 1 created" in result.stdout
        assert report.read_text().splitlines() == ["name,mentions", '"Origami",1']

    def test_courses_with_an_unknown_mapping(self, url: str, csv_file: WriteCsv) -> None:
        catalogue = csv_file("c.csv", ["title"], [["x"]])
        result = run("import", "courses", str(catalogue), "--map", "nope", "--database-url", url)
        assert result.exit_code == 2 and "neither a built-in mapping" in result.stderr

    def test_employees_skip_invalid(self, url: str, csv_file: WriteCsv) -> None:
        path = csv_file("hris.csv", ["employee_id", "name", "email", "manager_id"],
                        [["E1", "Ada", "ada@example.org", ""],
                         ["E2", "Bo", "bo@example.org", "E7"]])
        result = run("import", "employees", str(path), "--skip-invalid", "--database-url", url)
        assert result.exit_code == 0
        assert "employees: 1 created" in result.stdout
        assert "rejected: hris.csv, line 3, column 'manager_id'" in result.stdout


class TestExposureModel:
    def test_the_model_suggests_classes_when_installed(
        self, url: str, onet_dir: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        class FakeModel:
            def predict(self, tasks: list[str], occupation_titles: list[str],
                        role_tasks: list[list[str]]) -> list[SimpleNamespace]:
                assert len(tasks) == len(occupation_titles) == len(role_tasks)
                return [SimpleNamespace(exposure_class="automate", p_automate=0.8, p_augment=0.1,
                                        p_human_led=0.1, details="Automate (80%).")
                        for _ in tasks]

        monkeypatch.setattr(recommender.exposure, "load_model", FakeModel)
        result = run("import", "onet", str(onet_dir), "--database-url", url)
        assert result.exit_code == 0 and "unclassified" not in result.stderr
        with Session(engine) as session:
            assert set(session.scalars(select(m.Task.exposure_source))) == {"model"}

    def test_without_the_model_tasks_are_unclassified(
        self, url: str, onet_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def missing() -> None:
            raise FileNotFoundError("exposure_model.npz")

        monkeypatch.setattr(recommender.exposure, "load_model", missing)
        result = run("import", "onet", str(onet_dir), "--database-url", url)
        assert result.exit_code == 0
        assert "marked unclassified (exposure model not installed)" in result.stderr


class TestSimilarRoles:
    @pytest.fixture(autouse=True)
    def imported(self, url: str, onet_dir: Path) -> None:
        assert run("import", "onet", str(onet_dir), "--no-exposure", "--database-url",
                   url).exit_code == 0

    def test_one_role_as_text_and_json(self, url: str) -> None:
        text = run("similar-roles", "Software Developers", "--top", "1", "--database-url", url)
        assert "Software Quality Assurance Analysts and Testers (onet:15-1253.00)" in text.stdout
        shared = text.stdout.splitlines()[-1]
        assert shared.startswith("       shared: ") and "Programming" in shared
        found = json.loads(run("similar-roles", "onet:15-1252.00", "--top", "2", "--json",
                               "--database-url", url).stdout)
        assert found["similar"] == ["onet:15-1253.00", "onet:29-1141.00"]
        assert "Programming" in found["explained"][0]["shared"]
        assert found["explained"][0]["details"]["skills:onet"] > 0

    def test_all_roles_one_json_line_each(self, url: str) -> None:
        result = run("similar-roles", "--all", "--top", "2", "--json", "--database-url", url)
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        assert [line["role"] for line in lines] == [
            "onet:15-1252.00", "onet:15-1253.00", "onet:29-1141.00"]
        assert all(len(line["similar"]) == 2 for line in lines)

    def test_an_unknown_role(self, url: str) -> None:
        result = run("similar-roles", "onet:15-1252.01", "--database-url", url)
        assert result.exit_code == 2
        assert "did you mean onet:15-1252.00" in result.stderr
