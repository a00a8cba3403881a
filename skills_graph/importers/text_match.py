"""Link free-text skill names to stored skills: exact name, then alternative label, then the
closest label by TF-IDF cosine over character 3-grams above a threshold.

The vectoriser is a few lines of NumPy/SciPy, since ``skills_graph`` does not use scikit-learn.

>>> matcher = SkillMatcher([("skill:sql", "SQL", ""), ("skill:py", "Python (computer programming)",
...                                                      "Python")])
>>> matcher.link(["sql", "python", "Python computer programing", "Knitting"])
{'sql': 'skill:sql', 'python': 'skill:py', 'Python computer programing': 'skill:py'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

THRESHOLD = 0.75
"""Cosine similarity a name needs with a skill's label to be linked to it."""
GRAM = 3
COMMON = 0.02
"""Grams in more than this share of labels (and in over ``COMMON_MIN`` of them) count in vector
norms but are left out of the product: they add little to a cosine and most of its cost."""
COMMON_MIN = 100
CHUNK = 256


def normalise(name: str) -> str:
    """Lower case, words only, single spaces: how names are compared."""
    return " ".join(re.findall(r"[a-z0-9+#]+", name.lower()))


def _grams(text: str) -> list[str]:
    padded = f" {text} "
    return [padded[i:i + GRAM] for i in range(len(padded) - GRAM + 1)]


class SkillMatcher:
    """Built once from ``(key, name, alt_labels)`` of the stored skills (alt labels newline
    separated); ``link`` maps names to keys and leaves out those it cannot link."""

    def __init__(
        self, skills: Iterable[tuple[str, str, str]], threshold: float = THRESHOLD
    ) -> None:
        self.threshold = threshold
        self.exact: dict[str, str] = {}
        self.labels: list[str] = []
        self.label_keys: list[str] = []
        alternatives: dict[str, str] = {}
        for key, name, alt_labels in skills:
            self.exact.setdefault(normalise(name), key)
            for label in [name, *alt_labels.splitlines()]:
                text = normalise(label)
                if text:
                    alternatives.setdefault(text, key)
                    self.labels.append(text)
                    self.label_keys.append(key)
        self.exact = alternatives | self.exact
        self._fit()

    def _fit(self) -> None:
        self.vocabulary: dict[str, int] = {}
        rows, cols = [], []
        for row, label in enumerate(self.labels):
            for gram in set(_grams(label)):
                rows.append(row)
                cols.append(self.vocabulary.setdefault(gram, len(self.vocabulary)))
        counts = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(self.vocabulary))
        self.idf = np.log((1 + len(self.labels)) / (1 + counts)) + 1.0
        self.unseen_idf = float(np.log(1 + len(self.labels)) + 1.0)
        matrix = sp.csr_matrix((self.idf[cols], (rows, cols)),
                               shape=(len(self.labels), len(self.vocabulary)))
        unit = _unit_rows(matrix, np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        rare = sp.diags((counts <= max(COMMON * len(self.labels), COMMON_MIN)).astype(np.float64))
        self.matrix = sp.csr_matrix(unit @ rare)
        self.matrix.eliminate_zeros()

    def _vectors(self, names: Sequence[str]) -> sp.csr_matrix:
        rows, cols, norms = [], [], np.zeros(len(names))
        for row, name in enumerate(names):
            for gram in set(_grams(name)):
                column = self.vocabulary.get(gram)
                weight = self.idf[column] if column is not None else self.unseen_idf
                norms[row] += weight**2
                if column is not None:
                    rows.append(row)
                    cols.append(column)
        matrix = sp.csr_matrix((self.idf[cols], (rows, cols)),
                               shape=(len(names), len(self.vocabulary)))
        return _unit_rows(matrix, norms)

    def link(self, names: Iterable[str]) -> dict[str, str]:
        """Skill key for each name that matches; names that do not are left out."""
        linked: dict[str, str] = {}
        fuzzy: list[str] = []
        for name in dict.fromkeys(names):
            key = self.exact.get(normalise(name))
            if key is not None:
                linked[name] = key
            elif normalise(name):
                fuzzy.append(name)
        for start in range(0, len(fuzzy) if self.labels else 0, CHUNK):
            linked |= self._closest(fuzzy[start:start + CHUNK])
        return linked

    def _closest(self, names: list[str]) -> dict[str, str]:
        scores = (self._vectors([normalise(n) for n in names]) @ self.matrix.T).tocsr()
        linked = {}
        for row, name in enumerate(names):
            start, end = scores.indptr[row], scores.indptr[row + 1]
            if end > start:
                best = start + int(np.argmax(scores.data[start:end]))
                if scores.data[best] >= self.threshold:
                    linked[name] = self.label_keys[scores.indices[best]]
        return linked


def _unit_rows(matrix: sp.csr_matrix, squared_norms: np.ndarray) -> sp.csr_matrix:
    norms = np.sqrt(squared_norms)
    norms[norms == 0] = 1.0
    result: sp.csr_matrix = sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)
    return result
