"""Whole-database export and restore, and schema migrations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect
from sqlalchemy import select

from skills_graph import models as m
from skills_graph.db import make_engine
from skills_graph.db import make_session_factory
from skills_graph.schema import current_revision
from skills_graph.schema import head_revision
from skills_graph.schema import upgrade
from skills_graph.transfer import TransferError
from skills_graph.transfer import export_all
from skills_graph.transfer import import_all
from web.cli import main

from databases import drop_database
from databases import empty_database


@pytest.fixture()
def empty_url(tmp_path: Path) -> Iterator[str]:
    url = empty_database(tmp_path)
    yield url
    drop_database(url)


def run(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RESKILL_DATABASE_URL", url)
    monkeypatch.setenv("RESKILL_INSTANCE_PATH", str(tmp_path / "instance"))
    return CliRunner().invoke(main, list(args))


class TestRoundTrip:
    def test_export_then_restore_is_lossless(
        self, demo_db_url: str, empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        engine = make_engine(demo_db_url)
        with make_session_factory(engine)() as session:
            person = session.scalar(select(m.Employee).order_by(m.Employee.id))
            course = session.scalar(select(m.Course).order_by(m.Course.id))
            assert person is not None and course is not None
            session.add(m.Assignment(employee=person, course=course, notes="by Friday ✓"))
            session.add(m.User(email="lnd@example.test", password_hash="secret-hash", roles="lnd"))
            session.commit()
        engine.dispose()
        export = tmp_path / "export.json"
        result = run(demo_db_url, tmp_path, monkeypatch, "export", str(export))
        assert result.exit_code == 0, result.output
        document = json.loads(export.read_text())
        assert "secret-hash" not in export.read_text()
        assert len(document["tables"]["employee"]) >= 40 and len(document["tables"]["assignment"]) == 1

        restored = run(empty_url, tmp_path, monkeypatch, "import-all", str(export))
        assert restored.exit_code == 0, restored.output
        again = tmp_path / "again.json"
        assert run(empty_url, tmp_path, monkeypatch, "export", str(again)).exit_code == 0
        assert json.loads(again.read_text()) == document

    def test_restore_refuses_a_database_with_data(
        self, demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        export = tmp_path / "export.json"
        assert run(demo_db_url, tmp_path, monkeypatch, "export", str(export)).exit_code == 0
        result = run(demo_db_url, tmp_path, monkeypatch, "import-all", str(export))
        assert result.exit_code == 2 and "the database is not empty" in result.output

    def test_bad_row_names_table_row_and_column_and_writes_nothing(self, empty_url: str) -> None:
        engine = make_engine(empty_url)
        upgrade(engine)
        document = {"format": "reskill-export", "version": 1, "tables": {
            "skill": [{"id": 1, "key": "skill:a", "name": "A", "description": "", "category": "data",
                       "alt_labels": "", "version": 1}],
            "employee_skill": [{"id": 1, "employee_id": 1, "skill_id": 1, "level": 3,
                                "source": "self", "assessed_on": "yesterday"}],
        }}
        with make_session_factory(engine)() as session:
            with pytest.raises(TransferError, match="table 'employee_skill', row 1, column 'assessed_on'"):
                import_all(session, document)
            session.rollback()
            assert export_all(session)["tables"]["skill"] == []
        engine.dispose()

    def test_not_an_export_is_rejected(self, empty_url: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
        bogus = tmp_path / "bogus.json"
        bogus.write_text('{"tables": {}}')
        result = run(empty_url, tmp_path, monkeypatch, "import-all", str(bogus))
        assert result.exit_code == 2 and "not a Reskill export" in result.output
        bogus.write_text("{not json")
        result = run(empty_url, tmp_path, monkeypatch, "import-all", str(bogus))
        assert result.exit_code == 2 and "is not valid JSON" in result.output


class TestMigrations:
    def test_db_upgrade_builds_the_schema_the_models_describe(
        self, empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        result = run(empty_url, tmp_path, monkeypatch, "db", "upgrade")
        assert result.exit_code == 0 and "(was empty)" in result.output
        engine = make_engine(empty_url)
        assert current_revision(engine) == head_revision(engine)
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert tables == set(m.Base.metadata.tables)
        engine.dispose()

    def test_models_and_migrations_agree(self, empty_url: str) -> None:
        from alembic.autogenerate import compare_metadata
        from alembic.runtime.migration import MigrationContext

        engine = make_engine(empty_url)
        upgrade(engine)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), m.Base.metadata)
        engine.dispose()
        assert diff == []
