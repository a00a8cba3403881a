"""Role-level exposure: how a role's working time splits across the three exposure classes."""

from collections.abc import Sequence

import numpy as np

from recommender.exposure.records import ExposurePrediction
from recommender.exposure.records import RoleExposure

#: Number of simulated draws behind the intervals; the seed is fixed so pages do not flicker.
DRAWS = 4000
SEED = 20230317


def role_exposure(
    predictions: Sequence[ExposurePrediction], shares: Sequence[float] | None = None
) -> RoleExposure:
    """Weigh task predictions by their share of working time into role-level class shares.

    Parameters
    ----------
    predictions : sequence of ExposurePrediction
        One per task of the role.
    shares : sequence of float, optional
        Each task's share of working time (any non-negative scale); equal shares when omitted.

    Returns
    -------
    RoleExposure
        Expected shares from the probabilities, and 90% intervals from a fixed-seed simulation in
        which each task's class is an independent draw from its probabilities.

    Examples
    --------
    >>> from recommender.exposure.records import ExposurePrediction
    >>> sure = ExposurePrediction("automate", "E1", 1.0, 0.0, 0.0, 1.0, (), "")
    >>> unsure = ExposurePrediction("augment", "E2", 0.0, 0.5, 0.5, 0.5, (), "")
    >>> role = role_exposure([sure, unsure], [3, 1])
    >>> role.automate, role.augment, role.human_led, role.exposure
    (0.75, 0.125, 0.125, 0.8125)
    >>> role.human_led_interval
    (0.0, 0.25)
    """
    weights = _weights(len(predictions), shares)
    probabilities = np.array([[p.p_automate, p.p_augment, p.p_human_led] for p in predictions])
    expected = weights @ probabilities
    draws = _simulate(probabilities, weights)
    intervals = [_interval(draws[:, column]) for column in range(3)]
    exposure_draws = draws[:, 0] + 0.5 * draws[:, 1]
    exposure = float(expected[0] + 0.5 * expected[1])
    return RoleExposure(
        automate=float(expected[0]),
        augment=float(expected[1]),
        human_led=float(expected[2]),
        automate_interval=intervals[0],
        augment_interval=intervals[1],
        human_led_interval=intervals[2],
        exposure=exposure,
        exposure_interval=_interval(exposure_draws),
        n_tasks=len(predictions),
        details=(
            f"About {expected[0]:.0%} of the time could be automated, {expected[1]:.0%} augmented "
            f"and {expected[2]:.0%} stays human-led, over {len(predictions)} tasks."
        ),
    )


def _weights(count: int, shares: Sequence[float] | None) -> np.ndarray:
    if count == 0:
        raise ValueError("a role needs at least one task prediction")
    weights = np.ones(count) if shares is None else np.asarray(shares, dtype=float)
    if weights.shape != (count,):
        raise ValueError(f"got {count} predictions but {weights.size} shares; give one per task")
    if np.any(weights < 0) or not np.isfinite(weights).all() or weights.sum() <= 0:
        raise ValueError("shares must be finite, non-negative and not all zero")
    return np.asarray(weights / weights.sum())


def _simulate(probabilities: np.ndarray, weights: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    cumulative = np.cumsum(probabilities, axis=1)
    uniform = rng.random((DRAWS, len(weights), 1))
    drawn = (uniform > cumulative[None, :, :2]).sum(axis=2)
    one_hot = drawn[:, :, None] == np.arange(3)
    return np.asarray(np.einsum("dtc,t->dc", one_hot, weights))


def _interval(values: np.ndarray) -> tuple[float, float]:
    low, high = np.quantile(values, [0.05, 0.95])
    return round(float(low), 6), round(float(high), 6)
