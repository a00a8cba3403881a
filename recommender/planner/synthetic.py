"""Seeded synthetic catalogues and employee gaps shaped like real learning catalogues.

Skills fall into domains; courses advance one main skill along a chain of levels (each
level usually requires the level below), touch up to five related skills of the same
domain, and often require a neighbouring skill, which creates prerequisite cycles across
courses. Used by the benchmark and the tests; nothing in the product depends on it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

DOMAIN_SIZE = 24


def catalogue(n_courses: int, seed: int) -> list[dict[str, Any]]:
    """``n_courses`` courses over ``max(200, n_courses // 8)`` skills."""
    rng = np.random.default_rng(seed)
    n_skills = max(200, n_courses // 8)
    return [_course(rng, f"c{i}", n_skills) for i in range(n_courses)]


def _course(rng: np.random.Generator, cid: str, n_skills: int) -> dict[str, Any]:
    main = int(rng.integers(n_skills))
    domain = main - main % DOMAIN_SIZE
    level = int(rng.choice([1, 2, 3, 4, 5], p=[0.25, 0.27, 0.23, 0.16, 0.09]))
    teaches = {f"s{main}": level}
    for _ in range(int(rng.choice([0, 1, 2, 3, 4, 5], p=[0.35, 0.25, 0.17, 0.12, 0.07, 0.04]))):
        other = domain + int(rng.integers(DOMAIN_SIZE))
        if other < n_skills:
            teaches.setdefault(f"s{other}", max(1, level - int(rng.integers(0, 3))))
    requires: dict[str, int] = {}
    if level > 1 and rng.random() < 0.8:
        requires[f"s{main}"] = level - int(rng.integers(1, min(level, 3)))
    if level > 1 and rng.random() < 0.5:
        other = domain + int(rng.integers(DOMAIN_SIZE))
        if other < n_skills and f"s{other}" not in teaches:
            requires[f"s{other}"] = max(1, level - 1 - int(rng.integers(0, 2)))
    hours = float(np.clip(np.round(rng.lognormal(np.log(4 + 4 * level + 3 * len(teaches)), 0.5)),
                          1, 60))
    cost = 0.0 if rng.random() < 0.3 else float(np.round(hours * rng.uniform(20, 80), -1))
    return {"id": cid, "hours": hours, "cost": cost, "teaches": teaches, "requires": requires}


def roles(n_roles: int, n_skills: int, seed: int) -> list[dict[str, int]]:
    """Role templates: target levels over 20-200 skills drawn from a few domains."""
    rng = np.random.default_rng(seed)
    templates = []
    for _ in range(n_roles):
        size = int(rng.integers(20, min(200, n_skills // 2) + 1))
        n_domains = min(n_skills // DOMAIN_SIZE, -(-size * 3 // (2 * DOMAIN_SIZE)))
        domains = rng.choice(n_skills // DOMAIN_SIZE, size=n_domains, replace=False)
        pool = np.concatenate([np.arange(d * DOMAIN_SIZE, (d + 1) * DOMAIN_SIZE) for d in domains])
        skills = rng.choice(pool, size=min(size, len(pool)), replace=False)
        levels = rng.choice([2, 3, 4, 5], size=len(skills), p=[0.3, 0.35, 0.25, 0.1])
        templates.append({f"s{s}": int(v) for s, v in zip(skills, levels, strict=True)})
    return templates


def employees(templates: list[dict[str, int]], n: int, seed: int
              ) -> list[tuple[dict[str, int], dict[str, int]]]:
    """``(current, target)`` pairs: a role's target, current levels varying per person.

    Many people in the same role share the exact same gap, as in real organisations.
    """
    rng = np.random.default_rng(seed)
    profiles = []
    for _ in range(n):
        target = templates[int(rng.integers(len(templates)))]
        current: dict[str, int] = {}
        if rng.random() < 0.6:
            for skill, level in target.items():
                if rng.random() < 0.3:
                    current[skill] = int(rng.integers(0, level + 1))
        profiles.append((current, target))
    return profiles


def reskilling(current_roles: list[dict[str, int]], targets: list[dict[str, int]], n: int,
               seed: int) -> list[tuple[dict[str, int], dict[str, int]]]:
    """``(current, target)`` pairs: a current role's levels varied per person, and the target
    role that current role reskills into (current role ``i`` goes to target ``i mod len``).

    Each person keeps each skill of their role with its level moved down or up by one a
    quarter of the time, and drops it a tenth of the time.
    """
    rng = np.random.default_rng(seed)
    profiles = []
    for _ in range(n):
        index = int(rng.integers(len(current_roles)))
        current: dict[str, int] = {}
        for skill, level in current_roles[index].items():
            draw = rng.random()
            if draw < 0.1:
                continue
            if draw < 0.35:
                level = int(np.clip(level + rng.choice([-1, 1]), 1, 5))
            current[skill] = level
        profiles.append((current, targets[index % len(targets)]))
    return profiles


def problem(courses: list[dict[str, Any]], current: dict[str, int], target: dict[str, int],
            **options: Any) -> dict[str, Any]:
    """A planning problem dictionary."""
    return {"current": current, "target": target, "courses": courses, **options}
