"""``reskill exposure`` commands, driven through click's test runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from exposure_samples import TINY_LABELS
from exposure_samples import write_labels

from recommender.exposure import load_model
from web.cli_exposure import exposure

OUTPUT_COLUMNS = [
    "task_id",
    "exposure_class",
    "label",
    "p_automate",
    "p_augment",
    "p_human_led",
    "top_terms",
]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(exposure, list(args))
    return result.exit_code, result.stdout, result.stderr


class TestPredict:
    def test_csv_in_csv_out(self, tmp_path: Path) -> None:
        tasks = write_csv(
            tmp_path / "tasks.csv",
            ["task_id", "task", "occupation_title"],
            [
                ["t1", "Comfort a grieving family member.", "Funeral Attendants"],
                ["t2", "Type letters from dictation.", "Funeral Attendants"],
            ],
        )
        code, out, err = invoke("predict", "--input", str(tasks))
        assert code == 0, err
        rows = list(csv.DictReader(io.StringIO(out)))
        assert list(rows[0]) == OUTPUT_COLUMNS
        assert [row["task_id"] for row in rows] == ["t1", "t2"]
        assert rows[0]["exposure_class"] == "human-led" and rows[0]["label"] == "E0"
        assert "comfort" in rows[0]["top_terms"]
        for row in rows:
            total = sum(float(row[name]) for name in ("p_automate", "p_augment", "p_human_led"))
            assert abs(total - 1) < 1e-3

    def test_output_file_and_title_optional(self, tmp_path: Path) -> None:
        tasks = write_csv(tmp_path / "tasks.csv", ["task_id", "task"], [["9", "Repair pipes."]])
        output = tmp_path / "out.csv"
        code, out, err = invoke("predict", "--input", str(tasks), "--output", str(output))
        assert (code, out) == (0, ""), err
        assert "human-led" in output.read_text(encoding="utf-8")

    def test_text_as_json(self) -> None:
        code, out, err = invoke("predict", "--text", "Write letters to customers.", "--json")
        assert code == 0, err
        (record,) = json.loads(out)
        assert record["exposure_class"] in {"automate", "augment"}
        assert record["details"].startswith("Suggested")
        assert record["top_terms"][0][1] > 0

    def test_missing_column_names_the_column(self, tmp_path: Path) -> None:
        tasks = write_csv(tmp_path / "tasks.csv", ["task_id", "statement"], [["1", "Type."]])
        code, _, err = invoke("predict", "--input", str(tasks))
        assert code == 2
        assert err.strip().count("\n") == 0
        assert "tasks.csv" in err and "'task'" in err

    def test_empty_task_names_row_and_column(self, tmp_path: Path) -> None:
        tasks = write_csv(tmp_path / "tasks.csv", ["task_id", "task"], [["1", "Type."], ["2", " "]])
        code, _, err = invoke("predict", "--input", str(tasks))
        assert code == 2
        assert "row 3" in err and "'task'" in err and "Traceback" not in err

    def test_needs_exactly_one_source(self, tmp_path: Path) -> None:
        code, _, err = invoke("predict")
        assert code == 2 and "--input" in err

    def test_missing_model_file(self, tmp_path: Path) -> None:
        code, _, err = invoke("predict", "--text", "Type.", "--model", str(tmp_path / "none.npz"))
        assert code == 2 and "none.npz" in err


class TestTrainAndEvaluate:
    def test_train_writes_a_loadable_model_with_reviewed_tasks(self, tmp_path: Path) -> None:
        labels = write_labels(tmp_path / "labels.tsv", TINY_LABELS)
        reviewed = write_csv(
            tmp_path / "reviewed.csv",
            ["task", "occupation_title", "exposure_class"],
            [
                ["Draft funeral notices.", "Funeral Attendants", "automate"],
                ["Carry caskets.", "Funeral Attendants", "human-led"],
            ],
        )
        out = tmp_path / "model.npz"
        code, stdout, err = invoke(
            "train",
            "--labels",
            str(labels),
            "--reviewed",
            str(reviewed),
            "--out",
            str(out),
            "--folds",
            "3",
        )
        assert code == 0, err
        assert "2 reviewed tasks" in stdout
        with np.load(out, allow_pickle=False) as stored:
            assert "coef" in stored.files
        model = load_model(out)
        assert model.metadata["n_reviewed"] == 2
        assert "carry" in model.blocks[0].vocabulary or "caskets" not in model.blocks[0].vocabulary

    def test_bad_reviewed_class_names_row_column_and_value(self, tmp_path: Path) -> None:
        labels = write_labels(tmp_path / "labels.tsv", TINY_LABELS)
        reviewed = write_csv(
            tmp_path / "reviewed.csv", ["task", "exposure_class"], [["Draft notices.", "maybe"]]
        )
        code, _, err = invoke(
            "train",
            "--labels",
            str(labels),
            "--reviewed",
            str(reviewed),
            "--out",
            str(tmp_path / "m.npz"),
        )
        assert code == 2
        assert "row 2" in err and "'exposure_class'" in err and "'maybe'" in err

    def test_evaluate_prints_table_then_json(self, tmp_path: Path) -> None:
        labels = write_labels(tmp_path / "labels.tsv", TINY_LABELS)
        code, out, err = invoke("evaluate", "--labels", str(labels), "--folds", "3")
        assert code == 0, err
        *table, last = out.strip().splitlines()
        report = json.loads(last)
        assert report["folds"] == 3 and report["n_occupations"] == 6
        assert sum(map(sum, report["confusion_matrix"]["rows_true_columns_predicted"])) == 36
        assert any("Cohen's kappa, 3 classes" in line for line in table)

    def test_evaluate_json_only(self, tmp_path: Path) -> None:
        labels = write_labels(tmp_path / "labels.tsv", TINY_LABELS)
        code, out, _ = invoke("evaluate", "--labels", str(labels), "--folds", "3", "--json")
        assert code == 0
        assert set(json.loads(out)) >= {"kappa_3class", "kappa_exposed", "occupation_r", "ece"}

    def test_bad_label_names_row_column_and_value(self, tmp_path: Path) -> None:
        rows = [*TINY_LABELS[:3], ("43-9022.00", "Typists", "Type memos.", "E7")]
        labels = write_labels(tmp_path / "labels.tsv", rows)
        code, _, err = invoke("evaluate", "--labels", str(labels))
        assert code == 2
        assert "row 5" in err and "'label'" in err and "'E7'" in err

    def test_too_many_folds_is_refused(self, tmp_path: Path) -> None:
        labels = write_labels(tmp_path / "labels.tsv", TINY_LABELS)
        code, _, err = invoke("evaluate", "--labels", str(labels), "--folds", "10")
        assert code == 2 and "folds=10" in err
