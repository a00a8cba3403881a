"""Benchmark of the learning-path planner on synthetic catalogues of 1k, 5k and 20k courses.

For each size: latency of ``solve`` under its time limit (validation and preparation
included), optimality ratio against a cold exact solve without time limit, the share of
plans proven optimal, and hours saved against the rule-of-thumb plan (for each missing skill
the cheapest course plus its cheapest prerequisites). Then a whole organisation: 10,000
employees from 50 role templates against the 5k catalogue, with ``solve_many`` on 2 cores
(5 ms per plan by default; plans left more than 5% above their bound are searched on).

Run ``python bench/plan_bench.py`` (about ten minutes) or ``--quick``.
"""

from __future__ import annotations

import argparse
import math
import time
from typing import Any

import highspy
import numpy as np

from recommender.planner import simulate
from recommender.planner import solve
from recommender.planner import solve_many
from recommender.planner import synthetic
from recommender.planner.catalogue import Catalogue
from recommender.planner.catalogue import compile_catalogue
from recommender.planner.cycles import Cuts
from recommender.planner.cycles import add_cycle_rows
from recommender.planner.instance import reachable_levels
from recommender.planner.instance import split_instances
from recommender.planner.model import CoveringModel
from recommender.planner.objective import objective_weights
from recommender.planner.problem import parse_courses
from recommender.planner.sequence import CourseTable

SIZES = {1000: 45.0, 5000: 260.0, 20000: 850.0}


def reference_hours(cat: Catalogue, current: dict[str, int], target: dict[str, int]) -> float:
    """Optimal hours from plain cold MIP rounds: no LP phase, warm start or time limit."""
    cur, wanted = cat.levels(current), cat.levels(target)
    reach, takeable = reachable_levels(cat, cur)
    total = 0.0
    for inst in split_instances(cat, cat.hours, cat.cost, cur,
                                np.where(reach >= wanted, wanted, 0), takeable):
        table = CourseTable(inst)
        model = CoveringModel(table, objective_weights(inst.primary, inst.secondary))
        cuts = Cuts()
        while True:
            highs = model.highs(cuts, None, 3600.0)
            highs.run()
            assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
            picked = np.asarray(highs.getSolution().col_value[: inst.n_courses]) > 0.5
            ordering = table.order(np.flatnonzero(picked).tolist())
            if ordering.covers():
                break
            add_cycle_rows(table, ordering, cuts)
        total += float(inst.primary[picked].sum())
    return total


def rule_of_thumb_hours(courses: list[dict[str, Any]], current: dict[str, int],
                        target: dict[str, int], uncovered: dict[str, int]) -> float:
    """Hours of the plan: each missing skill's cheapest course plus its cheapest prerequisites."""
    by_skill: dict[str, list[dict[str, Any]]] = {}
    for course in sorted(courses, key=lambda c: c["hours"]):
        for skill in course["teaches"]:
            by_skill.setdefault(skill, []).append(course)
    chosen: dict[str, float] = {}

    def reach(skill: str, level: int, path: frozenset[str]) -> bool:
        if current.get(skill, 0) >= level:
            return True
        for course in by_skill.get(skill, []):
            if course["teaches"][skill] < level or course["id"] in path:
                continue
            if course["id"] in chosen or all(
                    reach(s, lv, path | {course["id"]}) for s, lv in course["requires"].items()):
                chosen[course["id"]] = course["hours"]
                return True
        return False

    for skill, level in target.items():
        if skill not in uncovered:
            reach(skill, level, frozenset())
    return sum(chosen.values())


def bench_size(size: int, instances: int, limit_ms: float) -> dict[str, Any]:
    """Latency, quality and savings for one catalogue size."""
    courses = synthetic.catalogue(size, seed=size)
    cat = compile_catalogue(parse_courses(courses))
    templates = synthetic.roles(50, max(200, size // 8), seed=size + 1)
    latency, ratio, proven, savings = [], [], [], []
    for current, target in synthetic.employees(templates, instances, seed=size + 2):
        problem = synthetic.problem(courses, current, target, time_limit_ms=limit_ms)
        started = time.perf_counter()
        plan = solve(problem)
        latency.append((time.perf_counter() - started) * 1000.0)
        levels = simulate(problem, plan.courses)
        assert all(levels.get(s, 0) >= t for s, t in target.items() if s not in plan.uncovered)
        best = reference_hours(cat, current, target)
        assert plan.lower_bound <= best + 1e-6 <= plan.total_hours + 2e-6
        ratio.append(plan.total_hours / best if best else 1.0)
        proven.append(plan.status == "optimal")
        rule = rule_of_thumb_hours(courses, current, target, plan.uncovered)
        savings.append(1.0 - plan.total_hours / rule if rule else 0.0)
    return {"courses": size, "n": instances, "limit_ms": limit_ms,
            "p50_ms": np.percentile(latency, 50), "p95_ms": np.percentile(latency, 95),
            "ratio_med": np.median(ratio), "ratio_p95": np.percentile(ratio, 95),
            "ratio_max": max(ratio), "optimal": np.mean(proven),
            "save_min": min(savings), "save_med": np.median(savings), "save_max": max(savings)}


def bench_organisation(employees: int, limit_ms: float, sample: int, scenario: str
                       ) -> dict[str, Any]:
    """Time ``solve_many`` over a whole organisation and check a sample against the optimum.

    ``own-role``: each person is planned into the role template they were drawn from, from
    partial current levels (60% of people know 30% of its skills at some level), so nearly
    every gap differs. ``reskilling``: each person's current levels are their current role's
    template with individual variation, planned into one of 5 hybrid target roles.
    """
    courses = synthetic.catalogue(5000, seed=5000)
    templates = synthetic.roles(50, 625, seed=77)
    if scenario == "own-role":
        people = synthetic.employees(templates, employees, seed=78)
    else:
        targets = synthetic.roles(5, 625, seed=80)
        people = synthetic.reskilling(templates, targets, employees, seed=81)
    problems = [synthetic.problem(courses, c, t, time_limit_ms=limit_ms) for c, t in people]
    started = time.perf_counter()
    plans = list(solve_many(problems, workers=2, progress=True))
    seconds = time.perf_counter() - started
    cat = compile_catalogue(parse_courses(courses))
    picks = np.random.default_rng(79).choice(employees, size=min(sample, employees), replace=False)
    ratios = []
    for index in picks.tolist():
        current, target = people[index]
        best = reference_hours(cat, current, target)
        ratios.append(plans[index].total_hours / best if best else 1.0)
    return {"employees": employees, "seconds": seconds,
            "distinct": len({id(p) for p in plans}),
            "optimal": np.mean([p.status == "optimal" for p in plans]),
            "ratio_med": np.median(ratios), "ratio_p95": np.percentile(ratios, 95),
            "ratio_max": max(ratios), "sample": len(ratios)}


def main() -> None:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer instances and employees")
    parser.add_argument("--instances", type=int, help="problems per catalogue size")
    parser.add_argument("--employees", type=int, help="employees in the organisation run")
    parser.add_argument("--org-limit-ms", type=float, default=5.0,
                        help="per-plan time limit in the organisation run")
    parser.add_argument("--org-sample", type=int,
                        help="organisation plans checked against the optimum (default 40)")
    parser.add_argument("--org-scenario", choices=["own-role", "reskilling", "both"],
                        default="both", help="whole-organisation scenario (see bench_organisation)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES),
                        help="catalogue sizes to time; give none to run only the organisation")
    args = parser.parse_args()
    instances = args.instances or (10 if args.quick else 40)
    employees = args.employees or (2000 if args.quick else 10000)
    print(f"{'courses':>7} {'n':>3} {'limit':>6} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'ratio med':>9} {'p95':>6} {'max':>6} {'optimal':>7} {'saves vs rule of thumb':>24}")
    for size in args.sizes:
        row = bench_size(size, instances, SIZES.get(size, 1000.0))
        print(f"{row['courses']:>7} {row['n']:>3} {row['limit_ms']:>6.0f} {row['p50_ms']:>7.1f} "
              f"{row['p95_ms']:>7.1f} {row['ratio_med']:>9.4f} {row['ratio_p95']:>6.4f} "
              f"{row['ratio_max']:>6.4f} {row['optimal']:>7.0%} "
              f"{row['save_med']:>8.1%} ({row['save_min']:.0%} to {row['save_max']:.0%})",
              flush=True)
    sample = args.org_sample or (10 if args.quick else 40)
    scenarios = ["own-role", "reskilling"] if args.org_scenario == "both" else [args.org_scenario]
    for scenario in scenarios:
        org = bench_organisation(employees, args.org_limit_ms, sample, scenario)
        print(f"\norganisation ({scenario}): {org['employees']} employees, 5000 courses, "
              f"2 workers, {args.org_limit_ms:.0f} ms per plan: {org['seconds']:.1f} s, "
              f"{org['distinct']} distinct gaps, {org['optimal']:.0%} proven optimal, "
              f"ratio on {org['sample']} sampled: median {org['ratio_med']:.4f}, "
              f"p95 {org['ratio_p95']:.4f}, max {org['ratio_max']:.4f}", flush=True)
        if not math.isfinite(org["seconds"]):
            raise SystemExit(1)


if __name__ == "__main__":
    main()
