"""Import and role-similarity figures on the real data in ../shared/data.

Run: ``.venv/bin/python bench/import_bench.py`` (from the project root). Prints the time of each
import into a fresh SQLite file, row counts, the time of all-pairs role similarity (top 10), the
graph build if available, and three honest proxies of similarity quality (O*NET's own related-
occupation lists are not in the data): the share found in each occupation's top 10 of its
same-broad-group SOC neighbours, of the occupations mapped from the same ISCO unit group by
Nesta's ESCO<->O*NET crosswalk, and of its five nearest occupations by ESCO's own skill lists
(through the crosswalk). Each is also shown with the SOC group features left out, so that the
first proxy does not grade itself.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from recommender.similarity import FAMILY_WEIGHTS
from recommender.similarity import RoleSimilarity
from skills_graph import models as m
from skills_graph.db import make_engine
from skills_graph.importers.course_mapping import load_mapping
from skills_graph.importers.courses import import_courses
from skills_graph.importers.esco import import_esco
from skills_graph.importers.onet import import_onet
from skills_graph.role_features import RoleFeatureData
from skills_graph.role_features import read_role_features
from web.cli_import import exposure_classifier

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
COUNTED = (m.Role, m.Task, m.Skill, m.RoleSkill, m.RoleFeature, m.SkillRelation, m.Course,
           m.CourseTeaches)


def timed(label: str, action: Callable[[], Any]) -> Any:
    """Run ``action``, printing wall-clock and CPU seconds (the CPU figure is what a busy
    shared machine does not inflate)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = action()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<48} {wall:7.2f} s wall {cpu:7.2f} s cpu")
    return result


def import_into(engine: Engine, label: str, action: Callable[[Session], Any]) -> None:
    def run() -> None:
        with Session(engine) as session:
            action(session)
            session.commit()
    timed(label, run)


def print_counts(engine: Engine) -> None:
    with Session(engine) as session:
        for model in COUNTED:
            total = session.scalar(select(func.count()).select_from(model))
            print(f"  {model.__tablename__:<20} {total:>9,}")


def proxy_truths(keys: list[str]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Per O*NET role row: same-broad-group rows, and rows crosswalked from the same ISCO unit."""
    row_of = {key.removeprefix("onet:"): row for row, key in enumerate(keys)}
    broad: defaultdict[str, set[int]] = defaultdict(set)
    for code, row in row_of.items():
        broad[code[:6]].add(row)
    isco: defaultdict[str, set[int]] = defaultdict(set)
    with (DATA / "crosswalks" / "esco_onet_crosswalk_nesta_2020.csv").open(encoding="utf-8") as f:
        for entry in csv.DictReader(f):
            if entry["onet_code"] in row_of:
                isco[entry["isco_code"]].add(row_of[entry["onet_code"]])
    same_isco: defaultdict[int, set[int]] = defaultdict(set)
    for rows in isco.values():
        for row in rows:
            same_isco[row] |= rows - {row}
    return ({row: broad[code[:6]] - {row} for code, row in row_of.items()}, dict(same_isco))


def recall(best: np.ndarray, truth: dict[int, set[int]]) -> float:
    found = sum(len(others & set(best[row].tolist())) for row, others in truth.items())
    return found / max(1, sum(len(others) for others in truth.values()))


def esco_neighbours(engine: Engine, keys: list[str]) -> dict[int, set[int]]:
    """Per O*NET role row: the five O*NET occupations nearest by ESCO's own skill lists (Jaccard
    of the skills of the ESCO occupations each is crosswalked from)."""
    row_of = {key.removeprefix("onet:"): row for row, key in enumerate(keys)}
    with Session(engine) as session:
        esco_skills: defaultdict[str, set[int]] = defaultdict(set)
        for key, skill_id in session.execute(select(m.Role.key, m.RoleSkill.skill_id).join(
                m.RoleSkill).where(m.Role.key.like("esco:%"))):
            esco_skills[key].add(skill_id)
    skills: defaultdict[int, set[int]] = defaultdict(set)
    with (DATA / "crosswalks" / "esco_onet_crosswalk_nesta_2020.csv").open(encoding="utf-8") as f:
        for entry in csv.DictReader(f):
            if entry["onet_code"] in row_of:
                uuid = entry["concept_uri"].rsplit("/", 1)[1]
                skills[row_of[entry["onet_code"]]] |= esco_skills.get(f"esco:{uuid}", set())
    nearest = {}
    for row, own in skills.items():
        ranked = sorted(((len(own & other) / len(own | other), peer)
                         for peer, other in skills.items() if peer != row and own & other),
                        reverse=True)
        nearest[row] = {peer for _, peer in ranked[:5]}
    return nearest


def similarity_figures(data: RoleFeatureData) -> tuple[np.ndarray, np.ndarray]:
    """Time the O*NET similarity and print the proxies that need no ESCO; return the top 10 of
    each role with and without the SOC group features."""
    model = timed("similarity: fit (TF-IDF, weighting)", lambda: RoleSimilarity().fit(data))
    best, _ = timed("similarity: all pairs, top 10", lambda: model.top(10))
    broad, isco = proxy_truths(data.keys)
    without_groups = RoleSimilarity({**FAMILY_WEIGHTS, "group": 0.0}).fit(data).top(10)[0]
    print(f"  proxy, same SOC broad group in top 10:  {recall(without_groups, broad):.3f} "
          f"(without SOC groups), {recall(best, broad):.3f} (all features)")
    print(f"  proxy, same ISCO unit (crosswalk):      {recall(without_groups, isco):.3f} "
          f"(without SOC groups), {recall(best, isco):.3f} (all features)")
    return best, without_groups


def graph_figure(engine: Engine) -> None:
    try:
        from skills_graph.build import build_graph  # the lead's module; measured when present
    except ImportError:
        print("graph build: skills_graph.build not available")
        return
    with Session(engine) as session:
        graph = timed("graph build (build_graph)", lambda: build_graph(session))
    print(f"  graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"no real data at {DATA}")
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        m.Base.metadata.create_all(engine)
        classify = exposure_classifier()
        label = "with" if classify else "without (not installed)"
        import_into(engine, f"import onet-29.3, {label} exposure model",
                    lambda s: import_onet(s, DATA / "onet-29.3", classify=classify))
        import_into(engine, "re-import onet-29.3 (all unchanged)",
                    lambda s: import_onet(s, DATA / "onet-29.3"))
        with Session(engine) as session:
            onet_data = timed("similarity: read features (O*NET)",
                              lambda: read_role_features(session))
        best, without_groups = similarity_figures(onet_data)
        import_into(engine, "import esco-1.1.1", lambda s: import_esco(s, DATA / "esco-1.1.1"))
        nearest = esco_neighbours(engine, onet_data.keys)
        print(f"  proxy, 5 nearest by ESCO skills in top 10: {recall(without_groups, nearest):.3f} "
              f"(without SOC groups), {recall(best, nearest):.3f} (all features)")
        import_into(engine, "import coursera_subject_skills_3404.csv", lambda s: import_courses(
            s, DATA / "course-catalogs" / "coursera_subject_skills_3404.csv",
            load_mapping("coursera-subject")))
        print_counts(engine)
        with Session(engine) as session:
            everything = timed("similarity: read features (O*NET + ESCO)",
                               lambda: read_role_features(session))
        model = timed("similarity: fit (O*NET + ESCO)", lambda: RoleSimilarity().fit(everything))
        timed(f"similarity: all pairs, top 10 ({len(everything.keys):,} roles)",
              lambda: model.top(10))
        graph_figure(engine)
        engine.dispose()


if __name__ == "__main__":
    main()
