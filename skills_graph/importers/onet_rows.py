"""Declared shapes of the O*NET text release's rows (one schema per table, columns by header)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic import ValidationInfo
from pydantic import field_validator

from skills_graph.importers.base import SourceRow

SOC_CODE = r"^\d{2}-\d{4}\.\d{2}$"
SCALE_RANGES = {"IM": (1.0, 5.0), "LV": (0.0, 7.0)}
"""O*NET's importance scale runs 1-5 and its level scale 0-7 (``Scales Reference.txt``)."""


class _Coded(SourceRow):
    code: str = Field(alias="O*NET-SOC Code", pattern=SOC_CODE)


class OccupationRow(_Coded):
    title: str = Field(alias="Title", min_length=1)
    description: str = Field(alias="Description", default="")


class TaskRow(_Coded):
    task_id: int = Field(alias="Task ID", gt=0)
    statement: str = Field(alias="Task", min_length=1)
    task_type: Literal["Core", "Supplemental", ""] = Field(alias="Task Type", default="")


class RatingRow(_Coded):
    """A row of ``Skills``, ``Knowledge`` or ``Work Styles``: one scale value of one element."""

    element_id: str = Field(alias="Element ID", pattern=r"^\d(\.[A-Za-z0-9]+)+$")
    element_name: str = Field(alias="Element Name", min_length=1)
    scale: str = Field(alias="Scale ID", min_length=1)
    value: float = Field(alias="Data Value")
    not_relevant: Literal["Y", "N", ""] = Field(alias="Not Relevant", default="")

    @field_validator("value")
    @classmethod
    def _within_scale(cls, value: float, info: ValidationInfo) -> float:
        low, high = SCALE_RANGES.get(info.data.get("scale", ""), (float("-inf"), float("inf")))
        if not low <= value <= high:
            raise ValueError(f"must be within {low:g}-{high:g} on scale {info.data['scale']}")
        return value


class TechnologyRow(_Coded):
    example: str = Field(alias="Example", min_length=1)
    commodity_code: str = Field(alias="Commodity Code", pattern=r"^\d+$")
    commodity_title: str = Field(alias="Commodity Title", min_length=1)
    hot: Literal["Y", "N"] = Field(alias="Hot Technology")
    in_demand: Literal["Y", "N"] = Field(alias="In Demand", default="N")


class TaskActivityRow(_Coded):
    """A row of ``Tasks to DWAs``: a task statement linked to a detailed work activity."""

    task_id: int = Field(alias="Task ID", gt=0)
    dwa_id: str = Field(alias="DWA ID", pattern=r"^4\.A(\.[A-Za-z0-9]+)+$")
    dwa_title: str = Field(alias="DWA Title", min_length=1)


class ActivityRow(SourceRow):
    """A row of ``DWA Reference``: the generic and intermediate activity above each DWA."""

    element_id: str = Field(alias="Element ID")
    element_name: str = Field(alias="Element Name")
    iwa_id: str = Field(alias="IWA ID")
    iwa_title: str = Field(alias="IWA Title")
    dwa_id: str = Field(alias="DWA ID")


class JobZoneRow(_Coded):
    zone: int = Field(alias="Job Zone", ge=1, le=5)


class EducationRow(_Coded):
    """A row of ``Education, Training, and Experience``; the ``IM`` rows have no category."""

    scale: str = Field(alias="Scale ID")
    category: int | None = Field(alias="Category", default=None, ge=0)
    value: float = Field(alias="Data Value", ge=0, le=100)

    @field_validator("category", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value


class AlternateTitleRow(_Coded):
    title: str = Field(alias="Alternate Title", min_length=1)
    short_title: str = Field(alias="Short Title", default="")


class ElementRow(SourceRow):
    """A row of ``Content Model Reference``: the description of an element."""

    element_id: str = Field(alias="Element ID")
    description: str = Field(alias="Description", default="")
