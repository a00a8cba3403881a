"""The texts a prediction reads (task, role title, the role's other tasks) and their numpy features."""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from recommender.exposure.data import LabelledTask
from recommender.exposure.features import TfidfBlock
from recommender.exposure.features import count_matrix
from recommender.exposure.features import role_context


@dataclass(frozen=True)
class TaskTexts:
    """Task statements with, for each, its role's title ('' when unknown) and the role's tasks."""

    tasks: tuple[str, ...]
    titles: tuple[str, ...]
    role_tasks: tuple[tuple[str, ...], ...]

    @classmethod
    def build(
        cls,
        tasks: Sequence[str],
        occupation_titles: Sequence[str | None] | None = None,
        role_tasks: Sequence[Sequence[str]] | None = None,
    ) -> "TaskTexts":
        """Check that the sequences line up and fill unknown titles and roles with blanks."""
        size = len(tasks)
        titles = occupation_titles if occupation_titles is not None else [None] * size
        roles = role_tasks if role_tasks is not None else [()] * size
        if len(titles) != size or len(roles) != size:
            raise ValueError(
                f"got {size} tasks, {len(titles)} occupation titles and {len(roles)} role task lists;"
                " give one of each per task"
            )
        return cls(
            tuple(tasks), tuple(title or "" for title in titles), tuple(tuple(r) for r in roles)
        )

    @classmethod
    def from_labelled(cls, labelled: Sequence[LabelledTask]) -> "TaskTexts":
        """Texts of labelled tasks, each role's tasks being the tasks sharing its ``role_key``."""
        roles: dict[str, list[str]] = {}
        for item in labelled:
            roles.setdefault(item.role_key, []).append(item.task)
        frozen = {key: tuple(tasks) for key, tasks in roles.items()}
        return cls.build(
            [item.task for item in labelled],
            [item.occupation_title for item in labelled],
            [frozen[item.role_key] for item in labelled],
        )

    def subset(self, rows: Sequence[int] | np.ndarray) -> "TaskTexts":
        """The texts at ``rows``, keeping each task's full role context."""
        return TaskTexts(
            tuple(self.tasks[i] for i in rows),
            tuple(self.titles[i] for i in rows),
            tuple(self.role_tasks[i] for i in rows),
        )

    def source(self, name: str) -> list[str]:
        """The documents a feature block reads: ``task``, ``title`` or ``role`` texts."""
        if name == "task":
            return list(self.tasks)
        if name == "title":
            return list(self.titles)
        return [
            role_context(task, role) for task, role in zip(self.tasks, self.role_tasks, strict=True)
        ]


def role_counts(block: TfidfBlock, texts: TaskTexts) -> sparse.csr_matrix:
    """Term counts of each task's role context, without joining the role's texts per task.

    Each distinct text is counted once; a role's counts are the sum of its tasks' counts, and a
    task's own counts are taken back out when the task is listed among its role's tasks.
    """
    roles = list(dict.fromkeys(texts.role_tasks))
    distinct = list(dict.fromkeys(itertools.chain(*roles, texts.tasks)))
    text_index = {text: column for column, text in enumerate(distinct)}
    counts = block.counts(distinct)
    membership = count_matrix(
        [[text_index[text] for text in role] for role in roles], len(distinct)
    )
    own = count_matrix(
        [
            [text_index[task]] if task in role else []
            for task, role in zip(texts.tasks, texts.role_tasks, strict=True)
        ],
        len(distinct),
    )
    role_index = {role: row for row, role in enumerate(roles)}
    role_of_task = [role_index[role] for role in texts.role_tasks]
    contexts = sparse.csr_matrix((membership @ counts)[role_of_task] - own @ counts)
    contexts.eliminate_zeros()
    return contexts


def block_features(blocks: Sequence[TfidfBlock], texts: TaskTexts) -> list[sparse.csr_matrix]:
    """Each block's TF-IDF features of ``texts``, in the order of ``blocks``."""
    matrices = []
    for block in blocks:
        if block.spec.source == "role":
            counts = role_counts(block, texts)
        else:
            counts = block.counts(texts.source(block.spec.source))
        matrices.append(block.weigh(counts))
    return matrices
