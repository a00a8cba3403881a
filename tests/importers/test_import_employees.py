"""The HRIS employee importer: roles by key or title, managers later in the file, skill levels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.importers.base import ImportDataError
from skills_graph.importers.employees import import_employees
from skills_graph.versioning import data_version
from skills_graph.versioning import graph_version

Rows = Callable[[type[m.Base]], int]
WriteCsv = Callable[[str, list[str], list[list[str]]], Path]
HEADER = ["employee_id", "name", "email", "role", "manager_id", "skill:skill:sql",
          "skill:onet:2.A.1.a"]


@pytest.fixture
def organisation(session: Session) -> None:
    session.add_all([
        m.Role(key="role:analyst", title="Data Analyst"),
        m.Role(key="onet:15-1252.00", title="Software Developers"),
        m.Skill(key="skill:sql", name="SQL"),
        m.Skill(key="onet:2.A.1.a", name="Reading Comprehension"),
    ])
    session.flush()


def _people(session: Session) -> dict[str, tuple[str | None, str | None]]:
    return {e.key: (e.role.key if e.role else None, e.manager.key if e.manager else None)
            for e in session.scalars(select(m.Employee))}


@pytest.mark.usefixtures("organisation")
class TestEmployees:
    def test_roles_by_key_or_title_and_managers_listed_later(
        self, session: Session, csv_file: WriteCsv
    ) -> None:
        path = csv_file("hris.csv", HEADER, [
            ["E2", "Bo Ng", "bo@example.org", "Data Analyst", "E1", "3", "working"],
            ["E1", "Ada Lee", "ada@example.org", "onet:15-1252.00", "", "", ""],
        ])
        summary = import_employees(session, path)
        assert summary.counts["employees"]["created"] == 2
        assert _people(session) == {"emp:e2": ("role:analyst", "emp:e1"),
                                    "emp:e1": ("onet:15-1252.00", None)}
        bo = session.scalars(select(m.Employee).where(m.Employee.key == "emp:e2")).one()
        assert {(s.skill.key, s.level, s.source) for s in bo.skills} == {
            ("skill:sql", 3, "hris"), ("onet:2.A.1.a", 3, "hris")}

    def test_unknown_role_and_manager_are_reported_not_invented(
        self, session: Session, csv_file: WriteCsv, rows: Rows
    ) -> None:
        path = csv_file("hris.csv", HEADER, [
            ["E1", "Ada Lee", "ada@example.org", "Astronaut", "", "", ""],
            ["E2", "Bo Ng", "bo@example.org", "role:analyst", "E9", "", ""],
        ])
        with pytest.raises(ImportDataError) as caught:
            import_employees(session, path)
        assert [(e.line, e.column) for e in caught.value.errors] == [(2, "role"), (3, "manager_id")]
        assert str(caught.value).startswith("hris.csv, line 2, column 'role': unknown role")
        assert rows(m.Employee) == 0 and rows(m.Role) == 2

    def test_skip_invalid_drops_reports_of_a_rejected_manager(
        self, session: Session, csv_file: WriteCsv, rows: Rows
    ) -> None:
        path = csv_file("hris.csv", HEADER, [
            ["E1", "Ada Lee", "ada@example.org", "Astronaut", "", "", ""],
            ["E2", "Bo Ng", "bo@example.org", "role:analyst", "E1", "", ""],
            ["E3", "Cy Park", "cy@example.org", "", "", "7", ""],
            ["E4", "Di Roy", "di@example.org", "", "", "", ""],
        ])
        summary = import_employees(session, path, skip_invalid=True)
        assert [(e.line, e.column) for e in summary.rejected] == [
            (2, "role"), (4, "skill:skill:sql"), (3, "manager_id")]
        assert set(_people(session)) == {"emp:e4"}

    def test_an_unknown_skill_column_is_an_error(
        self, session: Session, csv_file: WriteCsv
    ) -> None:
        path = csv_file("hris.csv", ["employee_id", "name", "email", "skill:juggling"],
                        [["E1", "Ada Lee", "ada@example.org", "2"]])
        with pytest.raises(ImportDataError, match="line 1, column 'skill:juggling'"):
            import_employees(session, path)

    def test_duplicate_ids_and_emails(self, session: Session, csv_file: WriteCsv) -> None:
        path = csv_file("hris.csv", HEADER, [
            ["E1", "Ada Lee", "ada@example.org", "", "", "", ""],
            ["E1", "Ada Again", "ada2@example.org", "", "", "", ""],
            ["E2", "Bo Ng", "ADA@example.org", "", "", "", ""],
        ])
        with pytest.raises(ImportDataError) as caught:
            import_employees(session, path)
        assert [(e.line, e.column) for e in caught.value.errors] == [(3, "employee_id"),
                                                                     (4, "email")]

    def test_reimport_changes_nothing_and_a_change_is_an_update(
        self, session: Session, csv_file: WriteCsv
    ) -> None:
        row = ["E1", "Ada Lee", "ada@example.org", "role:analyst", "", "2", ""]
        path = csv_file("hris.csv", HEADER, [row])
        import_employees(session, path)
        assert (graph_version(session), data_version(session)) == (0, 1)
        assert not import_employees(session, path).changed()
        assert data_version(session) == 1
        path = csv_file("hris.csv", HEADER, [[*row[:3], "Software Developers", "", "4", ""]])
        summary = import_employees(session, path)
        assert summary.counts["employees"]["updated"] == 1
        assert summary.counts["employee skills"]["updated"] == 1


@pytest.mark.usefixtures("organisation")
def test_a_column_the_export_lacks_leaves_stored_values_alone(
    session: Session, csv_file: WriteCsv
) -> None:
    import_employees(session, csv_file("full.csv", HEADER, [
        ["E1", "Ada Lee", "ada@example.org", "role:analyst", "", "", ""]]))
    summary = import_employees(session, csv_file("names.csv", ["employee_id", "name", "email"], [
        ["E1", "Ada Lee-Smith", "ada@example.org"]]))
    assert summary.counts["employees"]["updated"] == 1
    assert _people(session) == {"emp:e1": ("role:analyst", None)}
