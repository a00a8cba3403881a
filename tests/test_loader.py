"""The seed loader: validation that names file, entry and field; idempotent upserts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.errors import SeedDataError
from skills_graph.loader import load_seed
from skills_graph.loader import read_seed
from skills_graph.versioning import graph_version

# Not imported from conftest: subfolders' own conftest modules make that name ambiguous.
TINY_SEED = Path(__file__).parent / "data" / "tiny_seed"


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


class TestTinySeed:
    def test_loads_every_entity(self, tiny_session: Session) -> None:
        assert [count(tiny_session, model) for model in (m.Skill, m.Role, m.Task, m.Course, m.Employee)] \
            == [6, 3, 5, 4, 2]
        tom = tiny_session.scalar(select(m.Employee).where(m.Employee.key == "emp:tom-berg"))
        assert tom is not None and tom.manager is not None and tom.manager.key == "emp:mina-lee"
        assert {s.skill.key: s.level for s in tom.skills} == {"skill:payroll": 2, "skill:prompt-design": 2}

    def test_second_load_changes_nothing(self, tiny_session: Session) -> None:
        version = graph_version(tiny_session)
        summary = load_seed(tiny_session, TINY_SEED)
        tiny_session.commit()
        assert not summary.changed()
        assert summary.counts["course"] == {"created": 0, "updated": 0, "unchanged": 4}
        assert graph_version(tiny_session) == version

    def test_edited_file_updates_in_place(self, tiny_session: Session, tmp_path: Path) -> None:
        seed = tmp_path / "seed"
        shutil.copytree(TINY_SEED, seed)
        courses = seed / "courses.yaml"
        courses.write_text(courses.read_text().replace("hours: 6,", "hours: 7,"))
        before = graph_version(tiny_session)
        summary = load_seed(tiny_session, seed)
        tiny_session.commit()
        assert summary.counts["course"]["updated"] == 1
        course = tiny_session.scalar(select(m.Course).where(m.Course.key == "course:prompting-101"))
        assert course is not None and course.hours == 7
        assert count(tiny_session, m.Course) == 4
        assert graph_version(tiny_session) > before

    def test_reviewed_class_survives_a_reload(self, tiny_session: Session) -> None:
        task = tiny_session.scalar(select(m.Task).where(m.Task.key == "task:payroll-clerk-1"))
        assert task is not None and task.exposure_class == "automate"
        task.exposure_class, task.exposure_source = "augment", "reviewed"
        tiny_session.commit()
        load_seed(tiny_session, TINY_SEED)
        tiny_session.commit()
        tiny_session.refresh(task)
        assert (task.exposure_class, task.exposure_source) == ("augment", "reviewed")


class TestBadSeed:
    def _broken(self, tmp_path: Path, name: str, old: str, new: str) -> Path:
        seed = tmp_path / "seed"
        shutil.copytree(TINY_SEED, seed)
        path = seed / name
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))
        return seed

    def test_shares_not_summing_to_100_name_the_role(self, tmp_path: Path) -> None:
        seed = self._broken(tmp_path, "roles.yaml", "share: 60", "share: 70")
        with pytest.raises(SeedDataError, match=r"roles.yaml: entry 1 \(role:payroll-clerk\): field 'tasks'.*sum to 100, got 110"):
            read_seed(seed)

    def test_level_out_of_range_names_field(self, tmp_path: Path) -> None:
        seed = self._broken(tmp_path, "courses.yaml", '"skill:prompt-design": 2}}', '"skill:prompt-design": 7}}')
        with pytest.raises(SeedDataError, match=r"courses.yaml: entry 1 \(course:prompting-101\): field 'teaches'"):
            read_seed(seed)

    def test_unknown_reference_is_named(self, tmp_path: Path) -> None:
        seed = self._broken(tmp_path, "employees.yaml", 'manager: "emp:mina-lee"', 'manager: "emp:nobody"')
        with pytest.raises(SeedDataError, match="emp:tom-berg: manager refers to unknown key 'emp:nobody'"):
            read_seed(seed)

    def test_failed_load_writes_nothing(self, tiny_session: Session, tmp_path: Path) -> None:
        seed = self._broken(tmp_path, "skills.yaml", "category: data", "category: astrology")
        with pytest.raises(SeedDataError, match="skills.yaml: entry 1"):
            load_seed(tiny_session, seed)
        tiny_session.rollback()
        assert count(tiny_session, m.Skill) == 6


class TestDemoOrganisation:
    def test_demo_meets_the_brief(self) -> None:
        data = read_seed()
        kinds = [r.kind for r in data.roles]
        assert kinds.count("current") >= 10 and kinds.count("human-centred") >= 5
        archetypes = {r.archetype for r in data.roles if r.kind == "hybrid"}
        assert {"trainer", "explainer", "sustainer", "amplifier", "translator"} <= archetypes
        assert len(data.skills) >= 80 and len(data.courses) >= 60 and len(data.employees) >= 40
        managers = {e.manager for e in data.employees if e.manager}
        assert len(managers) >= 4
        assert all(6 <= len(r.tasks) <= 12 for r in data.roles if r.kind == "current")
