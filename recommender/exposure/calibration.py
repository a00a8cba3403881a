"""Temperature scaling and per-class offsets, fitted on out-of-fold logits.

The temperature makes probabilities honest; the offsets shift the predicted class mix toward the
labelled one, which Cohen's kappa rewards.
"""

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax

from recommender.exposure.metrics import fast_kappa

OFFSET_GRID = np.round(np.arange(-1.5, 1.51, 0.1), 2)


def adjusted_log_proba(logits: np.ndarray, temperature: float, offsets: np.ndarray) -> np.ndarray:
    """Log-probabilities after dividing logits by ``temperature`` and adding ``offsets``."""
    return np.asarray(log_softmax(logits / temperature + offsets, axis=1))


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood of ``y``."""

    def loss(log_temperature: float) -> float:
        log_proba = log_softmax(logits / np.exp(log_temperature), axis=1)
        return float(-log_proba[np.arange(len(y)), y].mean())

    result = minimize_scalar(loss, bounds=(np.log(0.2), np.log(5.0)), method="bounded")
    return float(np.exp(result.x))


def fit_offsets(scores: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Offsets for classes 1 and 2 (class 0 fixed at 0) maximising 3-class kappa on a grid.

    Among equally good offsets the smallest shift wins, so offsets stay at zero unless they help.
    """
    best = (fast_kappa(y, scores.argmax(axis=1)), 0.0, 0.0, 0.0)
    for first in OFFSET_GRID:
        for second in OFFSET_GRID:
            kappa = fast_kappa(y, (scores + [0.0, first, second]).argmax(axis=1))
            shift = abs(first) + abs(second)
            if kappa > best[0] + 1e-12 or (abs(kappa - best[0]) <= 1e-12 and shift < best[3]):
                best = (kappa, float(first), float(second), shift)
    return np.array([0.0, best[1], best[2]])


def fit_adjustment(logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Temperature, then offsets on the tempered logits."""
    temperature = fit_temperature(logits, y)
    return temperature, fit_offsets(logits / temperature, y)
