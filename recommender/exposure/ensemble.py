"""The scikit-learn side of the model: TF-IDF blocks feeding an ensemble of logistic regressions.

Averaging the members' log-probabilities equals a softmax over their averaged logits, so the whole
ensemble folds into one linear model over the concatenated blocks, which is what gets shipped.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.base import ClassifierMixin
from sklearn.linear_model import LogisticRegression

from recommender.exposure.features import BLOCK_SPECS
from recommender.exposure.features import BlockSpec
from recommender.exposure.features import TfidfBlock
from recommender.exposure.features import block_from_vectorizer
from recommender.exposure.features import make_vectorizer
from recommender.exposure.texts import TaskTexts


@dataclass(frozen=True)
class MemberSpec:
    """One logistic regression of the ensemble: how much each block counts, and its penalty."""

    block_weights: Mapping[str, float]
    C: float = 2.0
    class_weight: str | None = None


#: Chosen in grouped cross-validation on the dev labels (see the package README section).
MEMBER_SPECS: tuple[MemberSpec, ...] = (
    MemberSpec(
        {
            "task_words": 1.0,
            "task_chars": 1.0,
            "title_words": 0.5,
            "role_words": 0.5,
            "leading_verb": 0.5,
        }
    ),
    MemberSpec({"task_words": 1.0, "leading_verb": 0.5}),
    MemberSpec(
        {"task_words": 1.0, "task_chars": 1.0, "title_words": 0.5, "role_words": 0.5},
        class_weight="balanced",
    ),
)


class ExposureEnsemble(ClassifierMixin, BaseEstimator):
    """Logistic regressions over weighted TF-IDF blocks, averaged in logit space.

    Parameters
    ----------
    members : tuple of MemberSpec
        The ensemble's members.
    blocks : tuple of BlockSpec
        The feature blocks the members draw on.
    max_iter : int
        Iteration cap of each logistic regression.
    """

    def __init__(
        self,
        members: tuple[MemberSpec, ...] = MEMBER_SPECS,
        blocks: tuple[BlockSpec, ...] = BLOCK_SPECS,
        max_iter: int = 5000,
    ) -> None:
        self.members = members
        self.blocks = blocks
        self.max_iter = max_iter

    def fit(self, texts: TaskTexts, y: np.ndarray) -> "ExposureEnsemble":
        """Learn every block's vocabulary, then each member, from ``texts`` and label codes ``y``."""
        self.vectorizers_ = {
            spec.name: make_vectorizer(spec).fit(texts.source(spec.source)) for spec in self.blocks
        }
        features = self._block_features(texts)
        self.estimators_ = [
            LogisticRegression(
                C=member.C, class_weight=member.class_weight, max_iter=self.max_iter
            ).fit(self._member_matrix(member, features), y)
            for member in self.members
        ]
        self.classes_ = self.estimators_[0].classes_
        self.coef_, self.intercept_ = self._combined()
        self.missing_fill_ = self._mean_contributions(features)
        return self

    def decision_function(self, texts: TaskTexts) -> np.ndarray:
        """The members' averaged logits, one row per task, one column per class."""
        features = self._block_features(texts)
        logits = [
            estimator.decision_function(self._member_matrix(member, features))
            for member, estimator in zip(self.members, self.estimators_, strict=True)
        ]
        fill = [
            np.outer(features[spec.name].getnnz(axis=1) == 0, self.missing_fill_[index])
            for index, spec in enumerate(self.blocks)
        ]
        return np.asarray(np.mean(logits, axis=0) + np.sum(fill, axis=0))

    def predict_proba(self, texts: TaskTexts) -> np.ndarray:
        """Softmax of :meth:`decision_function`."""
        logits = self.decision_function(texts)
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def predict(self, texts: TaskTexts) -> np.ndarray:
        """The most probable class code of each task."""
        return np.asarray(self.classes_[self.decision_function(texts).argmax(axis=1)])

    def linear_model(self) -> tuple[list[TfidfBlock], np.ndarray, np.ndarray, np.ndarray]:
        """The fitted ensemble as blocks, one coefficient matrix over all blocks, intercepts and
        each block's fill for tasks where it is empty (see :meth:`_mean_contributions`)."""
        blocks = [block_from_vectorizer(s, self.vectorizers_[s.name]) for s in self.blocks]
        return blocks, self.coef_, self.intercept_, self.missing_fill_

    def _widths(self) -> list[int]:
        return [len(self.vectorizers_[spec.name].vocabulary_) for spec in self.blocks]

    def _combined(self) -> tuple[np.ndarray, np.ndarray]:
        widths = self._widths()
        starts = np.concatenate([[0], np.cumsum(widths)])
        coef = np.zeros((len(self.classes_), int(starts[-1])))
        for member, estimator in zip(self.members, self.estimators_, strict=True):
            offset = 0
            for index, spec in enumerate(self.blocks):
                weight = member.block_weights.get(spec.name, 0.0)
                if weight:
                    span = estimator.coef_[:, offset : offset + widths[index]]
                    coef[:, starts[index] : starts[index + 1]] += weight * span
                    offset += widths[index]
        intercept = np.mean([estimator.intercept_ for estimator in self.estimators_], axis=0)
        return coef / len(self.members), intercept

    def _mean_contributions(self, features: dict[str, sparse.csr_matrix]) -> np.ndarray:
        """Mean logit contribution of each title and role block over the training tasks.

        A task scored without its title or role gets this mean in place of the missing block,
        as if the block's features were imputed by their training mean, so leaving context out
        does not bias the prediction toward one class.
        """
        starts = np.concatenate([[0], np.cumsum(self._widths())])
        fill = np.zeros((len(self.blocks), len(self.classes_)))
        for index, spec in enumerate(self.blocks):
            if spec.source != "task":
                span = self.coef_[:, starts[index] : starts[index + 1]]
                fill[index] = np.asarray(features[spec.name].mean(axis=0)) @ span.T
        return fill

    def _block_features(self, texts: TaskTexts) -> dict[str, sparse.csr_matrix]:
        return {
            spec.name: self.vectorizers_[spec.name].transform(texts.source(spec.source))
            for spec in self.blocks
        }

    def _member_matrix(
        self, member: MemberSpec, features: dict[str, sparse.csr_matrix]
    ) -> sparse.csr_matrix:
        parts = [
            features[spec.name] * member.block_weights[spec.name]
            for spec in self.blocks
            if member.block_weights.get(spec.name, 0.0)
        ]
        return sparse.csr_matrix(sparse.hstack(parts, format="csr"))
