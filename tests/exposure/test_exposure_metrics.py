"""Agreement figures, temperature and offsets on small literal arrays."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from recommender.exposure.calibration import fit_offsets
from recommender.exposure.calibration import fit_temperature
from recommender.exposure.metrics import agreement_report
from recommender.exposure.metrics import expected_calibration_error
from recommender.exposure.metrics import fast_kappa
from recommender.exposure.metrics import occupation_correlation


class TestMetrics:
    def test_fast_kappa_matches_scikit_learn(self) -> None:
        rng = np.random.default_rng(0)
        truth, guess = rng.integers(0, 3, 200), rng.integers(0, 3, 200)
        guess[:120] = truth[:120]
        assert fast_kappa(truth, guess) == pytest.approx(cohen_kappa_score(truth, guess))

    def test_calibration_error_is_the_confidence_accuracy_gap(self) -> None:
        probabilities = np.array([[0.8, 0.1, 0.1]] * 10)
        truth = np.array([0] * 8 + [1] * 2)
        assert expected_calibration_error(probabilities, truth) == pytest.approx(0.0)
        assert expected_calibration_error(probabilities, np.zeros(10, int)) == pytest.approx(0.2)

    def test_occupation_level_exposure_correlation(self) -> None:
        # Labelled exposures per occupation: a = (1 + 0.5)/2, b = 0; predictions agree in order.
        probabilities = np.array(
            [[0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.9, 0.05, 0.05], [0.8, 0.1, 0.1]]
        )
        truth = np.array([1, 2, 0, 0])
        assert occupation_correlation(probabilities, truth, ["a", "a", "b", "b"]) == pytest.approx(
            1
        )

    def test_report_counts_and_confusion(self) -> None:
        probabilities = np.eye(3)[[0, 1, 2, 2]]
        report = agreement_report(probabilities, np.array([0, 1, 2, 1]), ["a", "a", "b", "c"])
        assert report["n_occupations"] == 3
        assert report["confusion_matrix"]["rows_true_columns_predicted"][1] == [0, 1, 1]


class TestCalibration:
    def test_temperature_softens_overconfident_logits(self) -> None:
        rng = np.random.default_rng(1)
        truth = rng.integers(0, 3, 600)
        logits = rng.normal(size=(600, 3))
        logits[np.arange(600), truth] += 1.0
        assert fit_temperature(logits * 4, truth) > 2.0

    def test_offsets_restore_a_suppressed_class(self) -> None:
        truth = np.array([0] * 50 + [1] * 50 + [2] * 50)
        scores = np.eye(3)[truth] * 1.0
        scores[:, 1] -= 1.25  # class 1 never wins without an offset
        offsets = fit_offsets(scores, truth)
        assert offsets[0] == 0.0 and offsets[1] > 0.25
        assert fast_kappa(truth, (scores + offsets).argmax(axis=1)) == pytest.approx(1.0)
