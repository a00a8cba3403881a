"""``reskill exposure``: suggest, evaluate and retrain the AI-exposure class of tasks."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from recommender.exposure import ExposureModel
from recommender.exposure import ExposurePrediction
from recommender.exposure import evaluate
from recommender.exposure import load_model
from recommender.exposure import train
from recommender.exposure.data import read_reviewed
from recommender.exposure.data import read_task_rows
from web.cli_errors import fail

OUTPUT_COLUMNS = (
    "task_id",
    "exposure_class",
    "label",
    "p_automate",
    "p_augment",
    "p_human_led",
    "top_terms",
)
REPORT_ROWS = (
    ("kappa_3class", "Cohen's kappa, 3 classes"),
    ("kappa_exposed", "Cohen's kappa, exposed (E1/E2) vs not"),
    ("macro_f1", "Macro-F1"),
    ("occupation_r", "Pearson r, occupation-level exposure"),
    ("ece", "Expected calibration error (10 bins)"),
)


@click.group("exposure")
def exposure() -> None:
    """Suggest whether AI will automate or augment a task, or leave it human-led."""


@exposure.command("predict")
@click.option(
    "--input",
    "input_path",
    metavar="FILE.csv",
    help="CSV with task_id, task and optional occupation_title.",
)
@click.option("--text", metavar="TASK", help="One task statement to score instead of a CSV file.")
@click.option(
    "--output",
    "output_path",
    metavar="FILE.csv",
    help="Write the CSV here instead of standard output.",
)
@click.option("--json", "as_json", is_flag=True, help="Write JSON records instead of CSV.")
@click.option(
    "--model",
    "model_path",
    metavar="PATH",
    help="A retrained model file (default: the shipped one).",
)
def predict_command(
    input_path: str | None,
    text: str | None,
    output_path: str | None,
    as_json: bool,
    model_path: str | None,
) -> None:
    """Suggest an exposure class for each task of --input FILE.csv, or for --text "...".

    Tasks sharing an occupation_title are read as one role, so each is scored in the context of
    its role's other tasks. Output columns: task_id, exposure_class (automate, augment,
    human-led), label (E1, E2, E0), p_automate, p_augment, p_human_led and top_terms (the words
    that pushed most toward the suggestion, separated by '; '). With --json, each record also
    carries its confidence and a readable explanation (details).
    """
    if (input_path is None) == (text is None):
        fail('give exactly one of --input FILE.csv or --text "task statement"')
    rows = _task_rows(input_path, text)
    predictions = _model(model_path).predict(
        [task for _, task, _ in rows],
        [title for _, _, title in rows],
        _role_tasks(rows),
    )
    ids = [task_id for task_id, _, _ in rows]
    rendered = _as_json(ids, predictions) if as_json else _as_csv(ids, predictions)
    if output_path is None:
        click.echo(rendered, nl=False)
        return
    try:
        Path(output_path).write_text(rendered, encoding="utf-8")
    except OSError as error:
        fail(f"{output_path}: cannot write file ({error.strerror})")


labels_option = click.option(
    "--labels",
    "labels_path",
    required=True,
    metavar="FILE.tsv",
    help="Labels TSV (see the data README).",
)


@exposure.command("evaluate")
@labels_option
@click.option("--folds", default=5, show_default=True, help="GroupKFold folds over occupations.")
@click.option("--json", "as_json", is_flag=True, help="Print only the JSON report.")
def evaluate_command(labels_path: str, folds: int, as_json: bool) -> None:
    """Cross-validate the model on --labels FILE.tsv, grouping folds by occupation.

    Prints a table of Cohen's kappa (3 classes; exposed vs not), macro-F1, occupation-level
    Pearson r and calibration error, scored with each task's role (title and other tasks) as
    context and from the task text alone, and the confusion matrix (with role), then the same
    report as one JSON line. With --json only the JSON line is printed. Takes a few minutes on
    the full dev labels.
    """
    try:
        report = evaluate(labels_path, folds=folds)
    except ValueError as error:
        fail(str(error))
    if not as_json:
        click.echo(_report_table(report))
    click.echo(json.dumps(report))


@exposure.command("train")
@labels_option
@click.option(
    "--reviewed",
    "reviewed_path",
    metavar="FILE.csv",
    help="CSV of task, occupation_title, exposure_class.",
)
@click.option(
    "--out", "out_path", required=True, metavar="PATH", help="Where to write the model (.npz)."
)
@click.option("--folds", default=5, show_default=True, help="GroupKFold folds for calibration.")
def train_command(labels_path: str, reviewed_path: str | None, out_path: str, folds: int) -> None:
    """Retrain the model on --labels FILE.tsv plus optional --reviewed FILE.csv, write it to --out.

    Reviewed rows are the organisation's own confirmed classes (exposure_class is automate,
    augment or human-led, or E1, E2, E0). Point RESKILL_EXPOSURE_MODEL at the written file to use it.
    """
    try:
        reviewed = read_reviewed(reviewed_path) if reviewed_path else []
        model = train(labels_path, reviewed, folds=folds)
        model.save(out_path)
    except ValueError as error:
        fail(str(error))
    except OSError as error:
        fail(f"{out_path}: cannot write file ({error.strerror})")
    kappa = model.metadata["cv_report"]["kappa_3class"]
    click.echo(f"Wrote {out_path}: {len(reviewed)} reviewed tasks added, grouped-CV kappa {kappa}.")


def _task_rows(input_path: str | None, text: str | None) -> list[tuple[str, str, str | None]]:
    if input_path is None:
        if not text or not text.strip():
            fail("--text: the task statement must not be empty")
        return [("1", str(text).strip(), None)]
    try:
        rows = read_task_rows(input_path)
    except ValueError as error:
        fail(str(error))
    if not rows:
        fail(f"{input_path}: no task rows below the header")
    return rows


def _role_tasks(rows: Sequence[tuple[str, str, str | None]]) -> list[tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for _, task, title in rows:
        if title:
            roles.setdefault(title, []).append(task)
    return [tuple(roles[title]) if title else () for _, _, title in rows]


def _model(model_path: str | None) -> ExposureModel:
    try:
        return load_model(model_path)
    except FileNotFoundError:
        fail(f"--model: no model file at {model_path}")
    except (OSError, ValueError, KeyError) as error:
        fail(f"--model: {model_path} is not a Reskill exposure model ({error})")


def _as_csv(ids: Sequence[str], predictions: Sequence[ExposurePrediction]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    for task_id, p in zip(ids, predictions, strict=True):
        terms = "; ".join(term for term, _ in p.top_terms)
        writer.writerow(
            [
                task_id,
                p.exposure_class,
                p.label,
                f"{p.p_automate:.4f}",
                f"{p.p_augment:.4f}",
                f"{p.p_human_led:.4f}",
                terms,
            ]
        )
    return buffer.getvalue()


def _as_json(ids: Sequence[str], predictions: Sequence[ExposurePrediction]) -> str:
    records: list[dict[str, Any]] = [
        {
            "task_id": task_id,
            "exposure_class": p.exposure_class,
            "label": p.label,
            "p_automate": round(p.p_automate, 4),
            "p_augment": round(p.p_augment, 4),
            "p_human_led": round(p.p_human_led, 4),
            "confidence": round(p.confidence, 4),
            "top_terms": [[term, weight] for term, weight in p.top_terms],
            "details": p.details,
        }
        for task_id, p in zip(ids, predictions, strict=True)
    ]
    return json.dumps(records, indent=2) + "\n"


def _report_table(report: dict[str, Any]) -> str:
    lines = [
        f"Grouped {report['folds']}-fold cross-validation by occupation: "
        f"{report['n_tasks']} tasks, {report['n_occupations']} occupations"
    ]
    alone = report.get("task_text_only", {})
    lines.append(f"  {'':<40} {'with role':>10} {'task only':>10}")
    lines += [
        f"  {title:<40} {_figure(report[key]):>10} {_figure(alone.get(key)):>10}"
        for key, title in REPORT_ROWS
    ]
    matrix = report["confusion_matrix"]
    labels = matrix["labels"]
    lines.append("  Confusion matrix (rows: labelled, columns: predicted)")
    lines.append("        " + "".join(f"{label:>8}" for label in labels))
    for label, counts in zip(labels, matrix["rows_true_columns_predicted"], strict=True):
        lines.append(f"  {label:>6}" + "".join(f"{count:>8}" for count in counts))
    return "\n".join(lines)


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


if __name__ == "__main__":
    sys.exit(exposure())
