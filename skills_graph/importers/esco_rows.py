"""Declared shapes of ESCO v1.1 CSV rows (English files as published), columns by header."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from skills_graph.importers.base import SourceRow

ESCO = "http://data.europa.eu/esco/"
CONCEPT = r"^http://data\.europa\.eu/esco/[a-z-]+/[A-Za-z0-9.-]+$"


def esco_key(uri: str) -> str:
    """Our key for an ESCO concept: ``esco:<uuid>`` for skills and occupations, else the path.

    >>> esco_key("http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab")
    'esco:0005c151-5b5a-4a66-8aac-60e734beb1ab'
    >>> esco_key("http://data.europa.eu/esco/isced-f/0613")
    'esco:isced-f/0613'
    """
    path = uri.removeprefix(ESCO)
    for kind in ("skill/", "occupation/"):
        path = path.removeprefix(kind)
    return f"esco:{path}"


class OccupationRow(SourceRow):
    uri: str = Field(alias="conceptUri", pattern=r"^http://data\.europa\.eu/esco/occupation/")
    isco_group: str = Field(alias="iscoGroup", pattern=r"^(\d{4})?$", default="")
    label: str = Field(alias="preferredLabel", min_length=1, max_length=300)
    alt_labels: str = Field(alias="altLabels", default="")
    description: str = Field(alias="description", default="")


class SkillRow(SourceRow):
    uri: str = Field(alias="conceptUri", pattern=CONCEPT)
    skill_type: Literal["skill/competence", "knowledge", ""] = Field(alias="skillType", default="")
    label: str = Field(alias="preferredLabel", min_length=1, max_length=300)
    alt_labels: str = Field(alias="altLabels", default="")
    description: str = Field(alias="description", default="")


class SkillGroupRow(SourceRow):
    uri: str = Field(alias="conceptUri", pattern=CONCEPT)
    label: str = Field(alias="preferredLabel", min_length=1, max_length=300)
    alt_labels: str = Field(alias="altLabels", default="")
    description: str = Field(alias="description", default="")


class OccupationSkillRow(SourceRow):
    occupation: str = Field(alias="occupationUri", pattern=CONCEPT)
    relation: Literal["essential", "optional"] = Field(alias="relationType")
    skill: str = Field(alias="skillUri", pattern=CONCEPT)


class SkillSkillRow(SourceRow):
    skill: str = Field(alias="originalSkillUri", pattern=CONCEPT)
    relation: Literal["essential", "optional"] = Field(alias="relationType")
    related: str = Field(alias="relatedSkillUri", pattern=CONCEPT)


class BroaderRow(SourceRow):
    narrower: str = Field(alias="conceptUri", pattern=CONCEPT)
    broader: str = Field(alias="broaderUri", pattern=CONCEPT)


class IscoGroupRow(SourceRow):
    code: str = Field(alias="code", pattern=r"^\d{1,4}$")
    label: str = Field(alias="preferredLabel", min_length=1)


class HierarchyRow(SourceRow):
    """A row of ``skillsHierarchy_en.csv``: the deepest filled level names a group and its code."""

    uri_0: str = Field(alias="Level 0 URI", default="")
    code_0: str = Field(alias="Level 0 code", default="")
    uri_1: str = Field(alias="Level 1 URI", default="")
    code_1: str = Field(alias="Level 1 code", default="")
    uri_2: str = Field(alias="Level 2 URI", default="")
    code_2: str = Field(alias="Level 2 code", default="")
    uri_3: str = Field(alias="Level 3 URI", default="")
    code_3: str = Field(alias="Level 3 code", default="")

    def codes(self) -> dict[str, str]:
        pairs = ((self.uri_0, self.code_0), (self.uri_1, self.code_1),
                 (self.uri_2, self.code_2), (self.uri_3, self.code_3))
        return {uri: code for uri, code in pairs if uri and code}
