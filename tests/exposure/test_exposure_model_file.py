"""The shipped model file: plain arrays, the metadata a reviewer needs, and a small size."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from recommender.exposure import load_model
from recommender.exposure.model import SHIPPED_MODEL


class TestShippedModel:
    def test_loads_without_pickle(self) -> None:
        with np.load(SHIPPED_MODEL, allow_pickle=False) as stored:
            assert {"coef", "intercept", "temperature", "offsets", "metadata"} <= set(stored.files)
            assert stored["coef"].dtype == np.float64

    def test_is_small(self) -> None:
        assert SHIPPED_MODEL.stat().st_size < 15_000_000

    def test_records_training_data_cv_report_and_versions(self) -> None:
        metadata = load_model().metadata
        assert len(metadata["training_sha256"]) == 64
        assert metadata["n_labelled"] > 10_000
        report = metadata["cv_report"]
        assert report["grouped_by"] == "occupation"
        assert report["kappa_3class"] >= 0.55
        assert report["kappa_exposed"] >= 0.66
        assert report["occupation_r"] >= 0.91
        assert report["ece"] <= 0.05
        assert {"scikit-learn", "numpy", "scipy"} <= set(metadata["versions"])

    def test_sha256_matches_the_dev_labels(self, dev_labels: Path) -> None:
        digest = hashlib.sha256(dev_labels.read_bytes()).hexdigest()
        assert load_model().metadata["training_sha256"] == digest

    def test_load_model_is_cached(self) -> None:
        assert load_model() is load_model(None)

    def test_saved_model_round_trips(self, tmp_path: Path) -> None:
        model = load_model()
        path = tmp_path / "copy.npz"
        model.save(path)
        copy = load_model(path)
        tasks = ["Prepare payroll reports.", "Lift patients into beds."]
        assert [p.p_augment for p in copy.predict(tasks)] == [
            p.p_augment for p in model.predict(tasks)
        ]
        assert copy.metadata["cv_report"] == model.metadata["cv_report"]
