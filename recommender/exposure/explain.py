"""Readable reasons for a prediction: the task's words that pushed most toward each class."""

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from recommender.exposure.rubric import CLASSES

TOP_TERMS = 5

_LEANING = {
    "automate": "work an AI model can do alone",
    "augment": "AI-assisted work",
    "human-led": "human-led work",
}


def term_pushes(
    features: sparse.csr_matrix,
    coef: np.ndarray,
    term_of_column: np.ndarray,
    toward: np.ndarray,
    versus: np.ndarray | None = None,
) -> sparse.csr_matrix:
    """How far each task's terms push class ``toward[row]`` above ``versus[row]``.

    The push of a feature is its value times the difference between its coefficient for the class
    and its coefficient for ``versus[row]`` (or, without ``versus``, the mean of the other
    classes). Features showing the same term (column ``term_of_column[c]``) add up.
    """
    rows = np.repeat(np.arange(features.shape[0]), np.diff(features.indptr))
    gain = coef[toward[rows], features.indices]
    if versus is None:
        rest = (coef[:, features.indices].sum(axis=0) - gain) / (len(coef) - 1)
    else:
        rest = coef[versus[rows], features.indices]
    pushes = sparse.csr_matrix(
        (features.data * (gain - rest), (rows, term_of_column[features.indices])),
        shape=(features.shape[0], int(term_of_column.max(initial=-1)) + 1),
    )
    pushes.sum_duplicates()
    return pushes


def readable(terms: np.ndarray) -> np.ndarray:
    """Mask of terms worth showing a person: none of their words is a stop word like 'the'."""
    return np.array([not ENGLISH_STOP_WORDS.intersection(term.split()) for term in terms.tolist()])


def strongest(
    pushes: sparse.csr_matrix, names: list[str], count: int = TOP_TERMS
) -> list[tuple[tuple[str, float], ...]]:
    """For each row, the ``count`` terms with the largest positive push, largest first."""
    size = pushes.shape[0]
    rows = np.repeat(np.arange(size), np.diff(pushes.indptr))
    positive = pushes.data > 0
    rows, columns, values = rows[positive], pushes.indices[positive], pushes.data[positive]
    order = np.lexsort((columns, -values, rows))
    rows, columns, values = rows[order], columns[order], values[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    kept = rank < count
    ranked: list[list[tuple[str, float]]] = [[] for _ in range(size)]
    for row, column, value in zip(
        rows[kept].tolist(),
        columns[kept].tolist(),
        np.round(values[kept], 4).tolist(),
        strict=True,
    ):
        ranked[row].append((names[column], value))
    return [tuple(terms) for terms in ranked]


def sentence(
    predicted: int,
    confidence: float,
    support: tuple[tuple[str, float], ...],
    runner_up: int,
    against: tuple[tuple[str, float], ...],
) -> str:
    """One sentence naming the suggestion, its probability and the terms for and against it."""
    name = CLASSES[predicted]
    opening = f"Suggested {name} ({confidence:.0%})"
    if not support:
        return (
            f"{opening}: no single word stands out; the suggestion rests on word parts and context."
        )
    text = f"{opening}: {_quoted(support)} {_verb(support)} to {_LEANING[name]}"
    if against:
        rival = CLASSES[runner_up]
        text += f"; {_quoted(against)} {_verb(against)} to {_LEANING[rival]}"
    return text + "."


def _quoted(terms: tuple[tuple[str, float], ...]) -> str:
    return ", ".join(f"'{term}'" for term, _ in terms)


def _verb(terms: tuple[tuple[str, float], ...]) -> str:
    return "points" if len(terms) == 1 else "point"
