"""Benchmark of the exposure model: load the shipped ``.npz`` and score 10,000 tasks.

Scores the first 10,000 tasks of the shared dev labels three ways: task text only, with the
role's title, and with title plus the role's other tasks as context. Each is timed as reading the
model file afresh plus full prediction records (probabilities and explanations), and as
probabilities only from a model in memory. Best of three runs, wall and CPU time.

Run ``python bench/exposure_bench.py`` from the project root (about ten seconds).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

IMPORT_START = time.perf_counter()

from recommender.exposure.data import read_labels  # noqa: E402
from recommender.exposure.model import SHIPPED_MODEL  # noqa: E402
from recommender.exposure.model import read_model  # noqa: E402
from recommender.exposure.texts import TaskTexts  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - IMPORT_START
DEV_LABELS = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "exposure-labels" / "dev_labels.tsv"
)
TASKS = 10_000


def timed(action: Callable[[], Any], repeats: int = 3) -> tuple[float, float, Any]:
    """Best wall time and best CPU time of ``repeats`` runs of ``action``, and its last result.

    CPU time is printed too because the figures are taken on shared machines, where wall time
    also counts waiting for other processes.
    """
    best_wall, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu, result


def main() -> None:
    """Print load and scoring times for the shipped model."""
    if not DEV_LABELS.exists():
        raise SystemExit(
            f"dev labels not found at {DEV_LABELS}; the benchmark needs ../shared/data"
        )
    texts = TaskTexts.from_labelled(read_labels(DEV_LABELS)[:TASKS])
    size_mb = SHIPPED_MODEL.stat().st_size / 1e6
    print(f"package import (numpy, scipy, scikit-learn): {IMPORT_SECONDS:.3f} s")
    load_wall, load_cpu, model = timed(lambda: read_model(SHIPPED_MODEL))
    print(f"load shipped model ({size_mb:.1f} MB): wall {load_wall:.3f} s, CPU {load_cpu:.3f} s")
    variants = {
        "task only": TaskTexts.build(texts.tasks),
        "task + title": TaskTexts.build(texts.tasks, texts.titles),
        "task + title + role tasks": texts,
    }
    for name, variant in variants.items():
        wall, cpu, _ = timed(partial(load_and_predict, variant))
        proba_wall, proba_cpu, _ = timed(partial(model.predict_proba, variant))
        print(
            f"{len(variant.tasks)} tasks, {name}:\n"
            f"  load from disk + records (probabilities + explanations): wall {wall:.3f} s,"
            f" CPU {cpu:.3f} s\n"
            f"  probabilities only, model in memory: wall {proba_wall:.3f} s, CPU {proba_cpu:.3f} s"
        )


def load_and_predict(texts: TaskTexts) -> list[Any]:
    """Read the shipped model afresh (no cache) and return full prediction records."""
    model = read_model(SHIPPED_MODEL)
    return model.predict(texts.tasks, texts.titles, texts.role_tasks)


if __name__ == "__main__":
    main()
