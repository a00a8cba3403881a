"""Role similarity on tiny literal examples, and on features read back from an import."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sqlalchemy.orm import Session

from recommender.similarity import RoleSimilarity
from recommender.similarity import similarity_between
from skills_graph.importers.esco import import_esco
from skills_graph.importers.onet import import_onet
from skills_graph.role_features import read_role_features

KEYS = ["analyst", "scientist", "nurse", "midwife"]
SKILLS = ["SQL", "Statistics", "Patient care", "Anatomy"]


@dataclass
class Features:
    keys: list[str] = field(default_factory=lambda: list(KEYS))
    titles: list[str] = field(default_factory=lambda: [k.title() for k in KEYS])
    families: dict[str, tuple[sp.csr_matrix, list[str]]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)


def _skills() -> tuple[sp.csr_matrix, list[str]]:
    levels = [[5, 4, 0, 0], [4, 5, 0, 1], [0, 0, 5, 4], [0, 1, 4, 5]]
    return sp.csr_matrix(np.array(levels, dtype=float)), SKILLS


class TestTinyExample:
    def test_closest_role_and_its_explanation(self) -> None:
        model = RoleSimilarity().fit(Features(families={"skills:demo": _skills()}))
        [best] = model.similar("analyst", top=1)
        assert best.key == "scientist" and best.title == "Scientist"
        assert best.shared == ("SQL", "Statistics")
        assert best.details == {"skills:demo": best.score}

    def test_every_role_gets_top_n_others_in_order(self) -> None:
        model = RoleSimilarity().fit(Features(families={"skills:demo": _skills()}))
        best, scores = model.top(2)
        assert best.shape == (4, 2)
        assert all(row not in others for row, others in enumerate(best))
        assert np.all(scores[:, 0] >= scores[:, 1])
        assert [KEYS[i] for i in best[:, 0]] == ["scientist", "analyst", "midwife", "nurse"]

    def test_scalar_family_compares_values(self) -> None:
        zones = sp.csr_matrix(np.array([[4.0], [4.0], [3.0], [1.0]]))
        model = RoleSimilarity().fit(Features(families={"job-zone": (zones, ["Job zone"])}))
        between = model.between("analyst", ["scientist", "nurse", "midwife"])
        assert [between[k].score for k in ("scientist", "nurse", "midwife")] == \
            pytest.approx([1.0, 2 / 3, 0.0], abs=1e-4)

    def test_texts_and_weights(self) -> None:
        texts = {"tasks": ["query databases with sql", "model data with statistics and sql",
                           "care for patients on the ward", "deliver babies and care for mothers"]}
        model = RoleSimilarity({"skills": 0.0}).fit(
            Features(families={"skills:demo": _skills()}, texts=texts))
        assert [f.name for f in model.families_] == ["tasks"]
        assert model.similar("analyst", top=1)[0].key == "scientist"

    def test_similarity_between_for_the_ranking(self) -> None:
        model = RoleSimilarity().fit(Features(families={"skills:demo": _skills()}))
        scored = similarity_between(model, "nurse", ["midwife", "analyst", "unknown"])
        assert set(scored) == {"midwife", "analyst"}
        assert scored["midwife"][0] > scored["analyst"][0]
        assert "Patient care" in scored["midwife"][1].shared


def test_features_read_back_from_imports(session: Session, onet_dir: Path, esco_dir: Path) -> None:
    import_onet(session, onet_dir)
    import_esco(session, esco_dir)
    data = read_role_features(session)
    assert len(data.keys) == 5
    assert {"skills:onet", "knowledge:onet", "technology:onet-tech", "dwa", "group:soc",
            "skills:esco"} <= set(data.families)
    model = RoleSimilarity().fit(data)
    [closest] = model.similar("onet:15-1252.00", top=1)
    assert closest.key == "onet:15-1253.00"
    assert "Programming" in closest.shared
