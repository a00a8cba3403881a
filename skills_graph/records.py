"""Plain records that leave the database layer (no SQLAlchemy inside), for the recommender."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field


@dataclass(frozen=True)
class EmployeeProfile:
    """What the recommender needs to know about one person: their role and skill levels."""

    key: str
    name: str
    role: str | None
    levels: dict[str, int] = field(default_factory=dict)
