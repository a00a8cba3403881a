"""TF-IDF feature blocks: their specification, the scikit-learn vectorizers that learn them, and a
small numpy re-implementation that turns texts into the same matrices from stored arrays."""

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Literal

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

Source = Literal["task", "title", "role"]
Analyzer = Literal["word", "char_wb", "leading_verb"]

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class BlockSpec:
    """One group of features: which text it reads and how it cuts that text into terms."""

    name: str
    source: Source
    analyzer: Analyzer
    ngram_range: tuple[int, int]
    min_df: int
    max_df: float = 1.0


BLOCK_SPECS: tuple[BlockSpec, ...] = (
    BlockSpec("task_words", "task", "word", (1, 2), 2),
    BlockSpec("task_chars", "task", "char_wb", (2, 5), 3),
    BlockSpec("title_words", "title", "word", (1, 2), 1),
    BlockSpec("role_words", "role", "word", (1, 1), 2, 0.5),
    BlockSpec("leading_verb", "task", "leading_verb", (1, 1), 2),
)


def leading_verb(text: str) -> list[str]:
    """Return the task statement's first word as a ``verb:`` term (O*NET tasks open with a verb)."""
    words = text.lower().split()
    first = words[0].strip(",.;:") if words else ""
    return [f"verb:{first}"] if first else []


def word_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams exactly as scikit-learn's default word analyzer cuts them."""
    tokens = _TOKEN.findall(text.lower())
    low, high = ngram_range
    grams = list(tokens) if low == 1 else []
    for size in range(max(low, 2), high + 1):
        # The shifted token lists differ in length; zip stops at the last complete n-gram.
        shifted = (tokens[shift:] for shift in range(size))
        grams.extend(map(" ".join, zip(*shifted, strict=False)))
    return grams


def char_wb_ngrams(word: str, ngram_range: tuple[int, int]) -> list[str]:
    """Character n-grams of one padded word, as scikit-learn's ``char_wb`` analyzer cuts them:
    sizes longer than the padded word are skipped, except that a too-short word yields itself."""
    padded = f" {word} "
    length = len(padded)
    low, high = ngram_range
    return [
        padded[start : start + size]
        for size in range(low, max(low, min(high, length)) + 1)
        for start in range(max(length - size, 0) + 1)
    ]


def make_vectorizer(spec: BlockSpec) -> TfidfVectorizer:
    """Return the unfitted scikit-learn vectorizer that learns ``spec``'s vocabulary and idf."""
    common = dict(min_df=spec.min_df, max_df=spec.max_df, sublinear_tf=True)
    if spec.analyzer == "leading_verb":
        return TfidfVectorizer(analyzer=leading_verb, **common)
    return TfidfVectorizer(analyzer=spec.analyzer, ngram_range=spec.ngram_range, **common)


def role_context(task: str, role_tasks: Sequence[str]) -> str:
    """The role's other tasks as one text: ``role_tasks`` without one occurrence of ``task``."""
    others = list(role_tasks)
    if task in others:
        others.remove(task)
    return " ".join(others)


@dataclass(frozen=True)
class TfidfBlock:
    """A fitted feature block held as plain arrays: vocabulary (term -> column) and idf."""

    spec: BlockSpec
    terms: np.ndarray
    idf: np.ndarray
    vocabulary: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        vocabulary = {str(term): column for column, term in enumerate(self.terms.tolist())}
        object.__setattr__(self, "vocabulary", vocabulary)

    def counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Raw term counts of ``texts`` (rows) over this block's vocabulary (columns).

        Repeated texts (titles, mostly) are analysed once.
        """
        distinct = {text: row for row, text in enumerate(dict.fromkeys(texts))}
        if self.spec.analyzer == "char_wb":
            counts = self._char_counts(list(distinct))
        elif self.spec.analyzer == "leading_verb":
            counts = self._lookup([leading_verb(text) for text in distinct])
        else:
            counts = self._lookup([word_ngrams(text, self.spec.ngram_range) for text in distinct])
        if len(distinct) == len(texts):
            return counts
        return sparse.csr_matrix(counts[[distinct[text] for text in texts]])

    def weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Sublinear tf times idf, rows scaled to unit length, as ``TfidfVectorizer`` does."""
        weighted = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
        data = weighted.data
        np.log(data, out=data)
        data += 1.0
        data *= self.idf[weighted.indices]
        rows = np.repeat(np.arange(weighted.shape[0]), np.diff(weighted.indptr))
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=weighted.shape[0]))
        norms[norms == 0.0] = 1.0
        data /= norms[rows]
        return weighted

    def _lookup(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        get = self.vocabulary.get
        columns = [[c for c in map(get, terms) if c is not None] for terms in documents]
        return count_matrix(columns, len(self.terms))

    def _char_counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        # Character n-grams never cross words, so look them up once per distinct word.
        word_index: dict[str, int] = {}
        words = [
            [word_index.setdefault(word, len(word_index)) for word in text.lower().split()]
            for text in texts
        ]
        grams = self._lookup([char_wb_ngrams(word, self.spec.ngram_range) for word in word_index])
        return sparse.csr_matrix(count_matrix(words, len(word_index)) @ grams)


def count_matrix(columns: Sequence[Sequence[int]], width: int) -> sparse.csr_matrix:
    """Rows of column occurrences as a count matrix, repeated columns summed."""
    indptr = np.zeros(len(columns) + 1, dtype=np.int64)
    np.cumsum([len(row) for row in columns], out=indptr[1:])
    indices = np.fromiter(itertools.chain.from_iterable(columns), dtype=np.int64, count=indptr[-1])
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(columns), width))
    matrix.sum_duplicates()
    return matrix


def block_from_vectorizer(spec: BlockSpec, vectorizer: TfidfVectorizer) -> TfidfBlock:
    """Export a fitted vectorizer's vocabulary and idf as a :class:`TfidfBlock`."""
    terms = np.empty(len(vectorizer.vocabulary_), dtype=object)
    for term, column in vectorizer.vocabulary_.items():
        terms[column] = term
    return TfidfBlock(spec, terms.astype(str), np.asarray(vectorizer.idf_, dtype=np.float64))
