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
    context_dropout : float
        Share of tasks repeated without title and role tasks when fitting the regressions, so the
        model also scores tasks well when their role is unknown.
    random_state : int
        Seed of the choice of those tasks.
    """

    def __init__(
        self,
        members: tuple[MemberSpec, ...] = MEMBER_SPECS,
        blocks: tuple[BlockSpec, ...] = BLOCK_SPECS,
        max_iter: int = 5000,
        context_dropout: float = 0.5,
        random_state: int = 0,
    ) -> None:
        self.members = members
        self.blocks = blocks
        self.max_iter = max_iter
        self.context_dropout = context_dropout
        self.random_state = random_state

    def fit(self, texts: TaskTexts, y: np.ndarray) -> "ExposureEnsemble":
        """Learn every block's vocabulary, then each member, from ``texts`` and label codes ``y``."""
        self.vectorizers_ = {
            spec.name: make_vectorizer(spec).fit(texts.source(spec.source)) for spec in self.blocks
        }
        texts, y = self._with_context_dropped(texts, y)
        features = self._block_features(texts)
        self.estimators_ = [
            LogisticRegression(
                C=member.C, class_weight=member.class_weight, max_iter=self.max_iter
            ).fit(self._member_matrix(member, features), y)
            for member in self.members
        ]
        self.classes_ = self.estimators_[0].classes_
        return self

    def decision_function(self, texts: TaskTexts) -> np.ndarray:
        """The members' averaged logits, one row per task, one column per class."""
        features = self._block_features(texts)
        logits = [
            estimator.decision_function(self._member_matrix(member, features))
            for member, estimator in zip(self.members, self.estimators_, strict=True)
        ]
        return np.asarray(np.mean(logits, axis=0))

    def predict_proba(self, texts: TaskTexts) -> np.ndarray:
        """Softmax of :meth:`decision_function`."""
        logits = self.decision_function(texts)
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def predict(self, texts: TaskTexts) -> np.ndarray:
        """The most probable class code of each task."""
        return np.asarray(self.classes_[self.decision_function(texts).argmax(axis=1)])

    def linear_model(self) -> tuple[list[TfidfBlock], np.ndarray, np.ndarray]:
        """The fitted ensemble as blocks, one coefficient matrix over all blocks, and intercepts."""
        blocks = [block_from_vectorizer(s, self.vectorizers_[s.name]) for s in self.blocks]
        widths = [len(block.terms) for block in blocks]
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
        count = len(self.members)
        intercept = np.mean([estimator.intercept_ for estimator in self.estimators_], axis=0)
        return blocks, coef / count, intercept

    def _with_context_dropped(
        self, texts: TaskTexts, y: np.ndarray
    ) -> tuple[TaskTexts, np.ndarray]:
        rng = np.random.default_rng(self.random_state)
        rows = np.flatnonzero(rng.random(len(y)) < self.context_dropout)
        bare = TaskTexts.build([texts.tasks[row] for row in rows])
        augmented = TaskTexts(
            texts.tasks + bare.tasks, texts.titles + bare.titles, texts.role_tasks + bare.role_tasks
        )
        return augmented, np.concatenate([y, y[rows]])

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
