"""Read and check an O*NET text release (tab-delimited ``.txt`` tables) into plain records.

``Occupation Data``, ``Task Statements``, ``Skills`` and ``Knowledge`` are required; the other
tables (technology, work activities, work styles, job zones, education, alternate titles,
element descriptions) are read when present.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import TypeVar

from skills_graph.importers.base import ImportDataError
from skills_graph.importers.base import Rejects
from skills_graph.importers.base import RowError
from skills_graph.importers.base import SourceRow
from skills_graph.importers.base import Table
from skills_graph.importers.onet_rows import ActivityRow
from skills_graph.importers.onet_rows import AlternateTitleRow
from skills_graph.importers.onet_rows import EducationRow
from skills_graph.importers.onet_rows import ElementRow
from skills_graph.importers.onet_rows import JobZoneRow
from skills_graph.importers.onet_rows import OccupationRow
from skills_graph.importers.onet_rows import RatingRow
from skills_graph.importers.onet_rows import TaskActivityRow
from skills_graph.importers.onet_rows import TaskRow
from skills_graph.importers.onet_rows import TechnologyRow

Row = TypeVar("Row", bound=SourceRow)
REQUIRED = ("Occupation Data", "Task Statements", "Skills", "Knowledge")


@dataclass
class Rating:
    """One element of one occupation: its name and its value on each scale (``IM``, ``LV``)."""

    name: str
    scales: dict[str, float] = field(default_factory=dict)
    relevant: bool = True


@dataclass
class OnetRelease:
    occupations: dict[str, OccupationRow] = field(default_factory=dict)
    tasks: list[TaskRow] = field(default_factory=list)
    skills: dict[tuple[str, str], Rating] = field(default_factory=dict)
    knowledge: dict[tuple[str, str], Rating] = field(default_factory=dict)
    work_styles: dict[tuple[str, str], Rating] = field(default_factory=dict)
    technology: list[TechnologyRow] = field(default_factory=list)
    task_activities: dict[int, list[TaskActivityRow]] = field(default_factory=dict)
    activities: dict[str, ActivityRow] = field(default_factory=dict)
    job_zones: dict[str, int] = field(default_factory=dict)
    education: dict[str, dict[int, float]] = field(default_factory=dict)
    alternate_titles: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


class _Reader:
    """Reads the tables of one release directory, checking occupation codes against the first."""

    def __init__(self, directory: Path, rejects: Rejects, progress: bool) -> None:
        self.directory = directory
        self.rejects = rejects
        self.progress = progress
        self.codes: set[str] | None = None

    def rows(self, name: str, schema: type[Row]) -> list[Row]:
        path = self.directory / f"{name}.txt"
        if not path.exists():
            if name in REQUIRED:  # fatal even with --skip-invalid: nothing could be imported
                raise ImportDataError([RowError(path.name, 0, "",
                                                f"required table missing from {self.directory}")])
            return []
        table = Table(path, schema, delimiter="\t", progress=self.progress)
        return [row for line, row in table.rows(self.rejects) if self._known(path, line, row)]

    def _known(self, path: Path, line: int, row: SourceRow) -> bool:
        code = getattr(row, "code", None)
        if code is None or self.codes is None or code in self.codes:
            return True
        self.rejects.add(path.name, line, "O*NET-SOC Code", f"unknown occupation {code!r}")
        return False

    def ratings(self, name: str) -> dict[tuple[str, str], Rating]:
        ratings: dict[tuple[str, str], Rating] = {}
        for row in self.rows(name, RatingRow):
            rating = ratings.setdefault((row.code, row.element_id), Rating(row.element_name))
            rating.scales[row.scale] = row.value
            rating.relevant = rating.relevant and row.not_relevant != "Y"
        return ratings


def read_release(directory: Path, rejects: Rejects, progress: bool = False) -> OnetRelease:
    """Every table of the release in ``directory``; bad rows go to ``rejects``."""
    reader = _Reader(directory, rejects, progress)
    release = OnetRelease()
    release.occupations = {row.code: row for row in reader.rows("Occupation Data", OccupationRow)}
    reader.codes = set(release.occupations)
    release.tasks = reader.rows("Task Statements", TaskRow)
    release.skills = reader.ratings("Skills")
    release.knowledge = reader.ratings("Knowledge")
    release.work_styles = reader.ratings("Work Styles")
    release.technology = reader.rows("Technology Skills", TechnologyRow)
    _read_activities(reader, release)
    release.job_zones = {row.code: row.zone for row in reader.rows("Job Zones", JobZoneRow)}
    release.education = _education(reader.rows("Education, Training, and Experience", EducationRow))
    release.alternate_titles = _alternate_titles(reader.rows("Alternate Titles", AlternateTitleRow))
    elements = reader.rows("Content Model Reference", ElementRow)
    release.descriptions = {row.element_id: row.description for row in elements}
    return release


def _read_activities(reader: _Reader, release: OnetRelease) -> None:
    by_task: defaultdict[int, list[TaskActivityRow]] = defaultdict(list)
    for row in reader.rows("Tasks to DWAs", TaskActivityRow):
        by_task[row.task_id].append(row)
    release.task_activities = dict(by_task)
    release.activities = {row.dwa_id: row for row in reader.rows("DWA Reference", ActivityRow)}


def _education(rows: list[EducationRow]) -> dict[str, dict[int, float]]:
    """Share of respondents per required-level-of-education category (scale ``RL``)."""
    shares: defaultdict[str, dict[int, float]] = defaultdict(dict)
    for row in rows:
        if row.scale == "RL" and row.category is not None:
            shares[row.code][row.category] = row.value
    return dict(shares)


def _alternate_titles(rows: list[AlternateTitleRow]) -> dict[str, list[str]]:
    titles: defaultdict[str, dict[str, None]] = defaultdict(dict)
    for row in rows:
        titles[row.code][row.title] = None
        if row.short_title:
            titles[row.code][row.short_title] = None
    return {code: list(names) for code, names in titles.items()}
