"""Prediction records from the shipped model: honest numbers, readable reasons, obvious cases."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from recommender.exposure import CLASSES
from recommender.exposure import RUBRIC
from recommender.exposure import ExposureModel
from recommender.exposure import ExposurePrediction
from recommender.exposure import load_model
from recommender.exposure.texts import TaskTexts

TASKS = [
    "Comfort a grieving family member.",
    "Transcribe recorded meeting notes into a document.",
    "Install and repair water pipes in residential buildings.",
    "Write computer programs to automate the monthly sales report.",
    "Analyze sales data to recommend prices.",
]


@pytest.fixture(scope="module")
def model() -> ExposureModel:
    return load_model()


@pytest.fixture(scope="module")
def predictions(model: ExposureModel) -> list[ExposurePrediction]:
    return model.predict(TASKS)


class TestRecords:
    def test_probabilities_sum_to_one(self, predictions: list[ExposurePrediction]) -> None:
        for p in predictions:
            assert p.p_automate + p.p_augment + p.p_human_led == pytest.approx(1.0)
            assert 0.0 < min(p.p_automate, p.p_augment, p.p_human_led)

    def test_class_is_the_most_probable_after_offsets(
        self, model: ExposureModel, predictions: list[ExposurePrediction]
    ) -> None:
        scores = model.scores(TaskTexts.build(TASKS))
        for p, row in zip(predictions, scores, strict=True):
            assert p.exposure_class == CLASSES[int(np.argmax(row))]
            probabilities = {
                "automate": p.p_automate,
                "augment": p.p_augment,
                "human-led": p.p_human_led,
            }
            assert p.confidence == max(probabilities.values()) == probabilities[p.exposure_class]

    def test_label_matches_class(self, predictions: list[ExposurePrediction]) -> None:
        labels = {"automate": "E1", "augment": "E2", "human-led": "E0"}
        assert all(labels[p.exposure_class] == p.label for p in predictions)

    def test_top_terms_come_from_the_task_and_push_toward_the_class(
        self, predictions: list[ExposurePrediction]
    ) -> None:
        for task, p in zip(TASKS, predictions, strict=True):
            assert p.top_terms
            assert all(
                term.split()[0] in task.lower() and weight > 0 for term, weight in p.top_terms
            )
            weights = [weight for _, weight in p.top_terms]
            assert weights == sorted(weights, reverse=True)

    def test_details_name_the_class_the_probability_and_a_term(
        self, predictions: list[ExposurePrediction]
    ) -> None:
        for p in predictions:
            assert p.details.startswith(f"Suggested {p.exposure_class} ({p.confidence:.0%})")
            assert f"'{p.top_terms[0][0]}'" in p.details

    def test_records_are_immutable(self, predictions: list[ExposurePrediction]) -> None:
        with pytest.raises(dataclasses.FrozenInstanceError):
            predictions[0].exposure_class = "automate"  # type: ignore[misc]

    def test_unknown_words_still_get_probabilities(self, model: ExposureModel) -> None:
        (p,) = model.predict(["Qwzx frobnicate."])
        assert p.p_automate + p.p_augment + p.p_human_led == pytest.approx(1.0)
        assert "no single word stands out" in p.details or p.top_terms


class TestObviousCases:
    def test_comforting_the_bereaved_is_human_led(
        self, predictions: list[ExposurePrediction]
    ) -> None:
        comfort = predictions[0]
        assert comfort.exposure_class == "human-led"
        assert comfort.p_human_led > 0.45 and comfort.p_human_led > 2 * comfort.p_automate

    def test_transcribing_notes_is_exposed(self, predictions: list[ExposurePrediction]) -> None:
        assert predictions[1].exposure_class in {"automate", "augment"}
        assert predictions[1].p_human_led < 0.2

    def test_plumbing_is_human_led(self, predictions: list[ExposurePrediction]) -> None:
        assert predictions[2].exposure_class == "human-led"
        assert predictions[2].p_human_led > 0.8

    def test_writing_code_is_exposed(self, predictions: list[ExposurePrediction]) -> None:
        assert predictions[3].exposure_class in {"automate", "augment"}

    def test_role_context_is_used(self, model: ExposureModel) -> None:
        task = "Prepare reports."
        alone = model.predict([task])[0]
        in_role = model.predict(
            [task], ["Roofers"], [[task, "Install roofing shingles.", "Climb ladders to roofs."]]
        )[0]
        assert in_role.p_human_led > alone.p_human_led


def test_rubric_defines_the_three_classes() -> None:
    for heading in ("**Automate (E1).**", "**Augment (E2).**", "**Human-led (E0).**"):
        assert heading in RUBRIC


def test_no_tasks_no_predictions(model: ExposureModel) -> None:
    assert model.predict([]) == []


def test_package_docstring_example_runs() -> None:
    import doctest

    import recommender.exposure

    assert doctest.testmod(recommender.exposure).failed == 0
