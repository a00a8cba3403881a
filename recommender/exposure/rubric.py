"""The three exposure classes and the rubric that defines them, in Reskill's own words."""

from typing import Final
from typing import Literal

ExposureClass = Literal["automate", "augment", "human-led"]
Label = Literal["E0", "E1", "E2"]

#: Model label order: the columns of every probability array in this package.
LABELS: Final[tuple[Label, Label, Label]] = ("E0", "E1", "E2")

#: Exposure classes in the same order as :data:`LABELS`.
CLASSES: Final[tuple[ExposureClass, ExposureClass, ExposureClass]] = (
    "human-led",
    "automate",
    "augment",
)

LABEL_TO_CLASS: Final[dict[str, ExposureClass]] = dict(zip(LABELS, CLASSES, strict=True))
CLASS_TO_LABEL: Final[dict[str, Label]] = dict(zip(CLASSES, LABELS, strict=True))

RUBRIC: Final[str] = """\
**Automate (E1).** A general AI model, working on its own from a prompt and the material a person
hands it, can do most of the task: it at least halves the time the task takes while the result stays
as good. Typical tasks turn text, numbers or code into other text, numbers or code: drafting routine
letters, summarising reports, transcribing, translating, filling in standard forms.

**Augment (E2).** AI speeds the task up just as much, but only through tools built around the model
(access to the organisation's records, search, scheduling or analysis software, integration with
other systems), and a person still directs the work, checks it and signs it off. Typical tasks
analyse data to recommend a decision, plan schedules, or prepare a case from many sources.

**Human-led (E0).** AI does not cut the time of the task by half, or doing so would lower its
quality. The task needs physical presence or handling, hands-on care, trust, persuasion or judgement
in a live situation: repairing equipment, treating a patient, comforting a client, leading a team
on site. AI may help at the edges, but the task stays with a person.
"""
