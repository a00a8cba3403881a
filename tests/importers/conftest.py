"""Fixtures for the importer tests: an empty database per test, and tiny files in the real
O*NET, ESCO, course-catalogue and HRIS formats, written by the tests themselves."""

from __future__ import annotations

import csv
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.db import make_engine
from skills_graph.db import make_session_factory

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
RATING_HEADER = ["O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID", "Scale Name",
                 "Data Value", "N", "Standard Error", "Lower CI Bound", "Upper CI Bound",
                 "Recommend Suppress", "Not Relevant", "Date", "Domain Source"]
DEV, QA, NURSE = "15-1252.00", "15-1253.00", "29-1141.00"
SOFTWARE = "Development environment software"
TITLES = {DEV: "Software Developers", QA: "Software Quality Assurance Analysts and Testers",
          NURSE: "Registered Nurses"}


def shared_data(folder: str) -> Path:
    """A folder of the shared real data, or skip the test saying what is missing."""
    path = SHARED_DATA / folder
    if not path.is_dir():
        pytest.skip(f"real data not present: {path} (see ../shared/data/README.md)")
    return path


def write_table(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n",
                            quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def count(session: Session, model: type[m.Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'reskill.db'}")
    m.Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with make_session_factory(engine)() as session:
        yield session


def _rating(code: str, element: str, name: str, im: float, lv: float) -> list[list[str]]:
    return [
        [code, TITLES[code], element, name, "IM", "Importance", str(im), "8", "0.1", "", "", "N",
         "", "08/2023", "Analyst"],
        [code, TITLES[code], element, name, "LV", "Level", str(lv), "8", "0.1", "", "", "N", "N",
         "08/2023", "Analyst"],
    ]


def write_onet(directory: Path) -> Path:
    """A three-occupation O*NET release in the real tab-delimited format."""
    directory.mkdir(parents=True, exist_ok=True)
    tab = "\t"
    write_table(directory / "Occupation Data.txt", ["O*NET-SOC Code", "Title", "Description"],
                [[code, title, f"{title} do their work."] for code, title in TITLES.items()], tab)
    tasks = [(DEV, 1, "Write and test computer programs.", "Core"),
             (DEV, 2, "Confer with users about software needs.", "Core"),
             (DEV, 3, "Supervise the work of programmers.", "Supplemental"),
             (QA, 4, "Test computer programs and record defects.", "Core"),
             (QA, 5, "Write test plans for software.", "Core"),
             (NURSE, 6, "Monitor patient conditions and record vital signs.", "Core"),
             (NURSE, 7, "Comfort patients and their families.", "")]
    write_table(directory / "Task Statements.txt",
                ["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type",
                 "Incumbents Responding", "Date", "Domain Source"],
                [[c, TITLES[c], str(i), t, kind, "", "08/2023", "Incumbent"]
                 for c, i, t, kind in tasks], tab)
    skills = (_rating(DEV, "2.B.3.e", "Programming", 4.5, 6.3)
              + _rating(QA, "2.B.3.e", "Programming", 3.5, 4.2)
              + _rating(NURSE, "2.B.1.a", "Social Perceptiveness", 4.0, 4.5)
              + _rating(NURSE, "2.B.3.e", "Programming", 1.0, 0.0))
    write_table(directory / "Skills.txt", RATING_HEADER, skills, tab)
    write_table(directory / "Knowledge.txt", RATING_HEADER,
                _rating(DEV, "2.C.3.a", "Computers and Electronics", 4.8, 7.0)
                + _rating(NURSE, "2.C.5.a", "Medicine and Dentistry", 4.2, 5.0), tab)
    write_table(directory / "Technology Skills.txt",
                ["O*NET-SOC Code", "Title", "Example", "Commodity Code", "Commodity Title",
                 "Hot Technology", "In Demand"],
                [[DEV, TITLES[DEV], "Python", "43232402", SOFTWARE, "Y", "Y"],
                 [QA, TITLES[QA], "Python", "43232402", SOFTWARE, "Y", "N"],
                 [QA, TITLES[QA], "Selenium", "43232402", SOFTWARE, "N", "N"]],
                tab)
    write_table(directory / "Tasks to DWAs.txt",
                ["O*NET-SOC Code", "Title", "Task ID", "Task", "DWA ID", "DWA Title", "Date",
                 "Domain Source"],
                [[DEV, TITLES[DEV], "1", "Write", "4.A.3.b.1.I01.D01", "Write code.", "", ""],
                 [QA, TITLES[QA], "4", "Test", "4.A.3.b.1.I01.D02", "Test software.", "", ""]],
                tab)
    write_table(directory / "Job Zones.txt",
                ["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"],
                [[DEV, TITLES[DEV], "4", "", ""], [QA, TITLES[QA], "4", "", ""],
                 [NURSE, TITLES[NURSE], "3", "", ""]], tab)
    write_table(directory / "Alternate Titles.txt",
                ["O*NET-SOC Code", "Title", "Alternate Title", "Short Title", "Source(s)"],
                [[DEV, TITLES[DEV], "Application Developer", "", "08"],
                 [DEV, TITLES[DEV], "Software Engineer", "", "08"],
                 [NURSE, TITLES[NURSE], "Registered Nurse", "RN", "08"]], tab)
    return directory


ESCO = "http://data.europa.eu/esco/"
ESCO_SKILLS = {
    "python": ("skill/11111111-1111-1111-1111-111111111111", "skill/competence", "Python",
               "python programming\npython coding"),
    "sql": ("skill/22222222-2222-2222-2222-222222222222", "knowledge", "SQL",
            "structured query language"),
    "care": ("skill/33333333-3333-3333-3333-333333333333", "skill/competence",
             "provide patient care", "care for patients"),
}
ESCO_OCCUPATIONS = {
    "developer": ("occupation/aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa", "2512", "software developer",
                  "programmer\ncoder"),
    "nurse": ("occupation/bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb", "2221", "nurse responsible for "
              "general care", "general nurse"),
}


def write_esco(directory: Path) -> Path:
    """A small ESCO v1.1 release in the real CSV format (multi-line quoted labels included)."""
    directory.mkdir(parents=True, exist_ok=True)
    write_table(directory / "occupations_en.csv",
                ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels",
                 "hiddenLabels", "status", "modifiedDate", "regulatedProfessionNote",
                 "scopeNote", "definition", "inScheme", "description", "code"],
                [["Occupation", ESCO + uri, isco, label, alt, "", "released", "", "", "", "",
                  "", f"{label} work.", f"{isco}.1"]
                 for uri, isco, label, alt in ESCO_OCCUPATIONS.values()])
    write_table(directory / "skills_en.csv",
                ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel",
                 "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote",
                 "definition", "inScheme", "description"],
                [["KnowledgeSkillCompetence", ESCO + uri, kind, "cross-sector", label, alt, "",
                  "released", "", "", "", "", f"About {label}."]
                 for uri, kind, label, alt in ESCO_SKILLS.values()])
    write_table(directory / "skillGroups_en.csv",
                ["conceptType", "conceptUri", "preferredLabel", "altLabels", "hiddenLabels",
                 "status", "modifiedDate", "scopeNote", "inScheme", "description", "code"],
                [["SkillGroup", ESCO + "skill/99999999-9999-9999-9999-999999999999",
                  "working with computers", "", "", "released", "", "", "", "", "S5"]])
    rel = [[ESCO + ESCO_OCCUPATIONS["developer"][0], "essential", "skill/competence",
            ESCO + ESCO_SKILLS["python"][0]],
           [ESCO + ESCO_OCCUPATIONS["developer"][0], "optional", "knowledge",
            ESCO + ESCO_SKILLS["sql"][0]],
           [ESCO + ESCO_OCCUPATIONS["nurse"][0], "essential", "skill/competence",
            ESCO + ESCO_SKILLS["care"][0]]]
    write_table(directory / "occupationSkillRelations.csv",
                ["occupationUri", "relationType", "skillType", "skillUri"], rel)
    write_table(directory / "skillSkillRelations.csv",
                ["originalSkillUri", "originalSkillType", "relationType", "relatedSkillType",
                 "relatedSkillUri"],
                [[ESCO + ESCO_SKILLS["python"][0], "skill/competence", "optional", "knowledge",
                  ESCO + ESCO_SKILLS["sql"][0]]])
    write_table(directory / "broaderRelationsSkillPillar.csv",
                ["conceptType", "conceptUri", "broaderType", "broaderUri"],
                [["KnowledgeSkillCompetence", ESCO + ESCO_SKILLS["python"][0], "SkillGroup",
                  ESCO + "skill/99999999-9999-9999-9999-999999999999"]])
    write_table(directory / "skillsHierarchy_en.csv",
                ["Level 0 URI", "Level 0 preferred term", "Level 1 URI", "Level 1 preferred term",
                 "Level 2 URI", "Level 2 preferred term", "Level 3 URI", "Level 3 preferred term",
                 "Description", "Scope note", "Level 0 code", "Level 1 code", "Level 2 code",
                 "Level 3 code"],
                [[ESCO + "skill/88888888-8888-8888-8888-888888888888", "skills",
                  ESCO + "skill/99999999-9999-9999-9999-999999999999", "working with computers",
                  "", "", "", "", "", "", "S", "S5", "", ""]])
    return directory


@pytest.fixture
def onet_dir(tmp_path: Path) -> Path:
    return write_onet(tmp_path / "onet")


@pytest.fixture
def esco_dir(tmp_path: Path) -> Path:
    return write_esco(tmp_path / "esco")


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[[str, list[str], list[list[str]]], Path]:
    """Write a CSV (header, rows) into tmp_path and return its path."""

    def write(name: str, header: list[str], rows: list[list[str]]) -> Path:
        return write_table(tmp_path / name, header, rows)

    return write


@pytest.fixture
def rows(session: Session) -> Callable[[type[m.Base]], int]:
    """How many rows a model's table holds, in the test's session."""
    return lambda model: count(session, model)


@pytest.fixture
def real_data() -> Callable[[str], Path]:
    """A folder of ../shared/data, or skip the test with the reason."""
    return shared_data
