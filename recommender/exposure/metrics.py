"""Agreement and calibration figures for exposure predictions against human labels."""

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import cohen_kappa_score
from sklearn.metrics import confusion_matrix
from sklearn.metrics import f1_score

from recommender.exposure.rubric import LABELS

#: Exposure value of each label (columns in :data:`LABELS` order): E0 = 0, E1 = 1, E2 = 0.5.
EXPOSURE_VALUES = np.array([0.0, 1.0, 0.5])


def fast_kappa(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int = 3) -> float:
    """Cohen's kappa from a bincount confusion matrix; cheap enough to sit inside a grid search."""
    counts = np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes)
    joint = counts.reshape(n_classes, n_classes) / len(y_true)
    observed = np.trace(joint)
    expected = float(joint.sum(axis=1) @ joint.sum(axis=0))
    return float((observed - expected) / (1.0 - expected)) if expected < 1.0 else 0.0


def expected_calibration_error(probabilities: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Top-label ECE: the gap between confidence and accuracy, averaged over equal-width bins."""
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == y
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    gaps = [
        abs(correct[which == b].mean() - confidence[which == b].mean()) * np.mean(which == b)
        for b in range(bins)
        if np.any(which == b)
    ]
    return float(np.sum(gaps))


def occupation_correlation(
    probabilities: np.ndarray, y: np.ndarray, groups: Sequence[str]
) -> float:
    """Pearson r between predicted and labelled mean exposure per occupation."""
    keys, inverse = np.unique(np.asarray(groups), return_inverse=True)
    sizes = np.bincount(inverse)
    predicted = np.bincount(inverse, weights=probabilities @ EXPOSURE_VALUES) / sizes
    labelled = np.bincount(inverse, weights=EXPOSURE_VALUES[y]) / sizes
    if len(keys) < 2 or np.ptp(predicted) == 0 or np.ptp(labelled) == 0:
        return float("nan")
    return float(np.corrcoef(predicted, labelled)[0, 1])


def agreement_report(
    probabilities: np.ndarray, y: np.ndarray, groups: Sequence[str]
) -> dict[str, Any]:
    """Kappa (3-class and exposed vs not), macro-F1, confusion matrix, occupation r and ECE."""
    predicted = probabilities.argmax(axis=1)
    return {
        "n_tasks": int(len(y)),
        "n_occupations": int(len(set(groups))),
        "kappa_3class": round(float(cohen_kappa_score(y, predicted)), 4),
        "kappa_exposed": round(float(cohen_kappa_score(y > 0, predicted > 0)), 4),
        "macro_f1": round(float(f1_score(y, predicted, average="macro")), 4),
        "occupation_r": _finite(occupation_correlation(probabilities, y, groups)),
        "ece": round(expected_calibration_error(probabilities, y), 4),
        "confusion_matrix": {
            "labels": list(LABELS),
            "rows_true_columns_predicted": confusion_matrix(
                y, predicted, labels=[0, 1, 2]
            ).tolist(),
        },
    }


def _finite(value: float) -> float | None:
    # JSON has no NaN; a correlation over fewer than two varying occupations is reported as null.
    return round(value, 4) if np.isfinite(value) else None
