"""Training and grouped cross-validation of the exposure model."""

import hashlib
import importlib.metadata
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

from recommender.exposure.calibration import adjusted_log_proba
from recommender.exposure.calibration import fit_adjustment
from recommender.exposure.data import LabelledTask
from recommender.exposure.data import read_labels
from recommender.exposure.data import reviewed_tasks
from recommender.exposure.ensemble import ExposureEnsemble
from recommender.exposure.metrics import agreement_report
from recommender.exposure.model import ExposureModel
from recommender.exposure.rubric import LABELS
from recommender.exposure.texts import TaskTexts


def _codes(labelled: Sequence[LabelledTask]) -> np.ndarray:
    code: dict[str, int] = {label: index for index, label in enumerate(LABELS)}
    return np.array([code[item.label] for item in labelled])


def _checked_folds(labelled: Sequence[LabelledTask], folds: int) -> int:
    roles = len({item.role_key for item in labelled})
    if folds < 2 or roles < folds:
        raise ValueError(
            f"grouped cross-validation needs 2 <= folds <= roles; got folds={folds}, roles={roles}"
        )
    if len(set(_codes(labelled).tolist())) < len(LABELS):
        raise ValueError(f"the labels must include every class {', '.join(LABELS)}")
    return folds


def out_of_fold_logits(
    labelled: Sequence[LabelledTask], folds: int = 5, max_iter: int = 5000
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Ensemble logits for every task from a model that never saw its occupation.

    Returns the logits with the role's title and tasks as context, the logits from the task
    statement alone, and the test rows of each fold (``GroupKFold`` on the role key).
    """
    texts = TaskTexts.from_labelled(labelled)
    y = _codes(labelled)
    groups = [item.role_key for item in labelled]
    logits = np.zeros((len(labelled), len(LABELS)))
    task_only = np.zeros_like(logits)
    tests = []
    for train_rows, test_rows in GroupKFold(n_splits=folds).split(y, y, groups):
        ensemble = ExposureEnsemble(max_iter=max_iter).fit(texts.subset(train_rows), y[train_rows])
        logits[test_rows] = ensemble.decision_function(texts.subset(test_rows))
        bare = TaskTexts.build([texts.tasks[row] for row in test_rows])
        task_only[test_rows] = ensemble.decision_function(bare)
        tests.append(test_rows)
    return logits, task_only, tests


def cross_validation_report(
    labelled: Sequence[LabelledTask],
    logits: np.ndarray,
    task_only: np.ndarray,
    tests: Sequence[np.ndarray],
) -> dict[str, Any]:
    """The grouped report with role context, plus its headline figures from task text alone."""
    report = nested_report(labelled, logits, tests)
    alone = nested_report(labelled, task_only, tests)
    headline = ("kappa_3class", "kappa_exposed", "macro_f1", "occupation_r", "ece")
    return {**report, "task_text_only": {key: alone[key] for key in headline}}


def nested_report(
    labelled: Sequence[LabelledTask], logits: np.ndarray, tests: Sequence[np.ndarray]
) -> dict[str, Any]:
    """Agreement on out-of-fold logits, each fold adjusted with temperature and offsets fitted on
    the other folds only, so the report is not flattered by its own tuning."""
    y = _codes(labelled)
    probabilities = np.zeros_like(logits)
    for test_rows in tests:
        others = np.setdiff1d(np.arange(len(y)), test_rows)
        temperature, offsets = fit_adjustment(logits[others], y[others])
        probabilities[test_rows] = np.exp(
            adjusted_log_proba(logits[test_rows], temperature, offsets)
        )
    report = agreement_report(probabilities, y, [item.role_key for item in labelled])
    return {"folds": len(tests), "grouped_by": "occupation", **report}


def evaluate(labels_path: str | Path, folds: int = 5) -> dict[str, Any]:
    """Grouped cross-validation report of the exposure model on a labels TSV.

    Parameters
    ----------
    labels_path : str or Path
        TSV with ``onet_soc_code, occupation_title, task, label`` columns.
    folds : int
        Number of ``GroupKFold`` folds over occupations.

    Returns
    -------
    dict
        ``kappa_3class``, ``kappa_exposed``, ``macro_f1``, ``occupation_r``, ``ece``,
        ``confusion_matrix`` and counts, scored with each task's role title and tasks as
        context; ``task_text_only`` holds the same figures from the task statements alone.
    """
    labelled = read_labels(labels_path)
    return cross_validation_report(
        labelled, *out_of_fold_logits(labelled, _checked_folds(labelled, folds))
    )


def train(
    labels_path: str | Path,
    reviewed: Sequence[tuple[str, str | None, str]] = (),
    folds: int = 5,
    max_iter: int = 5000,
) -> ExposureModel:
    """Train the exposure model on a labels TSV plus the organisation's reviewed tasks.

    Temperature and class offsets are fitted on grouped out-of-fold logits, then the ensemble is
    refitted on all tasks. The model's metadata records the training data's sha256, the grouped
    cross-validation report and the library versions.

    Parameters
    ----------
    labels_path : str or Path
        TSV with ``onet_soc_code, occupation_title, task, label`` columns.
    reviewed : sequence of (task, occupation_title, exposure_class)
        Tasks whose class a person confirmed or set; ``exposure_class`` is a class name or label.
    folds : int
        Number of ``GroupKFold`` folds used to fit temperature and offsets.
    max_iter : int
        Iteration cap of each logistic regression.
    """
    labelled = read_labels(labels_path) + reviewed_tasks(reviewed)
    logits, task_only, tests = out_of_fold_logits(
        labelled, _checked_folds(labelled, folds), max_iter
    )
    y = _codes(labelled)
    temperature, offsets = fit_adjustment(logits, y)
    ensemble = ExposureEnsemble(max_iter=max_iter).fit(TaskTexts.from_labelled(labelled), y)
    blocks, coef, intercept, missing_fill = ensemble.linear_model()
    metadata = {
        "training_sha256": hashlib.sha256(Path(labels_path).read_bytes()).hexdigest(),
        "training_file": Path(labels_path).name,
        "n_labelled": len(labelled) - len(reviewed),
        "n_reviewed": len(reviewed),
        "cv_report": cross_validation_report(labelled, logits, task_only, tests),
        "versions": _versions(),
    }
    return ExposureModel(
        tuple(blocks), coef, intercept, missing_fill, temperature, offsets, metadata
    )


def _versions() -> dict[str, str]:
    names = ("scikit-learn", "numpy", "scipy")
    return {"python": platform.python_version()} | {
        name: importlib.metadata.version(name) for name in names
    }
