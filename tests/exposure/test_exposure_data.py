"""Reading labels and reviewed tasks: bad rows are named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from recommender.exposure import ExposureDataError
from recommender.exposure.data import read_labels
from recommender.exposure.data import read_reviewed
from recommender.exposure.data import reviewed_tasks


class TestReadLabels:
    def test_missing_column_is_named(self, tmp_path: Path) -> None:
        path = tmp_path / "labels.tsv"
        path.write_text("onet_soc_code\toccupation_title\ttask\n1\tA\tType.\n", encoding="utf-8")
        with pytest.raises(ExposureDataError, match="missing column 'label'"):
            read_labels(path)

    def test_missing_file_is_named(self, tmp_path: Path) -> None:
        with pytest.raises(ExposureDataError, match="nowhere.tsv: cannot read file"):
            read_labels(tmp_path / "nowhere.tsv")

    def test_reads_the_dev_labels(self, dev_labels: Path) -> None:
        labelled = read_labels(dev_labels)
        assert len(labelled) == 10_755
        assert len({item.role_key for item in labelled}) == 511


class TestReviewed:
    def test_classes_and_labels_are_both_accepted(self, tmp_path: Path) -> None:
        path = tmp_path / "reviewed.csv"
        path.write_text(
            "task,occupation_title,exposure_class\nType.,Typists,Automate\nLift.,,E0\n",
            encoding="utf-8",
        )
        assert read_reviewed(path) == [("Type.", "Typists", "E1"), ("Lift.", None, "E0")]

    def test_untitled_reviewed_tasks_are_separate_roles(self) -> None:
        tasks = reviewed_tasks([("Type.", None, "E1"), ("Lift.", None, "human-led")])
        assert tasks[0].role_key != tasks[1].role_key
        assert [task.label for task in tasks] == ["E1", "E0"]
