"""Every command and setting is documented in the README (a newcomer's only map)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from web.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "reskill") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names.extend(commands(command, f"{prefix} {name}"))
    return names


def test_readme_opens_with_the_two_commands() -> None:
    opening = README[:600]
    assert "make run" in opening and "make test" in opening


def test_every_cli_command_is_in_the_readme() -> None:
    assert [c for c in commands(main) if f"`{c}" not in README] == []


def test_every_environment_setting_is_in_the_readme() -> None:
    root = Path(__file__).parent.parent
    used = set()
    for path in [*root.glob("web/**/*.py"), *root.glob("skills_graph/**/*.py"), *root.glob("recommender/**/*.py")]:
        used.update(re.findall(r"\"(RESKILL_[A-Z_]+)\"", path.read_text(encoding="utf-8")))
    assert used and sorted(name for name in used if name not in README) == []
