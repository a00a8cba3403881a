"""Course catalogues: durations, mappings, skill linking and the import itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.importers.base import ImportDataError
from skills_graph.importers.course_mapping import MappingError
from skills_graph.importers.course_mapping import load_mapping
from skills_graph.importers.courses import course_level
from skills_graph.importers.courses import import_courses
from skills_graph.importers.durations import DurationError
from skills_graph.importers.durations import duration_hours
from skills_graph.importers.text_match import SkillMatcher

Rows = Callable[[type[m.Base]], int]
WriteCsv = Callable[[str, list[str], list[list[str]]], Path]
SUBJECT_HEADER = ["Subject", "Title", "Institution", "Learning Product", "Level", "Duration",
                  "Gained Skills", "Rate", "Reviews"]


class TestDurations:
    @pytest.mark.parametrize(("written", "hours"), [
        ("Less Than 2 Hours", 2.0), ("1 - 4 Weeks", 25.0), (" 1 - 3 Months", 86.7),
        (" 3 - 6 Months", 195.0), ("6 - 12 Months", 390.0), (" 1 - 4 Years", 1300.0),
        (" 4 meses", 173.3), (" 24 meses.", 1040.0), (" 3 \u2013 6 years", 2340.0),
        (" 4-6 months to complete", 216.7), (" 18 a 24 meses", 910.0), (" 2 or 3 years", 1300.0),
        (" 2 to 4 years depending on beginning credits and course load", 1560.0),
        ("39.0", 39.0), ("1.5", 1.5), ("90 minutes", 1.5),
    ])
    def test_written_forms(self, written: str, hours: float) -> None:
        assert duration_hours(written) == hours

    def test_weekly_effort_times_length(self) -> None:
        assert duration_hours("2\u20133 hours per week", "6 Weeks") == 15.0
        with pytest.raises(DurationError, match="per week; the course needs a length"):
            duration_hours("15+ hours of study/wk per course")

    @pytest.mark.parametrize("written", ["None", "", "soon", "0.0", "3 fortnights"])
    def test_what_is_not_a_duration(self, written: str) -> None:
        with pytest.raises(DurationError):
            duration_hours(written)


@pytest.mark.parametrize(("written", "expected"), [
    ("Beginner", ("beginner", 2)), ("Introductory", ("beginner", 2)),
    ("Intermediate ", ("intermediate", 3)), ("Advanced", ("advanced", 4)),
    ("Expert Level", ("advanced", 4)), ("Mixed", ("mixed", 2)), ("All Levels", ("mixed", 2)),
    ("", ("mixed", 2)),
])
def test_course_levels(written: str, expected: tuple[str, int]) -> None:
    assert course_level(written) == expected


class TestMatcher:
    SKILLS = [("s:excel", "use spreadsheets software", "Microsoft Excel\nspreadsheets"),
              ("s:python", "Python (computer programming)", "Python"),
              ("s:negotiate", "negotiate contracts", "")]

    def test_exact_name_then_alternative_label(self) -> None:
        matcher = SkillMatcher(self.SKILLS)
        assert matcher.link(["Use Spreadsheets Software", "microsoft excel"]) == {
            "Use Spreadsheets Software": "s:excel", "microsoft excel": "s:excel"}

    def test_similar_text_above_the_threshold_only(self) -> None:
        matcher = SkillMatcher(self.SKILLS)
        linked = matcher.link(["Negotiate contract", "Python computer programing", "Knitting"])
        assert linked == {"Negotiate contract": "s:negotiate",
                          "Python computer programing": "s:python"}


def _catalogue(csv_file: WriteCsv) -> Path:
    return csv_file("subjects.csv", SUBJECT_HEADER, [
        ["Data", "Excel Basics", "Acme", "Course", "Beginner", "1 - 4 Weeks",
         "Microsoft Excel, Knitting", "4.5", "100"],
        ["Business", "Excel Basics", "Acme", "Course", "Beginner", "1 - 4 Weeks",
         "Negotiate contract", "4.5", "100"],
        ["Data", "Advanced Python", "Acme", "Course", "Advanced", "Less Than 2 Hours",
         "Python", "4.8", "10"],
    ])


def _seed_skills(session: Session) -> None:
    for key, name, alt in TestMatcher.SKILLS:
        session.add(m.Skill(key=key, name=name, alt_labels=alt))
    session.flush()


class TestImport:
    def test_courses_hours_and_taught_levels(
        self, session: Session, csv_file: WriteCsv, rows: Rows
    ) -> None:
        _seed_skills(session)
        summary = import_courses(session, _catalogue(csv_file), load_mapping("coursera-subject"))
        assert summary.counts["courses"]["created"] == 2  # the repeated listing is one course
        excel = session.scalars(select(m.Course).where(m.Course.title == "Excel Basics")).one()
        assert (excel.key, excel.hours) == ("course:acme-excel-basics", 25.0)
        assert {(t.skill.key, t.level) for t in excel.teaches} == {
            ("s:excel", 2), ("s:negotiate", 2)}
        python = session.scalars(select(m.Course).where(m.Course.title == "Advanced Python")).one()
        assert [(t.skill.key, t.level) for t in python.teaches] == [("s:python", 4)]
        assert summary.unlinked == {"Knitting": 1}
        assert any("Knitting (1)" in note for note in summary.notes)

    def test_a_bad_duration_names_its_line_and_writes_nothing(
        self, session: Session, csv_file: WriteCsv, rows: Rows
    ) -> None:
        path = csv_file("bad.csv", SUBJECT_HEADER, [
            ["Data", "A", "Acme", "Course", "Beginner", "2 hours", "", "", ""],
            ["Data", "B", "Acme", "Course", "Beginner", "someday", "", "", ""],
        ])
        with pytest.raises(ImportDataError, match=r"bad.csv, line 3, column 'Duration': 'someday'"):
            import_courses(session, path, load_mapping("coursera-subject"))
        assert rows(m.Course) == 0
        summary = import_courses(session, path, load_mapping("coursera-subject"),
                                 skip_invalid=True)
        assert rows(m.Course) == 1 and len(summary.rejected) == 1

    def test_a_declared_mapping_file(
        self, session: Session, csv_file: WriteCsv, tmp_path: Path
    ) -> None:
        _seed_skills(session)
        path = csv_file("own.csv", ["id", "name", "effort", "weeks", "topics"],
                        [["42", "Contracts 101", "3 hours per week", "4 Weeks",
                          "negotiate contracts; python"]])
        mapping = tmp_path / "mapping.json"
        mapping.write_text(json.dumps({"key": "id", "title": "name", "duration": "effort",
                                       "length": "weeks", "skills": "topics",
                                       "skill_separator": ";"}))
        import_courses(session, path, load_mapping(str(mapping)))
        course = session.scalars(select(m.Course)).one()
        assert (course.key, course.hours, course.difficulty) == ("course:42", 12.0, "mixed")
        assert {t.skill.key for t in course.teaches} == {"s:negotiate", "s:python"}

    def test_reimport_changes_nothing(self, session: Session, csv_file: WriteCsv) -> None:
        _seed_skills(session)
        path = _catalogue(csv_file)
        import_courses(session, path, load_mapping("coursera-subject"))
        assert not import_courses(session, path, load_mapping("coursera-subject")).changed()


def test_an_unknown_mapping_says_what_exists(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="coursera-subject"):
        load_mapping("nope")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Name\n")
    with pytest.raises(MappingError, match="bad.yaml: field 'duration'"):
        load_mapping(str(bad))
