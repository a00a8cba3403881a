"""Role-level exposure from task predictions, on tiny literal examples."""

from __future__ import annotations

import doctest

import pytest

import recommender.exposure.role
from recommender.exposure import ExposurePrediction
from recommender.exposure import role_exposure


def prediction(p_automate: float, p_augment: float, p_human_led: float) -> ExposurePrediction:
    return ExposurePrediction(
        "augment",
        "E2",
        p_automate,
        p_augment,
        p_human_led,
        max(p_automate, p_augment, p_human_led),
        (),
        "",
    )


class TestRoleExposure:
    def test_certain_tasks_give_exact_shares_and_zero_width_intervals(self) -> None:
        role = role_exposure(
            [prediction(1, 0, 0), prediction(0, 1, 0), prediction(0, 0, 1), prediction(0, 0, 1)]
        )
        assert (role.automate, role.augment, role.human_led) == (0.25, 0.25, 0.5)
        assert role.human_led_interval == (0.5, 0.5)
        assert role.exposure == pytest.approx(0.375)
        assert role.exposure_interval == (0.375, 0.375)
        assert role.n_tasks == 4

    def test_time_shares_weigh_tasks(self) -> None:
        role = role_exposure([prediction(1, 0, 0), prediction(0, 0, 1)], shares=[30, 10])
        assert role.automate == pytest.approx(0.75)
        assert role.human_led == pytest.approx(0.25)
        assert "75% of the time could be automated" in role.details

    def test_interval_covers_the_uncertain_task(self) -> None:
        role = role_exposure([prediction(0.5, 0, 0.5)] * 20)
        assert role.automate == pytest.approx(0.5)
        low, high = role.automate_interval
        # 20 fair coin flips: the 90% interval of the share is about 0.30 to 0.70.
        assert 0.25 <= low <= 0.35 and 0.65 <= high <= 0.75

    def test_intervals_are_reproducible(self) -> None:
        tasks = [prediction(0.2, 0.3, 0.5), prediction(0.6, 0.3, 0.1)]
        assert role_exposure(tasks) == role_exposure(tasks)

    @pytest.mark.parametrize("shares", [[1.0], [-1.0, 2.0], [0.0, 0.0]])
    def test_bad_shares_are_refused(self, shares: list[float]) -> None:
        with pytest.raises(ValueError, match="share"):
            role_exposure([prediction(1, 0, 0), prediction(0, 1, 0)], shares)

    def test_docstring_example_runs(self) -> None:
        assert doctest.testmod(recommender.exposure.role).failed == 0
