"""The importers and role similarity on the real releases in ../shared/data (skipped without).

Each release is imported once per module; the whole file runs in well under a minute.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from recommender.similarity import RoleSimilarity
from skills_graph import models as m
from skills_graph.db import make_engine
from skills_graph.importers.base import ImportDataError
from skills_graph.importers.base import ImportSummary
from skills_graph.importers.course_mapping import load_mapping
from skills_graph.importers.courses import import_courses
from skills_graph.importers.esco import import_esco
from skills_graph.importers.onet import import_onet
from skills_graph.role_features import read_role_features

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _real(folder: str) -> Path:
    path = SHARED_DATA / folder
    if not path.is_dir():
        pytest.skip(f"real data not present: {path} (see ../shared/data/README.md)")
    return path


def _engine(directory: Path) -> Engine:
    engine = make_engine(f"sqlite:///{directory / 'reskill.db'}")
    m.Base.metadata.create_all(engine)
    return engine


@pytest.fixture(scope="module")
def onet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, ImportSummary]]:
    source = _real("onet-29.3")
    engine = _engine(tmp_path_factory.mktemp("onet"))
    with Session(engine) as session:
        summary = import_onet(session, source)
        session.commit()
    yield engine, summary
    engine.dispose()


@pytest.fixture(scope="module")
def esco(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, ImportSummary]]:
    source = _real("esco-1.1.1")
    engine = _engine(tmp_path_factory.mktemp("esco"))
    with Session(engine) as session:
        summary = import_esco(session, source)
        session.commit()
    yield engine, summary
    engine.dispose()


def _count(session: Session, model: type[m.Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


class TestOnet:
    def test_counts(self, onet: tuple[Engine, ImportSummary]) -> None:
        engine, summary = onet
        assert summary.counts["roles"]["created"] == 1016
        assert summary.counts["tasks"]["created"] == 18796
        assert summary.rejected == []
        with Session(engine) as session:
            keys = set(session.scalars(select(m.Skill.key)))
        assert {"onet:2.A.1.a", "onet:2.C.3.a", "onet-tech:python"} <= keys
        assert sum(key.startswith("onet:2.") for key in keys) == 35 + 33

    def test_a_rating_as_published(self, onet: tuple[Engine, ImportSummary]) -> None:
        with (_real("onet-29.3") / "Skills.txt").open(encoding="utf-8") as handle:
            ratings = {(r["Scale ID"]): float(r["Data Value"]) for r in csv.DictReader(
                handle, delimiter="\t") if r["O*NET-SOC Code"] == "15-1251.00"
                and r["Element ID"] == "2.B.3.e"}
        with Session(onet[0]) as session:
            level, importance = session.execute(
                select(m.RoleSkill.level, m.RoleSkill.importance).join(m.Role).join(m.Skill)
                .where(m.Role.key == "onet:15-1251.00", m.Skill.key == "onet:2.B.3.e")).one()
        assert level == round(ratings["LV"] * 5 / 7)
        assert importance == pytest.approx(ratings["IM"] / 5)

    def test_shares_sum_to_100_per_role(self, onet: tuple[Engine, ImportSummary]) -> None:
        with Session(onet[0]) as session:
            totals = session.scalars(select(func.sum(m.Task.share)).group_by(m.Task.role_id)).all()
        assert len(totals) == 923
        assert all(total == pytest.approx(100, abs=1e-3) for total in totals)

    def test_reimport_changes_nothing(self, onet: tuple[Engine, ImportSummary]) -> None:
        with Session(onet[0]) as session:
            summary = import_onet(session, _real("onet-29.3"))
            assert not summary.changed()
            session.rollback()

    def test_similar_roles(self, onet: tuple[Engine, ImportSummary]) -> None:
        with Session(onet[0]) as session:
            model = RoleSimilarity().fit(read_role_features(session))
        best, _ = model.top(10)
        assert best.shape == (1016, 10)
        nurses = [found.title for found in model.similar("onet:29-1141.00", top=5)]
        assert sum("Nurse" in title for title in nurses) >= 4
        scientist = model.similar("onet:15-2051.00", top=10)
        assert "onet:15-2041.00" in [found.key for found in scientist]  # Statisticians
        assert all(found.shared for found in scientist)


class TestEsco:
    def test_counts_and_release_gaps(self, esco: tuple[Engine, ImportSummary]) -> None:
        _, summary = esco
        assert summary.counts["roles"]["created"] == 3007
        assert summary.counts["skills"]["created"] == 13896 + 640
        assert summary.counts["role skills"]["created"] == 123855 - 67
        assert any("skipped 67 rows" in note for note in summary.notes)

    def test_reimport_changes_nothing(self, esco: tuple[Engine, ImportSummary]) -> None:
        with Session(esco[0]) as session:
            assert not import_esco(session, _real("esco-1.1.1")).changed()
            session.rollback()

    def test_course_catalogues(self, esco: tuple[Engine, ImportSummary]) -> None:
        catalogues = _real("course-catalogs")
        with Session(esco[0]) as session:
            subject = import_courses(session, catalogues / "coursera_subject_skills_3404.csv",
                                     load_mapping("coursera-subject"))
            assert subject.counts["courses"]["created"] > 2500
            assert subject.counts["course skills"]["created"] > 5000
            with pytest.raises(ImportDataError, match="line 62, column 'duration'"):
                import_courses(session, catalogues / "coursera_partner_skills_1139.csv",
                               load_mapping("coursera-partner"))
            partner = import_courses(session, catalogues / "coursera_partner_skills_1139.csv",
                                     load_mapping("coursera-partner"), skip_invalid=True)
            assert len(partner.rejected) == 3
            edx = import_courses(session, catalogues / "edx_courses.csv", load_mapping("edx"))
            assert edx.rejected == [] and _count(session, m.Course) > 4000
            session.rollback()
