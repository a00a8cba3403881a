"""Fixtures for the exposure model: a tiny literal labels file and a model trained on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from exposure_samples import DEV_LABELS
from exposure_samples import TINY_LABELS
from exposure_samples import write_labels

from recommender.exposure import ExposureModel
from recommender.exposure import train


@pytest.fixture(scope="session")
def tiny_labels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny literal labels as a TSV file."""
    return write_labels(tmp_path_factory.mktemp("labels") / "tiny.tsv", TINY_LABELS)


@pytest.fixture(scope="session")
def tiny_model(tiny_labels: Path) -> ExposureModel:
    """A model trained on the tiny labels (three grouped folds for calibration)."""
    return train(tiny_labels, folds=3)


@pytest.fixture(scope="session")
def dev_labels() -> Path:
    """The shared dev labels; tests using it skip on a plain clone without ``../shared/data``."""
    if not DEV_LABELS.exists():
        pytest.skip(f"dev labels not found at {DEV_LABELS} (the shared data folder is absent)")
    return DEV_LABELS
