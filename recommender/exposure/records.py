"""Immutable results that leave the exposure model."""

from dataclasses import dataclass

from recommender.exposure.rubric import ExposureClass
from recommender.exposure.rubric import Label


@dataclass(frozen=True)
class ExposurePrediction:
    """The suggested exposure class of one task, with its probabilities and the terms behind it.

    Attributes
    ----------
    exposure_class : {'automate', 'augment', 'human-led'}
        The suggestion; the class with the highest adjusted probability.
    label : {'E1', 'E2', 'E0'}
        The same suggestion as a label of the source data.
    p_automate, p_augment, p_human_led : float
        Calibrated probabilities; they sum to 1.
    confidence : float
        The probability of the suggested class.
    top_terms : tuple of (str, float)
        Up to five terms of the task statement that pushed most toward the suggestion, with their
        push in logit units; empty only when no known term pushed that way.
    details : str
        One sentence a reviewer can read: the suggestion, its probability and why.
    """

    exposure_class: ExposureClass
    label: Label
    p_automate: float
    p_augment: float
    p_human_led: float
    confidence: float
    top_terms: tuple[tuple[str, float], ...]
    details: str


@dataclass(frozen=True)
class RoleExposure:
    """Time-weighted shares of a role's work in each exposure class, with 90% intervals.

    Attributes
    ----------
    automate, augment, human_led : float
        Expected shares of working time (they sum to 1).
    automate_interval, augment_interval, human_led_interval : tuple of float
        5th and 95th percentiles of each share when every task's class is drawn from its
        probabilities independently.
    exposure : float
        Expected exposure score, ``automate + 0.5 * augment``.
    exposure_interval : tuple of float
        90% interval of the exposure score.
    n_tasks : int
        Number of tasks weighed.
    details : str
        One readable sentence summarising the role.
    """

    automate: float
    augment: float
    human_led: float
    automate_interval: tuple[float, float]
    augment_interval: tuple[float, float]
    human_led_interval: tuple[float, float]
    exposure: float
    exposure_interval: tuple[float, float]
    n_tasks: int
    details: str
