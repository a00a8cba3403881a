"""The numpy inference path reproduces the scikit-learn ensemble it was exported from."""

from __future__ import annotations

import numpy as np
import pytest
from exposure_samples import TINY_LABELS
from scipy.special import softmax

from recommender.exposure.data import LabelledTask
from recommender.exposure.ensemble import ExposureEnsemble
from recommender.exposure.features import char_wb_ngrams
from recommender.exposure.features import make_vectorizer
from recommender.exposure.features import word_ngrams
from recommender.exposure.model import ExposureModel
from recommender.exposure.rubric import LABELS
from recommender.exposure.texts import TaskTexts
from recommender.exposure.texts import role_counts

LABELLED = [LabelledTask(code, title, task, label) for code, title, task, label in TINY_LABELS]
UNSEEN = TaskTexts.build(
    ["Type and proofread letters for patients.", "Repair wiring in hospital rooms.", "Counsel"],
    ["Medical Secretaries", None, "Registered Nurses"],
    [
        ["Type and proofread letters for patients.", "Schedule appointments.", "Greet visitors."],
        [],
        ["Administer medications to patients.", "Comfort patients and families in distress."],
    ],
)


@pytest.fixture(scope="module")
def ensemble() -> ExposureEnsemble:
    texts = TaskTexts.from_labelled(LABELLED)
    y = np.array([LABELS.index(item.label) for item in LABELLED])
    return ExposureEnsemble().fit(texts, y)


class TestAnalyzers:
    @pytest.mark.parametrize("text", ["Type letters,  reports & forms!", "a", "", "Über naïve"])
    @pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3)])
    def test_word_ngrams_match_scikit_learn(self, text: str, ngram_range: tuple[int, int]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        analyzer = TfidfVectorizer(ngram_range=ngram_range).build_analyzer()
        assert word_ngrams(text, ngram_range) == analyzer(text)

    @pytest.mark.parametrize("text", ["Type letters,  reports & forms!", "a", "I am", "Über"])
    @pytest.mark.parametrize("ngram_range", [(2, 5), (1, 1), (3, 4)])
    def test_char_ngrams_match_scikit_learn(self, text: str, ngram_range: tuple[int, int]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range).build_analyzer()
        mine = [g for word in text.lower().split() for g in char_wb_ngrams(word, ngram_range)]
        assert mine == analyzer(text)


class TestNumpyInference:
    def test_every_block_matches_its_vectorizer(self, ensemble: ExposureEnsemble) -> None:
        blocks, _, _, _ = ensemble.linear_model()
        for block in blocks:
            expected = ensemble.vectorizers_[block.spec.name].transform(
                UNSEEN.source(block.spec.source)
            )
            if block.spec.source == "role":
                counts = role_counts(block, UNSEEN)
            else:
                counts = block.counts(UNSEEN.source(block.spec.source))
            np.testing.assert_allclose(
                block.weigh(counts).toarray(), expected.toarray(), atol=1e-12
            )

    def test_probabilities_match_the_ensemble(self, ensemble: ExposureEnsemble) -> None:
        blocks, coef, intercept, fill = ensemble.linear_model()
        model = ExposureModel(tuple(blocks), coef, intercept, fill, 1.0, np.zeros(3))
        np.testing.assert_allclose(
            model.predict_proba(UNSEEN), ensemble.predict_proba(UNSEEN), rtol=0, atol=1e-12
        )

    def test_temperature_and_offsets_apply_after_the_ensemble(
        self, ensemble: ExposureEnsemble
    ) -> None:
        blocks, coef, intercept, fill = ensemble.linear_model()
        offsets = np.array([0.0, 0.4, -0.2])
        model = ExposureModel(tuple(blocks), coef, intercept, fill, 1.5, offsets)
        expected = softmax(ensemble.decision_function(UNSEEN) / 1.5 + offsets, axis=1)
        np.testing.assert_allclose(model.predict_proba(UNSEEN), expected, rtol=0, atol=1e-12)

    def test_role_context_leaves_the_task_itself_out(self, ensemble: ExposureEnsemble) -> None:
        blocks, _, _, _ = ensemble.linear_model()
        role_block = next(block for block in blocks if block.spec.source == "role")
        listed = TaskTexts.build(
            ["Counsel families."], None, [["Counsel families.", "Greet visitors."]]
        )
        unlisted = TaskTexts.build(["Counsel families."], None, [["Greet visitors."]])
        assert (role_counts(role_block, listed) != role_counts(role_block, unlisted)).nnz == 0

    def test_only_context_blocks_are_filled_when_missing(self, ensemble: ExposureEnsemble) -> None:
        blocks, _, _, fill = ensemble.linear_model()
        for block, block_fill in zip(blocks, fill, strict=True):
            assert np.any(block_fill != 0) == (block.spec.source != "task")

    def test_mismatched_lengths_are_refused(self) -> None:
        with pytest.raises(ValueError, match="one of each per task"):
            TaskTexts.build(["a", "b"], ["only one title"])

    def test_leading_verb_vectorizer_reads_the_first_word(self) -> None:
        from recommender.exposure.features import BLOCK_SPECS

        spec = next(spec for spec in BLOCK_SPECS if spec.analyzer == "leading_verb")
        vectorizer = make_vectorizer(spec).fit(["Type a.", "Type b.", "Lift c."])
        assert list(vectorizer.vocabulary_) == ["verb:type"]
