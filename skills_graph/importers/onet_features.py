"""What O*NET says about an occupation beyond skills and tasks, as role features for similarity:
work activities (DWA, IWA, GWA), technologies, work styles, job zone, education and the
SOC code's groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from skills_graph.importers.onet_read import OnetRelease
from skills_graph.importers.slugs import slug

Feature = tuple[str, str, str, float]
"""(family, feature, label, weight) of one occupation."""


SOC_LEVELS = (("major", 2, 0.3), ("minor", 5, 0.6), ("broad", 6, 1.0), ("detailed", 7, 1.0))
"""SOC group levels: name, length of the code prefix, weight (a shared fine group says more)."""


def soc_groups(code: str) -> Iterator[Feature]:
    """The SOC major, minor, broad and detailed groups a code like ``15-1252.00`` belongs to."""
    for level, length, weight in SOC_LEVELS:
        prefix = code[:length]
        yield "group:soc", f"soc-{level}:{prefix}", f"SOC {level} group {prefix}", weight


def occupation_features(release: OnetRelease, shares: dict[int, float]) -> dict[str, list[Feature]]:
    """Features per occupation code; ``shares`` is each task's share of working time (percent)."""
    features: defaultdict[str, list[Feature]] = defaultdict(list)
    for code in release.occupations:
        features[code].extend(soc_groups(code))
    for code, zone in release.job_zones.items():
        features[code].append(("job-zone", "zone", "Job zone", float(zone)))
    for code, categories in release.education.items():
        total = sum(categories.values())
        if total > 0:
            level = sum(cat * share for cat, share in categories.items()) / total
            features[code].append(("education", "level", "Required level of education", level))
    for (code, element), rating in release.work_styles.items():
        if "IM" in rating.scales:
            features[code].append(("work-style", element, rating.name, rating.scales["IM"]))
    _add_technology(release, features)
    _add_activities(release, shares, features)
    return dict(features)


def _add_technology(release: OnetRelease, features: defaultdict[str, list[Feature]]) -> None:
    seen: set[tuple[str, str]] = set()
    for row in release.technology:
        weight = 2.0 if row.hot == "Y" else 1.0
        example = ("technology", f"example:{slug(row.example)}", row.example, weight)
        commodity = ("technology", f"commodity:{row.commodity_code}", row.commodity_title, 1.0)
        for family, feature, label, value in (example, commodity):
            if (row.code, feature) not in seen:
                seen.add((row.code, feature))
                features[row.code].append((family, feature, label, value))


def _add_activities(
    release: OnetRelease, shares: dict[int, float], features: defaultdict[str, list[Feature]]
) -> None:
    """DWAs, their IWAs and GWAs, each weighted by the working time of the tasks behind it."""
    weights: defaultdict[tuple[str, str, str], float] = defaultdict(float)
    labels: dict[tuple[str, str], str] = {}
    for task in release.tasks:
        for link in release.task_activities.get(task.task_id, []):
            share = shares.get(task.task_id, 0.0) / 100
            reference = release.activities.get(link.dwa_id)
            iwa = link.dwa_id.rsplit(".", 1)[0]
            gwa = iwa.rsplit(".", 1)[0]
            labels["dwa", link.dwa_id] = link.dwa_title
            labels["iwa", iwa] = reference.iwa_title if reference else iwa
            labels["gwa", gwa] = reference.element_name if reference else gwa
            for family, ident in (("dwa", link.dwa_id), ("iwa", iwa), ("gwa", gwa)):
                weights[task.code, family, ident] += share
    for (code, family, ident), weight in weights.items():
        features[code].append((family, ident, labels[family, ident], round(weight, 6)))
