"""One number per course that orders plans by the objective, then the other measure, then size.

The primary measure is expressed in units of its grid (1, 0.5, 0.1, ... hours) so that
any two plans that differ in it differ by at least one unit; the tie-breaks together are
worth less than one unit. A solver bound can then be turned back into an exact bound on the
primary measure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from recommender.planner.catalogue import FloatArray

_GRIDS = (1.0, 0.5, 0.25, 0.2, 0.1, 0.05, 0.02, 0.01, 0.001)
_OFF_GRID_TIES = 1e-4


@dataclass(frozen=True)
class Weights:
    """Per-course weights and how to read a bound on their sum.

    Attributes
    ----------
    weight : ndarray of float
        Weight per course: primary in grid units plus a tie-break share.
    unit : float
        Size of one weight unit in the primary measure.
    ties : float
        Upper bound on the tie-break share of any plan, in weight units.
    on_grid : bool
        Whether every primary value is a multiple of ``unit``.
    resolution : float
        Smallest weight difference that still separates two different tie-breaks.
    """

    weight: FloatArray
    unit: float
    ties: float
    on_grid: bool
    resolution: float

    def primary_bound(self, bound: float) -> float:
        """Lower bound on the primary measure implied by a bound on the total weight."""
        if not math.isfinite(bound):
            return 0.0
        if self.on_grid:
            return max(0.0, math.ceil(bound - self.ties - 1e-6) * self.unit)
        return max(0.0, (bound - self.ties) * self.unit)


def objective_weights(primary: FloatArray, secondary: FloatArray) -> Weights:
    """Weights ordering plans by ``primary``, then ``secondary``, then course count."""
    unit = _grid(primary)
    on_grid = unit is not None
    unit = unit or 1.0
    second_unit = _grid(secondary)
    n = len(primary)
    if second_unit is not None:
        tie_raw = np.round(secondary / second_unit) * (n + 1) + 1
    else:
        tie_raw = secondary / max(float(secondary.max(initial=0.0)), 1.0) * 1e3 * (n + 1) + 1
    total = float(tie_raw.sum()) + 1.0
    ties = 1.0 if on_grid else _OFF_GRID_TIES
    scale = ties / total
    primary_units = np.round(primary / unit) if on_grid else primary / unit
    return Weights(primary_units + tie_raw * scale, unit, ties, on_grid, scale)


def _grid(values: FloatArray) -> float | None:
    for step in _GRIDS:
        scaled = values / step
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-9 * np.maximum(1.0, scaled)):
            return step
    return None
