"""Declared shapes of the seed files (pydantic), so a bad entry names its file, entry and field."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import Field
from pydantic import field_validator

Level = int
LevelField = Field(ge=0, le=5)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _levels_in_range(levels: dict[str, int]) -> dict[str, int]:
    for skill, level in levels.items():
        if not 0 <= level <= 5:
            raise ValueError(f"level of {skill} must be 0-5, got {level}")
    return levels


class SeedSkill(_Strict):
    key: str = Field(pattern=r"^skill:[a-z0-9-]+$")
    name: str = Field(min_length=1)
    category: Literal[
        "technical", "ai-literacy", "data", "judgment", "empathy", "ethics",
        "communication", "leadership", "domain",
    ]
    description: str = ""


class SkillLevel(_Strict):
    skill: str
    level: int = LevelField
    importance: float = Field(default=1.0, gt=0, le=1)


class SeedTask(_Strict):
    statement: str = Field(min_length=1)
    share: float = Field(gt=0, le=100)
    exposure: Literal["automate", "augment", "human-led"] | None = Field(
        description="None: leave it to the exposure model's suggestion, for L&D to review.")
    score: float = Field(default=0.0, ge=0, le=1)
    rationale: str = ""
    skills: list[SkillLevel] = []


class SeedRole(_Strict):
    key: str = Field(pattern=r"^role:[a-z0-9-]+$")
    title: str = Field(min_length=1)
    kind: Literal["current", "hybrid", "human-centred"]
    archetype: Literal["trainer", "explainer", "sustainer", "amplifier", "translator"] | None = None
    department: str = ""
    description: str = ""
    skills: list[SkillLevel] = []
    tasks: list[SeedTask] = []

    @field_validator("tasks")
    @classmethod
    def _shares_sum_to_100(cls, tasks: list[SeedTask]) -> list[SeedTask]:
        total = sum(task.share for task in tasks)
        if tasks and abs(total - 100) > 0.01:
            raise ValueError(f"task shares must sum to 100, got {total:g}")
        return tasks


class SeedCourse(_Strict):
    key: str = Field(pattern=r"^course:[a-z0-9-]+$")
    title: str = Field(min_length=1)
    provider: str = ""
    description: str = ""
    hours: float = Field(gt=0)
    cost: float = Field(default=0, ge=0)
    format: str = "self-paced"
    difficulty: str = "beginner"
    teaches: dict[str, int] = Field(min_length=1)
    requires: dict[str, int] = {}

    _check_teaches = field_validator("teaches", "requires")(_levels_in_range)


class SeedEmployee(_Strict):
    key: str = Field(pattern=r"^emp:[a-z0-9-]+$")
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    role: str
    manager: str | None = None
    skills: dict[str, int] = {}

    _check_skills = field_validator("skills")(_levels_in_range)
