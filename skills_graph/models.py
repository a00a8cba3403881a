"""The skills graph's relational schema (SQLAlchemy 2.0, typed).

Every entity carries a stable string ``key`` (``role:hr-generalist``, ``skill:prompt-design``,
``onet:15-1252.00``, ``esco:<uuid>``) used in URLs, the CLI and imports; integer ids stay internal.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint
from sqlalchemy import Date
from sqlalchemy import DateTime
from sqlalchemy import Float
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import MetaData
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PROFICIENCY = ("none", "awareness", "basic", "working", "advanced", "expert")
"""Names of the proficiency levels 0-5 used everywhere."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class RoleKind(str, enum.Enum):
    CURRENT = "current"
    HYBRID = "hybrid"
    HUMAN_CENTRED = "human-centred"


class ExposureClass(str, enum.Enum):
    AUTOMATE = "automate"
    AUGMENT = "augment"
    HUMAN_LED = "human-led"


class ExposureSource(str, enum.Enum):
    SEED = "seed"
    MODEL = "model"
    REVIEWED = "reviewed"
    UNCLASSIFIED = "unclassified"
    """Imported without the exposure model: the stored class is a placeholder, not a judgement."""


SKILL_CATEGORIES = (
    "technical", "ai-literacy", "data", "judgment", "empathy", "ethics",
    "communication", "leadership", "domain", "knowledge", "technology",
)
ARCHETYPES = ("trainer", "explainer", "sustainer", "amplifier", "translator")


def utcnow() -> dt.datetime:
    """The current UTC time, naive, as stored in the database."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _level_check(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 0 AND 5", name=f"{column}_0_5")


class Skill(Base):
    __tablename__ = "skill"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(40), default="technical")
    alt_labels: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class SkillRelation(Base):
    """A directed skill-to-skill link kept from a taxonomy (``broader``, ``essential``, ``optional``)."""

    __tablename__ = "skill_relation"
    __table_args__ = (UniqueConstraint("source_id", "target_id", "relation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(40))


class Role(Base):
    __tablename__ = "role"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default=RoleKind.CURRENT.value, index=True)
    archetype: Mapped[str | None] = mapped_column(String(20), default=None)
    department: Mapped[str] = mapped_column(String(100), default="")
    alt_titles: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    tasks: Mapped[list[Task]] = relationship(
        back_populates="role", cascade="all, delete-orphan", order_by="Task.position"
    )
    requirements: Mapped[list[RoleSkill]] = relationship(
        back_populates="role", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class RoleSkill(Base):
    """A role requires a skill at a level, with an importance in (0, 1]."""

    __tablename__ = "role_skill"
    __table_args__ = (UniqueConstraint("role_id", "skill_id"), _level_check("level"))

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id", ondelete="CASCADE"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    importance: Mapped[float] = mapped_column(Float, default=1.0)

    role: Mapped[Role] = relationship(back_populates="requirements")
    skill: Mapped[Skill] = relationship()


class Task(Base):
    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    statement: Mapped[str] = mapped_column(Text)
    task_type: Mapped[str] = mapped_column(String(20), default="core")
    share: Mapped[float] = mapped_column(Float, default=0.0)
    exposure_class: Mapped[str] = mapped_column(String(20), default=ExposureClass.HUMAN_LED.value)
    exposure_score: Mapped[float] = mapped_column(Float, default=0.0)
    exposure_source: Mapped[str] = mapped_column(String(20), default=ExposureSource.SEED.value)
    rationale: Mapped[str] = mapped_column(Text, default="")
    p_automate: Mapped[float | None] = mapped_column(Float, default=None)
    p_augment: Mapped[float | None] = mapped_column(Float, default=None)
    p_human_led: Mapped[float | None] = mapped_column(Float, default=None)
    reviewed_by: Mapped[str | None] = mapped_column(String(200), default=None)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    review_reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    role: Mapped[Role] = relationship(back_populates="tasks")
    requirements: Mapped[list[TaskSkill]] = relationship(
        back_populates="task", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class TaskSkill(Base):
    __tablename__ = "task_skill"
    __table_args__ = (UniqueConstraint("task_id", "skill_id"), _level_check("level"))

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)

    task: Mapped[Task] = relationship(back_populates="requirements")
    skill: Mapped[Skill] = relationship()


class Course(Base):
    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    provider: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[float] = mapped_column(Float)
    cost: Mapped[float] = mapped_column(Float, default=0.0)
    format: Mapped[str] = mapped_column(String(40), default="self-paced")
    difficulty: Mapped[str] = mapped_column(String(40), default="beginner")
    url: Mapped[str] = mapped_column(String(500), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    teaches: Mapped[list[CourseTeaches]] = relationship(
        back_populates="course", cascade="all, delete-orphan"
    )
    requires: Mapped[list[CourseRequires]] = relationship(
        back_populates="course", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class CourseTeaches(Base):
    """Taking the course raises the skill to at least ``level``."""

    __tablename__ = "course_teaches"
    __table_args__ = (UniqueConstraint("course_id", "skill_id"), _level_check("level"))

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)

    course: Mapped[Course] = relationship(back_populates="teaches")
    skill: Mapped[Skill] = relationship()


class CourseRequires(Base):
    """The skill must be at ``level`` before the course can be taken."""

    __tablename__ = "course_requires"
    __table_args__ = (UniqueConstraint("course_id", "skill_id"), _level_check("level"))

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)

    course: Mapped[Course] = relationship(back_populates="requires")
    skill: Mapped[Skill] = relationship()


class Employee(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role_id: Mapped[int | None] = mapped_column(
        ForeignKey("role.id", ondelete="SET NULL"), index=True, default=None
    )
    manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("employee.id", ondelete="SET NULL"), index=True, default=None
    )
    target_role_id: Mapped[int | None] = mapped_column(
        ForeignKey("role.id", ondelete="SET NULL"), default=None
    )
    hours_per_week: Mapped[float] = mapped_column(Float, default=4.0)

    role: Mapped[Role | None] = relationship(foreign_keys=[role_id])
    target_role: Mapped[Role | None] = relationship(foreign_keys=[target_role_id])
    manager: Mapped[Employee | None] = relationship(remote_side=[id], back_populates="reports")
    reports: Mapped[list[Employee]] = relationship(back_populates="manager")
    skills: Mapped[list[EmployeeSkill]] = relationship(
        back_populates="employee", cascade="all, delete-orphan"
    )
    progress: Mapped[list[CourseProgress]] = relationship(
        back_populates="employee", cascade="all, delete-orphan"
    )


class EmployeeSkill(Base):
    """An employee's level in a skill, where it came from (self, manager, course) and when."""

    __tablename__ = "employee_skill"
    __table_args__ = (UniqueConstraint("employee_id", "skill_id"), _level_check("level"))

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employee.id", ondelete="CASCADE"), index=True
    )
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20), default="self")
    assessed_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)

    employee: Mapped[Employee] = relationship(back_populates="skills")
    skill: Mapped[Skill] = relationship()


class CourseProgress(Base):
    """An employee's own progress through a course of their plan (``planned``, ``in-progress``, ``done``)."""

    __tablename__ = "course_progress"
    __table_args__ = (UniqueConstraint("employee_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employee.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    employee: Mapped[Employee] = relationship(back_populates="progress")
    course: Mapped[Course] = relationship()


class Assignment(Base):
    """A course a manager assigned to an employee, with a due date."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(
        ForeignKey("employee.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("employee.id", ondelete="SET NULL"), default=None
    )
    due_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="assigned")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    employee: Mapped[Employee] = relationship(foreign_keys=[employee_id])
    course: Mapped[Course] = relationship()
    assigned_by: Mapped[Employee | None] = relationship(foreign_keys=[assigned_by_id])

    __mapper_args__ = {"version_id_col": version}


class GraphState(Base):
    """One row whose ``version`` is bumped whenever graph data changes, so every process can tell
    that its cached NetworkX graph is stale; ``data_version`` moves on any change at all, so
    cached pages can tell too."""

    __tablename__ = "graph_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    data_version: Mapped[int] = mapped_column(Integer, default=0)


class RoleFeature(Base):
    """A descriptor a taxonomy gives a role beyond skills and tasks, kept for role similarity.

    ``family`` names the kind (``dwa``, ``iwa``, ``gwa``, ``technology``, ``work-style``,
    ``job-zone``, ``education``, ``group:soc``, ``group:isco``), ``feature`` its identifier
    within the family, ``label`` its readable name and ``weight`` how strongly the role has it.
    """

    __tablename__ = "role_feature"
    __table_args__ = (UniqueConstraint("role_id", "family", "feature"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id", ondelete="CASCADE"), index=True)
    family: Mapped[str] = mapped_column(String(40))
    feature: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(300), default="")
    weight: Mapped[float] = mapped_column(Float, default=1.0)


class User(Base):
    """A person who signs in; ``roles`` is a comma-separated subset of employee, manager, lnd."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    roles: Mapped[str] = mapped_column(String(100), default="employee")
    employee_id: Mapped[int | None] = mapped_column(
        ForeignKey("employee.id", ondelete="SET NULL"), default=None, index=True
    )
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    employee: Mapped[Employee | None] = relationship()

    @property
    def role_set(self) -> frozenset[str]:
        """The access roles this user holds."""
        return frozenset(r for r in self.roles.split(",") if r)


class ApiToken(Base):
    """A bearer token for integrations; only its SHA-256 is stored, and it can be revoked."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    prefix: Mapped[str] = mapped_column(String(16))
    roles: Mapped[str] = mapped_column(String(100), default="lnd")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)

    created_by: Mapped[User | None] = relationship()

    @property
    def role_set(self) -> frozenset[str]:
        """The access roles requests with this token act with."""
        return frozenset(r for r in self.roles.split(",") if r)
