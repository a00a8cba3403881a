"""The O*NET importer on a tiny release in the real tab-delimited format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from skills_graph import models as m
from skills_graph.importers.base import ImportDataError
from skills_graph.importers.exposure import Exposure
from skills_graph.importers.onet import import_onet
from skills_graph.importers.onet import scale_level
from skills_graph.versioning import graph_version

Rows = Callable[[type[m.Base]], int]


def _role(session: Session, key: str) -> m.Role:
    role = session.scalar(select(m.Role).where(m.Role.key == key))
    assert role is not None
    return role


def _levels(session: Session, role_key: str) -> dict[str, tuple[int, float]]:
    role = _role(session, role_key)
    return {r.skill.key: (r.level, r.importance) for r in role.requirements}


def _break_line(path: Path, line: int, column: int, value: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[line - 1].split("\t")
    cells[column] = value
    lines[line - 1] = "\t".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class TestImport:
    def test_counts_and_keys(self, session: Session, onet_dir: Path, rows: Rows) -> None:
        summary = import_onet(session, onet_dir)
        assert rows(m.Role) == 3 and rows(m.Task) == 7
        assert summary.counts["roles"]["created"] == 3
        keys = set(session.scalars(select(m.Skill.key)))
        assert keys == {"onet:2.B.3.e", "onet:2.B.1.a", "onet:2.C.3.a", "onet:2.C.5.a",
                        "onet-tech:python"}
        assert _role(session, "onet:15-1252.00").kind == "current"
        assert session.scalar(select(m.Task.key).where(m.Task.statement.like("Comfort%"))) \
            == "onet-task:7"

    def test_levels_and_importance_are_rescaled(self, session: Session, onet_dir: Path) -> None:
        import_onet(session, onet_dir)
        developer = _levels(session, "onet:15-1252.00")
        assert developer["onet:2.B.3.e"] == (4, 0.9)  # LV 6.3 -> 4.5 -> 4; IM 4.5 -> 0.9
        assert developer["onet:2.C.3.a"] == (5, 0.96)
        assert developer["onet-tech:python"] == (3, 0.75)  # hot and in demand
        assert _levels(session, "onet:15-1253.00")["onet-tech:python"] == (3, 0.5)
        # Level 0 on O*NET's scale is no requirement at all.
        assert "onet:2.B.3.e" not in _levels(session, "onet:29-1141.00")

    def test_scale_level_covers_both_ends(self) -> None:
        assert [scale_level(v) for v in (0, 1.4, 3.5, 7)] == [0, 1, 2, 5]

    def test_categories(self, session: Session, onet_dir: Path) -> None:
        import_onet(session, onet_dir)
        categories = dict(session.execute(select(m.Skill.key, m.Skill.category)).all())
        assert categories["onet:2.B.3.e"] == "technical"
        assert categories["onet:2.B.1.a"] == "empathy"
        assert categories["onet:2.C.5.a"] == "knowledge"
        assert categories["onet-tech:python"] == "technology"

    def test_core_tasks_weigh_twice_and_shares_sum_to_100(
        self, session: Session, onet_dir: Path
    ) -> None:
        import_onet(session, onet_dir)
        tasks = _role(session, "onet:15-1252.00").tasks
        assert [t.share for t in tasks] == [40.0, 40.0, 20.0]
        assert [t.task_type for t in tasks] == ["core", "core", "supplemental"]
        nurse = _role(session, "onet:29-1141.00").tasks
        assert sum(t.share for t in nurse) == pytest.approx(100)

    def test_alternate_titles_and_features(self, session: Session, onet_dir: Path) -> None:
        import_onet(session, onet_dir)
        assert _role(session, "onet:29-1141.00").alt_titles == "Registered Nurse\nRN"
        features = set(session.execute(
            select(m.RoleFeature.family, m.RoleFeature.feature)
            .join(m.Role).where(m.Role.key == "onet:15-1253.00")).all())
        assert {("dwa", "4.A.3.b.1.I01.D02"), ("iwa", "4.A.3.b.1.I01"), ("gwa", "4.A.3.b.1"),
                ("technology", "example:selenium"), ("job-zone", "zone"),
                ("group:soc", "soc-broad:15-125")} <= features

    def test_graph_version_is_bumped(self, session: Session, onet_dir: Path) -> None:
        import_onet(session, onet_dir)
        assert graph_version(session) == 1


class TestExposure:
    def test_without_a_model_tasks_are_marked_unclassified(
        self, session: Session, onet_dir: Path
    ) -> None:
        import_onet(session, onet_dir)
        sources = set(session.scalars(select(m.Task.exposure_source)))
        assert sources == {"unclassified"}
        assert session.scalar(select(m.Task.p_automate)) is None

    def test_a_classifier_suggests_classes(self, session: Session, onet_dir: Path) -> None:
        seen: list[tuple[str, str, int]] = []

        def classify(tasks: list[str], titles: list[str],
                     contexts: list[list[str]]) -> list[Exposure]:
            seen.extend(zip(tasks, titles, map(len, contexts), strict=True))
            return [Exposure("augment", 0.2, 0.7, 0.1, "Augment (70%): 'write'.") for _ in tasks]

        import_onet(session, onet_dir, classify=classify)
        task = session.scalars(select(m.Task).where(m.Task.key == "onet-task:1")).one()
        assert (task.exposure_class, task.exposure_source) == ("augment", "model")
        assert task.p_augment == 0.7
        assert task.exposure_score == pytest.approx(0.9)
        assert task.rationale.startswith("Suggested by the exposure model")
        assert task.rationale.endswith("Augment (70%): 'write'.")
        assert ("Write and test computer programs.", "Software Developers", 3) in seen

    def test_a_reviewed_class_survives_reimport(self, session: Session, onet_dir: Path) -> None:
        import_onet(session, onet_dir)
        task = session.scalars(select(m.Task).where(m.Task.key == "onet-task:6")).one()
        task.exposure_class, task.exposure_source = "augment", "reviewed"
        session.flush()
        import_onet(session, onet_dir,
                    classify=lambda t, _r, _c: [Exposure("automate", 1, 0, 0)] * len(t))
        session.refresh(task)
        assert (task.exposure_class, task.exposure_source) == ("augment", "reviewed")


class TestValidation:
    def test_a_bad_row_names_file_line_and_column_and_writes_nothing(
        self, session: Session, onet_dir: Path, rows: Rows
    ) -> None:
        _break_line(onet_dir / "Skills.txt", 3, 6, "9.5")  # LV above O*NET's 0-7
        with pytest.raises(ImportDataError) as caught:
            import_onet(session, onet_dir)
        assert str(caught.value).startswith("Skills.txt, line 3, column 'Data Value': ")
        assert rows(m.Role) == 0 and rows(m.Task) == 0

    def test_an_unknown_occupation_is_an_error(self, session: Session, onet_dir: Path) -> None:
        _break_line(onet_dir / "Task Statements.txt", 2, 0, "99-9999.00")
        with pytest.raises(ImportDataError, match=r"Task Statements.txt, line 2, column "
                           r"'O\*NET-SOC Code': unknown occupation"):
            import_onet(session, onet_dir)

    def test_skip_invalid_writes_the_rest_and_lists_the_bad_rows(
        self, session: Session, onet_dir: Path, rows: Rows
    ) -> None:
        _break_line(onet_dir / "Task Statements.txt", 2, 2, "not-a-number")
        summary = import_onet(session, onet_dir, skip_invalid=True)
        assert rows(m.Task) == 6
        assert [(e.file, e.line, e.column) for e in summary.rejected] == [
            ("Task Statements.txt", 2, "Task ID")]

    def test_a_missing_required_table_is_an_error(self, session: Session, onet_dir: Path) -> None:
        (onet_dir / "Knowledge.txt").unlink()
        with pytest.raises(ImportDataError, match="Knowledge.txt.*required table missing"):
            import_onet(session, onet_dir, skip_invalid=True)


def test_reimport_changes_nothing(session: Session, onet_dir: Path) -> None:
    import_onet(session, onet_dir)
    session.commit()
    summary = import_onet(session, onet_dir)
    assert not summary.changed()
    assert all(c["created"] == c["updated"] == 0 for c in summary.counts.values())
    assert summary.counts["tasks"]["unchanged"] == 7
    assert graph_version(session) == 1


def test_a_newer_release_drops_and_reshares_tasks(session: Session, onet_dir: Path) -> None:
    import_onet(session, onet_dir)
    path = onet_dir / "Task Statements.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if "\t3\t" not in line) + "\n",
                    encoding="utf-8")
    summary = import_onet(session, onet_dir)
    assert summary.counts["tasks"]["removed"] == 1
    assert [t.share for t in _role(session, "onet:15-1252.00").tasks] == [50.0, 50.0]
