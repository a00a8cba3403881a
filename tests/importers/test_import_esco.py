"""The ESCO importer on a small release in the real CSV format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import aliased

from skills_graph import models as m
from skills_graph.importers.base import ImportDataError
from skills_graph.importers.esco import import_esco

Rows = Callable[[type[m.Base]], int]
DEVELOPER = "esco:aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"
PYTHON = "esco:11111111-1111-1111-1111-111111111111"
SQL = "esco:22222222-2222-2222-2222-222222222222"


def _skill(session: Session, key: str) -> m.Skill:
    skill = session.scalar(select(m.Skill).where(m.Skill.key == key))
    assert skill is not None
    return skill


def _relations(session: Session) -> set[tuple[str, str, str]]:
    source, target = aliased(m.Skill), aliased(m.Skill)
    return set(session.execute(
        select(source.key, target.key, m.SkillRelation.relation)
        .join(source, m.SkillRelation.source_id == source.id)
        .join(target, m.SkillRelation.target_id == target.id)).all())


def test_occupations_skills_and_requirements(session: Session, esco_dir: Path, rows: Rows) -> None:
    import_esco(session, esco_dir)
    assert rows(m.Role) == 2 and rows(m.Skill) == 4  # three skills and one skill group
    developer = session.scalars(select(m.Role).where(m.Role.key == DEVELOPER)).one()
    assert developer.title == "software developer"
    assert developer.alt_titles == "programmer\ncoder"
    levels = {r.skill.key: (r.level, r.importance) for r in developer.requirements}
    assert levels == {PYTHON: (3, 1.0), SQL: (2, 0.5)}


def test_labels_descriptions_and_categories(session: Session, esco_dir: Path) -> None:
    import_esco(session, esco_dir)
    python = _skill(session, PYTHON)
    assert python.alt_labels == "python programming\npython coding"
    assert python.description == "About Python."
    assert python.category == "technology"  # under "working with computers" (S5)
    assert _skill(session, SQL).category == "knowledge"


def test_hierarchy_and_skill_relations_are_kept(session: Session, esco_dir: Path) -> None:
    import_esco(session, esco_dir)
    assert _relations(session) == {
        (PYTHON, "esco:99999999-9999-9999-9999-999999999999", "broader"),
        (PYTHON, SQL, "optional"),
    }


def test_isco_groups_become_role_features(session: Session, esco_dir: Path) -> None:
    import_esco(session, esco_dir)
    features = set(session.scalars(select(m.RoleFeature.feature).join(m.Role)
                                   .where(m.Role.key == DEVELOPER)))
    assert features == {"isco-major:2", "isco-sub-major:25", "isco-minor:251", "isco-unit:2512"}


def test_a_bad_relation_type_names_its_line_and_writes_nothing(
    session: Session, esco_dir: Path, rows: Rows
) -> None:
    path = esco_dir / "occupationSkillRelations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",optional,", ",maybe,"),
                    encoding="utf-8")
    with pytest.raises(ImportDataError,
                       match=r"occupationSkillRelations.csv, line 3, column 'relationType'"):
        import_esco(session, esco_dir)
    assert rows(m.Role) == 0 and rows(m.Skill) == 0


def test_relations_to_undefined_concepts_are_skipped_and_reported(
    session: Session, esco_dir: Path, rows: Rows
) -> None:
    path = esco_dir / "occupationSkillRelations.csv"
    ghost = "http://data.europa.eu/esco/occupation/cccccccc-cccc-cccc-cccc-cccccccccccc"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"{ghost},essential,knowledge,http://data.europa.eu/esco/skill/"
                     "22222222-2222-2222-2222-222222222222\n")
    summary = import_esco(session, esco_dir)
    assert rows(m.RoleSkill) == 3
    assert any("skipped 1 rows" in note and "line 5" in note for note in summary.notes)


def test_skip_invalid_keeps_the_valid_rows(session: Session, esco_dir: Path, rows: Rows) -> None:
    path = esco_dir / "skills_en.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",knowledge,", ",wisdom,"),
                    encoding="utf-8")
    summary = import_esco(session, esco_dir, skip_invalid=True)
    assert [(e.file, e.column) for e in summary.rejected][:1] == [("skills_en.csv", "skillType")]
    assert rows(m.Role) == 2


def test_reimport_changes_nothing(session: Session, esco_dir: Path) -> None:
    import_esco(session, esco_dir)
    summary = import_esco(session, esco_dir)
    assert not summary.changed()
    assert summary.counts["skill relations"]["unchanged"] == 2


def test_a_missing_required_file_is_fatal(session: Session, esco_dir: Path) -> None:
    (esco_dir / "skills_en.csv").unlink()
    with pytest.raises(ImportDataError, match="skills_en.csv.*required file missing"):
        import_esco(session, esco_dir, skip_invalid=True)
