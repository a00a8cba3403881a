"""The shipped exposure model: plain arrays in an ``.npz`` file and a numpy inference path."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from functools import cached_property
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.special import softmax

from recommender.exposure import explain
from recommender.exposure.features import BlockSpec
from recommender.exposure.features import TfidfBlock
from recommender.exposure.records import ExposurePrediction
from recommender.exposure.rubric import CLASSES
from recommender.exposure.rubric import LABELS
from recommender.exposure.texts import TaskTexts
from recommender.exposure.texts import block_features

SHIPPED_MODEL = Path(__file__).with_name("exposure_model.npz")
FORMAT_VERSION = 1
_EXPLAINING_BLOCKS = ("task_words", "leading_verb")


@dataclass(frozen=True)
class ExposureModel:
    """A linear model over TF-IDF blocks, with temperature and class offsets, held as arrays.

    ``p = softmax((X @ coef.T + intercept + fill) / temperature + offsets)``, columns in
    ``LABELS`` order, where ``fill`` adds ``missing_fill[b]`` for each block ``b`` a task has no
    features in (no title, no role tasks): the block's mean contribution in training.
    """

    blocks: tuple[TfidfBlock, ...]
    coef: np.ndarray
    intercept: np.ndarray
    missing_fill: np.ndarray
    temperature: float
    offsets: np.ndarray
    metadata: dict[str, Any] = field(default_factory=dict)

    def scores(self, texts: TaskTexts) -> np.ndarray:
        """Adjusted logits; their softmax is the probability of each label."""
        return self._scores(block_features(self.blocks, texts))

    def predict_proba(self, texts: TaskTexts) -> np.ndarray:
        """Probabilities of ``E0``, ``E1``, ``E2`` for each task."""
        return np.asarray(softmax(self.scores(texts), axis=1))

    def _scores(self, matrices: list[sparse.csr_matrix]) -> np.ndarray:
        logits = sparse.hstack(matrices, format="csr") @ self.coef.T + self.intercept
        for matrix, fill in zip(matrices, self.missing_fill, strict=True):
            logits += np.outer(np.diff(matrix.indptr) == 0, fill)
        return np.asarray(logits / self.temperature + self.offsets)

    def predict(
        self,
        tasks: Sequence[str],
        occupation_titles: Sequence[str | None] | None = None,
        role_tasks: Sequence[Sequence[str]] | None = None,
    ) -> list[ExposurePrediction]:
        """Suggest an exposure class for each task statement, with probabilities and reasons.

        Parameters
        ----------
        tasks : sequence of str
            Task statements, one per prediction.
        occupation_titles : sequence of str or None, optional
            The title of each task's role, when known.
        role_tasks : sequence of sequences of str, optional
            The tasks of each task's role (the task itself may be listed; it is left out of its
            own context). The model reads the role's other tasks for context.

        Returns
        -------
        list of ExposurePrediction
        """
        matrices = block_features(
            self.blocks, TaskTexts.build(tasks, occupation_titles, role_tasks)
        )
        probabilities = softmax(self._scores(matrices), axis=1)
        order = np.argsort(-probabilities, axis=1, kind="stable")
        blocks, columns, coef, term_of_column, names = self._explainer
        features = sparse.hstack([matrices[i] for i in blocks], format="csr")[:, columns]
        support = explain.strongest(
            explain.term_pushes(features, coef, term_of_column, order[:, 0]), names
        )
        against = explain.strongest(
            explain.term_pushes(features, coef, term_of_column, order[:, 1], versus=order[:, 0]),
            names,
            count=explain.TOP_TERMS + 2,
        )
        return [
            _record(row, order[index], support[index], against[index])
            for index, row in enumerate(probabilities)
        ]

    def save(self, path: str | Path) -> None:
        """Write the model as a compressed ``.npz`` of plain arrays (no pickled objects)."""
        arrays: dict[str, Any] = {
            "coef": self.coef,
            "intercept": self.intercept,
            "missing_fill": self.missing_fill,
            "temperature": np.array(self.temperature),
            "offsets": self.offsets,
            "labels": np.array(LABELS),
            "metadata": np.array(json.dumps({**self.metadata, "format_version": FORMAT_VERSION})),
            "block_specs": np.array(json.dumps([_spec_json(b.spec) for b in self.blocks])),
        }
        for block in self.blocks:
            arrays[f"{block.spec.name}.terms"] = block.terms
            arrays[f"{block.spec.name}.idf"] = block.idf
        with Path(path).open("wb") as handle:
            np.savez_compressed(handle, **arrays)

    @cached_property
    def _explainer(self) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """What explains predictions: the blocks and their columns whose terms a person can read
        (stop words left out), the columns' tempered coefficients, the displayed term of each
        column (``verb:`` prefixes dropped, so a leading verb and the same word add up) and the
        displayed terms' names."""
        starts = np.cumsum([0] + [len(block.terms) for block in self.blocks])
        chosen = [i for i, b in enumerate(self.blocks) if b.spec.name in _EXPLAINING_BLOCKS]
        coef = np.hstack([self.coef[:, starts[i] : starts[i + 1]] for i in chosen])
        terms = np.concatenate([np.char.replace(self.blocks[i].terms, "verb:", "") for i in chosen])
        columns = np.flatnonzero(explain.readable(terms))
        names, term_of_column = np.unique(terms[columns], return_inverse=True)
        return chosen, columns, coef[:, columns] / self.temperature, term_of_column, names.tolist()


def _record(
    probabilities: np.ndarray,
    order: np.ndarray,
    top_terms: tuple[tuple[str, float], ...],
    against: tuple[tuple[str, float], ...],
) -> ExposurePrediction:
    predicted, runner_up = int(order[0]), int(order[1])
    shown = {term for term, _ in top_terms}
    reasons = tuple(item for item in against if item[0] not in shown)[:2]
    confidence = float(probabilities[predicted])
    return ExposurePrediction(
        exposure_class=CLASSES[predicted],
        label=LABELS[predicted],
        p_automate=float(probabilities[1]),
        p_augment=float(probabilities[2]),
        p_human_led=float(probabilities[0]),
        confidence=confidence,
        top_terms=top_terms,
        details=explain.sentence(predicted, confidence, top_terms, runner_up, reasons),
    )


def _spec_json(spec: BlockSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "source": spec.source,
        "analyzer": spec.analyzer,
        "ngram_range": list(spec.ngram_range),
        "min_df": spec.min_df,
        "max_df": spec.max_df,
    }


def read_model(path: str | Path) -> ExposureModel:
    """Read a model written by :meth:`ExposureModel.save`, refusing pickled content."""
    with np.load(Path(path), allow_pickle=False) as stored:
        specs = [_spec_from_json(item) for item in json.loads(str(stored["block_specs"]))]
        blocks = tuple(
            TfidfBlock(spec, stored[f"{spec.name}.terms"], stored[f"{spec.name}.idf"])
            for spec in specs
        )
        if tuple(stored["labels"].tolist()) != LABELS:
            raise ValueError(f"{path}: model labels {stored['labels'].tolist()} are not {LABELS}")
        return ExposureModel(
            blocks=blocks,
            coef=stored["coef"],
            intercept=stored["intercept"],
            missing_fill=stored["missing_fill"],
            temperature=float(stored["temperature"]),
            offsets=stored["offsets"],
            metadata=json.loads(str(stored["metadata"])),
        )


def _spec_from_json(item: dict[str, Any]) -> BlockSpec:
    return BlockSpec(
        name=item["name"],
        source=item["source"],
        analyzer=item["analyzer"],
        ngram_range=(int(item["ngram_range"][0]), int(item["ngram_range"][1])),
        min_df=int(item["min_df"]),
        max_df=float(item["max_df"]),
    )


@lru_cache(maxsize=4)
def _cached_model(path: Path, modified_ns: int) -> ExposureModel:
    return read_model(path)


def load_model(path: str | Path | None = None) -> ExposureModel:
    """Load the model at ``path``, or the model shipped with Reskill when ``path`` is None.

    Models are cached by resolved path and modification time, so repeated calls are free and a
    retrained file at the same path is picked up.
    """
    resolved = Path(path).resolve() if path is not None else SHIPPED_MODEL
    return _cached_model(resolved, resolved.stat().st_mtime_ns)
