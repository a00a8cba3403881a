"""Role-to-role similarity from everything a taxonomy says about roles, with explanations.

Each feature family (required skills, knowledge, work activities, technologies, work styles,
SOC/ISCO groups, task text, titles) becomes a row-normalised matrix, so that one product gives
that family's cosine similarity between all roles; the score is a weighted mean over families.
Columns that nearly every role has (O*NET's skill ratings) are standardised, so that what
sets a role apart counts; rare columns (an ESCO skill, a DWA, a technology) are weighed by
inverse document frequency. Job zone and education compare as scalars.

Examples
--------
>>> import scipy.sparse as sp
>>> from types import SimpleNamespace
>>> levels = sp.csr_matrix([[5, 4, 0, 0], [4, 5, 0, 0], [0, 0, 5, 4], [0, 0, 4, 5]])
>>> skills = ["SQL", "Statistics", "Patient care", "Anatomy"]
>>> data = SimpleNamespace(keys=["analyst", "scientist", "nurse", "doctor"], titles=["A"] * 4,
...                        families={"skills:demo": (levels, skills)}, texts={})
>>> model = RoleSimilarity().fit(data)
>>> [(r.key, r.score, r.shared) for r in model.similar("analyst", top=1)]
[('scientist', 0.9756, ('SQL', 'Statistics'))]
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

FAMILY_WEIGHTS: dict[str, float] = {
    "tasks": 3.0, "titles": 3.0, "group": 2.5, "dwa": 1.0, "iwa": 0.3, "gwa": 0.1,
    "skills": 0.3, "knowledge": 0.5, "technology": 0.5, "work-style": 0.1, "job-zone": 0.3,
    "education": 0.3,
}
"""Weight of each family, by the part of its name before ``:``; unknown families weigh 0.5.

Tuned on O*NET 29.3 against proxies of related occupations that do not come from the features
themselves: occupations that Nesta's crosswalk maps from the same ISCO unit group, and each
occupation's five nearest by ESCO's own skill lists (via the crosswalk); the share of
same-SOC-broad-group neighbours was watched, not optimised, since the ``group`` family encodes it.
See ``bench/import_bench.py`` for the figures."""
SCALAR_FAMILIES = frozenset({"job-zone", "education"})
PLAIN_FAMILIES = frozenset({"group"})
"""Families compared as they are: sharing a group matters, however common the group."""
DENSE_COLUMN = 0.5
DENSE_MIN_ROLES = 20
"""A column that more than ``DENSE_COLUMN`` of a family's roles (and at least ``DENSE_MIN_ROLES``
of them) have is standardised, not idf-weighed: a mean over a handful of roles says nothing."""
DENSE_PRODUCT_COLUMNS = 1024
"""Families with at most this many features multiply as dense arrays: their products are dense
anyway, and BLAS is faster than a sparse product that fills in."""
SKILL_FAMILIES = frozenset({"skills", "knowledge", "technology"})
SHARED_SKILLS = 4
SHARED_EVIDENCE = 3
"""How many shared skills, then other shared features (activities, title words), to name."""


class RoleFeatureSource(Protocol):
    """What ``skills_graph.role_features.read_role_features`` hands over: role keys and titles
    in row order, role x feature matrices with feature labels, and texts per role."""

    @property
    def keys(self) -> Sequence[str]: ...

    @property
    def titles(self) -> Sequence[str]: ...

    @property
    def families(self) -> Mapping[str, tuple[sp.csr_matrix, Sequence[str]]]: ...

    @property
    def texts(self) -> Mapping[str, Sequence[str]]: ...


@dataclass(frozen=True)
class SimilarRole:
    """Another role, how close it is (0-1), and why: ``shared`` names the shared skills that
    carry most of the score, then other shared features (work activities, title words);
    ``details`` gives each feature family's part of the score."""

    key: str
    title: str
    score: float
    shared: tuple[str, ...]
    details: dict[str, float]


@dataclass(frozen=True)
class _Family:
    """One prepared family: a row-normalised matrix, or one scalar per role (NaN: none)."""

    name: str
    weight: float
    matrix: sp.csr_matrix | None
    labels: Sequence[str]
    scalar: np.ndarray | None = None

    @cached_property
    def active(self) -> np.ndarray:
        """Rows of the roles that have anything in this family; the others score 0 in it."""
        if self.scalar is not None:
            return np.flatnonzero(np.isfinite(self.scalar))
        assert self.matrix is not None
        return np.flatnonzero(np.diff(self.matrix.indptr) > 0)

    @cached_property
    def _active_transposed(self) -> sp.csr_matrix | np.ndarray:
        assert self.matrix is not None
        transposed = sp.csr_matrix(self.matrix[self.active].T)
        if transposed.shape[0] <= DENSE_PRODUCT_COLUMNS:
            return transposed.toarray()
        return transposed

    def block(self, rows: np.ndarray) -> np.ndarray:
        """Similarity of ``rows`` (all active) to every active role, as float32."""
        if self.scalar is not None:
            values = self.scalar[self.active]
            spread = float(values.max() - values.min()) or 1.0
            gap = np.abs(self.scalar[rows, None] - values[None, :]) / spread
            return np.asarray(1.0 - gap, dtype=np.float32)
        assert self.matrix is not None
        other = self._active_transposed
        if isinstance(other, np.ndarray):
            return np.asarray(self.matrix[rows].toarray() @ other, dtype=np.float32)
        return np.asarray((self.matrix[rows] @ other).toarray(), dtype=np.float32)

    def pair(self, row: int, other: int) -> float:
        """Similarity of one pair of roles in this family."""
        if not np.isin([row, other], self.active).all():
            return 0.0
        return float(self.block(np.array([row]))[0, np.searchsorted(self.active, other)])


def family_weight(name: str) -> float:
    return FAMILY_WEIGHTS.get(name.split(":", 1)[0], 0.5)


def _normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    result: sp.csr_matrix = sp.csr_matrix(sp.diags(1.0 / norms) @ matrix, dtype=np.float32)
    return result


def weigh_columns(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Standardise near-universal columns over the roles that have them (mean 0, spread 1);
    weigh the others by smoothed inverse document frequency; then normalise rows."""
    matrix = sp.csr_matrix(matrix, dtype=np.float64)
    active = max(1, int((np.diff(matrix.indptr) > 0).sum()))
    width, columns = matrix.shape[1], matrix.indices
    counts = np.bincount(columns, minlength=width).astype(np.float64)
    sums = np.bincount(columns, weights=matrix.data, minlength=width)
    squares = np.bincount(columns, weights=matrix.data**2, minlength=width)
    dense = (counts / active > DENSE_COLUMN) & (counts >= DENSE_MIN_ROLES)
    means = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    spread = np.sqrt(np.maximum(np.divide(squares, counts, out=np.zeros_like(sums),
                                          where=counts > 0) - means**2, 0.0))
    spread[spread == 0] = 1.0
    idf = np.log((1 + active) / (1 + counts)) + 1.0
    matrix.data = np.where(dense[columns], (matrix.data - means[columns]) / spread[columns],
                           matrix.data * idf[columns])
    matrix.eliminate_zeros()
    return _normalise_rows(matrix)


def _scalar(matrix: sp.csr_matrix) -> np.ndarray:
    """The one value per role of a scalar family; NaN where a role has none."""
    values = np.full(matrix.shape[0], np.nan)
    present = np.diff(matrix.indptr) > 0
    values[present] = np.asarray(matrix.sum(axis=1)).ravel()[present]
    return values


def _text_family(name: str, texts: Sequence[str]) -> _Family | None:
    if not any(text.strip() for text in texts):
        return None
    vectoriser = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2),
                                 min_df=2, max_df=0.5, dtype=np.float32)
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # every term too rare or too common: the family says nothing
        return None
    labels = list(vectoriser.get_feature_names_out())
    return _Family(name, family_weight(name), sp.csr_matrix(matrix), labels)


def _prepare(name: str, matrix: sp.csr_matrix, labels: Sequence[str]) -> _Family:
    kind = name.split(":", 1)[0]
    if kind in SCALAR_FAMILIES:
        return _Family(name, family_weight(name), None, labels, _scalar(matrix))
    weighted = _normalise_rows(matrix) if kind in PLAIN_FAMILIES else weigh_columns(matrix)
    return _Family(name, family_weight(name), weighted, labels)


def _add_family(family: _Family, rows: np.ndarray, total: np.ndarray) -> None:
    """Add the family's weighted similarity of ``rows`` to every role into ``total``; scalar
    families score 1 for equal values and 0 for the widest gap."""
    inside = np.isin(rows, family.active)
    if not inside.any():
        return
    block = family.weight * family.block(rows[inside])
    positions, columns = _contiguous(np.flatnonzero(inside)), _contiguous(family.active)
    if isinstance(positions, slice) and isinstance(columns, slice):
        total[positions, columns] += block  # roles sorted by key keep each taxonomy together
    else:
        total[np.ix_(np.arange(len(rows))[positions], family.active)] += block


def _contiguous(indices: np.ndarray) -> slice | np.ndarray:
    """A slice for a run of consecutive indices (cheap to add into), else the indices."""
    if len(indices) and indices[-1] - indices[0] + 1 == len(indices):
        return slice(int(indices[0]), int(indices[-1]) + 1)
    return indices


class RoleSimilarity:
    """Fit on a :class:`RoleFeatureSource`; then ask for similar roles, all pairs or one pair."""

    def __init__(self, weights: Mapping[str, float] | None = None) -> None:
        self.weights = weights

    def fit(self, data: RoleFeatureSource) -> RoleSimilarity:
        families = [_prepare(name, matrix, labels)
                    for name, (matrix, labels) in data.families.items()]
        families += [f for f in (_text_family(n, t) for n, t in data.texts.items()) if f]
        if self.weights is not None:
            families = [_reweigh(f, self.weights) for f in families]
        self.families_ = [f for f in families if f.weight > 0]
        self.keys_ = list(data.keys)
        self.titles_ = list(data.titles)
        self.index_ = {key: row for row, key in enumerate(self.keys_)}
        self.total_weight_ = sum(f.weight for f in self.families_) or 1.0
        return self

    def scores(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Similarity of the given roles (default: all) to every role, as a dense array."""
        rows = np.arange(len(self.keys_)) if rows is None else rows
        total = np.zeros((len(rows), len(self.keys_)), dtype=np.float32)
        for family in self.families_:
            _add_family(family, rows, total)
        total /= self.total_weight_
        return total

    def top(self, top: int = 10, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Row indices and scores of each given role's ``top`` most similar other roles."""
        rows = np.arange(len(self.keys_)) if rows is None else rows
        scores = self.scores(rows)
        scores[np.arange(len(rows)), rows] = -np.inf
        top = min(top, len(self.keys_) - 1)
        if top <= 0:
            return np.empty((len(rows), 0), dtype=np.int64), np.empty((len(rows), 0))
        best = np.argpartition(-scores, top - 1, axis=1)[:, :top]
        picked = np.take_along_axis(scores, best, axis=1)
        order = np.argsort(-picked, axis=1, kind="stable")
        return np.take_along_axis(best, order, axis=1), np.take_along_axis(picked, order, axis=1)

    def similar(self, key: str, top: int = 10) -> list[SimilarRole]:
        """The ``top`` roles most similar to ``key``, each explained. KeyError for unknown keys."""
        row = self.index_[key]
        best, scores = self.top(top, np.array([row]))
        return [self.explain(row, int(other), float(score))
                for other, score in zip(best[0], scores[0], strict=True)]

    def between(self, key: str, others: Sequence[str]) -> dict[str, SimilarRole]:
        """How similar ``key`` is to each of ``others`` (unknown keys are left out)."""
        row = self.index_[key]
        scores = self.scores(np.array([row]))[0]
        return {other: self.explain(row, self.index_[other], float(scores[self.index_[other]]))
                for other in others if other in self.index_}

    def explain(self, row: int, other: int, score: float) -> SimilarRole:
        """Each family's share of the score and the shared features that weigh most."""
        details: dict[str, float] = {}
        skills: list[tuple[float, str]] = []
        evidence: list[tuple[float, str]] = []
        for family in self.families_:
            value = family.pair(row, other)
            details[family.name] = round(family.weight * value / self.total_weight_, 4)
            kind = family.name.split(":", 1)[0]
            if family.matrix is not None and kind not in PLAIN_FAMILIES:
                (skills if kind in SKILL_FAMILIES else evidence).extend(_shared(family, row, other))
        shared = _top_labels(skills, SHARED_SKILLS) + _top_labels(evidence, SHARED_EVIDENCE)
        return SimilarRole(self.keys_[other], self.titles_[other], round(score, 4), shared,
                           {k: v for k, v in details.items() if v})


def _shared(family: _Family, row: int, other: int) -> list[tuple[float, str]]:
    """Features both roles have above the usual (a standardised column below zero is not shared)."""
    assert family.matrix is not None
    both = family.matrix[row].maximum(0).multiply(family.matrix[other].maximum(0)).tocoo()
    return [(family.weight * float(value), family.labels[column])
            for column, value in zip(both.col, both.data, strict=True) if value > 0]


def _top_labels(carried: list[tuple[float, str]], count: int) -> tuple[str, ...]:
    ranked = sorted(carried, key=lambda item: -item[0])
    return tuple(dict.fromkeys(label for _, label in ranked))[:count]


def _reweigh(family: _Family, weights: Mapping[str, float]) -> _Family:
    kind = family.name.split(":", 1)[0]
    weight = weights.get(family.name, weights.get(kind, family.weight))
    return _Family(family.name, weight, family.matrix, family.labels, family.scalar)


def similarity_between(
    model: RoleSimilarity, role_key: str, other_keys: Sequence[str]
) -> dict[str, tuple[float, SimilarRole]]:
    """Score and explanation of ``role_key`` against each of ``other_keys`` (for target ranking)."""
    return {key: (found.score, found) for key, found in model.between(role_key, other_keys).items()}
