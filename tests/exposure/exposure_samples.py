"""Literal labelled tasks for the exposure tests, and a writer for labels files."""

from __future__ import annotations

from pathlib import Path

DEV_LABELS = (
    Path(__file__).parents[2].parent / "shared" / "data" / "exposure-labels" / "dev_labels.tsv"
)

# (occupation code, title, task, label): six small roles covering the three classes.
TINY_LABELS = [
    (
        "43-9022.00",
        "Word Processors and Typists",
        "Type letters, reports and forms from drafts.",
        "E1",
    ),
    ("43-9022.00", "Word Processors and Typists", "Proofread typed documents for errors.", "E1"),
    (
        "43-9022.00",
        "Word Processors and Typists",
        "Transcribe recorded dictation into documents.",
        "E1",
    ),
    (
        "43-9022.00",
        "Word Processors and Typists",
        "File typed documents in the records system.",
        "E2",
    ),
    ("43-9022.00", "Word Processors and Typists", "Operate copying and binding machines.", "E0"),
    ("43-9022.00", "Word Processors and Typists", "Deliver printed documents to offices.", "E0"),
    (
        "27-3091.00",
        "Interpreters and Translators",
        "Translate written documents into another language.",
        "E1",
    ),
    (
        "27-3091.00",
        "Interpreters and Translators",
        "Proofread translated documents for accuracy.",
        "E1",
    ),
    (
        "27-3091.00",
        "Interpreters and Translators",
        "Compile terminology records in databases.",
        "E2",
    ),
    (
        "27-3091.00",
        "Interpreters and Translators",
        "Interpret speech for patients in hospital rooms.",
        "E0",
    ),
    ("27-3091.00", "Interpreters and Translators", "Travel with clients to meetings abroad.", "E0"),
    ("27-3091.00", "Interpreters and Translators", "Write summaries of translated reports.", "E1"),
    ("29-1141.00", "Registered Nurses", "Comfort patients and families in distress.", "E0"),
    ("29-1141.00", "Registered Nurses", "Administer medications to patients.", "E0"),
    ("29-1141.00", "Registered Nurses", "Record patient information in medical records.", "E2"),
    ("29-1141.00", "Registered Nurses", "Monitor patients and report changes in condition.", "E0"),
    ("29-1141.00", "Registered Nurses", "Write care plans from patient records.", "E2"),
    ("29-1141.00", "Registered Nurses", "Clean and dress wounds of patients.", "E0"),
    (
        "13-2011.00",
        "Accountants and Auditors",
        "Analyze financial data to recommend budgets.",
        "E2",
    ),
    ("13-2011.00", "Accountants and Auditors", "Prepare tax returns from financial records.", "E2"),
    ("13-2011.00", "Accountants and Auditors", "Write reports summarizing audit findings.", "E1"),
    ("13-2011.00", "Accountants and Auditors", "Review financial statements in databases.", "E2"),
    ("13-2011.00", "Accountants and Auditors", "Meet clients to discuss financial plans.", "E0"),
    ("13-2011.00", "Accountants and Auditors", "Analyze records to detect errors.", "E2"),
    ("47-2111.00", "Electricians", "Install electrical wiring in buildings.", "E0"),
    ("47-2111.00", "Electricians", "Repair electrical equipment and motors.", "E0"),
    ("47-2111.00", "Electricians", "Inspect wiring for hazards on site.", "E0"),
    ("47-2111.00", "Electricians", "Prepare cost estimates from drawings and records.", "E2"),
    ("47-2111.00", "Electricians", "Write reports on completed work.", "E1"),
    ("47-2111.00", "Electricians", "Climb poles to connect cables.", "E0"),
    ("21-1013.00", "Marriage and Family Therapists", "Counsel families in crisis.", "E0"),
    (
        "21-1013.00",
        "Marriage and Family Therapists",
        "Comfort clients after loss of family members.",
        "E0",
    ),
    (
        "21-1013.00",
        "Marriage and Family Therapists",
        "Write case notes summarizing sessions.",
        "E1",
    ),
    (
        "21-1013.00",
        "Marriage and Family Therapists",
        "Analyze client records to plan treatment.",
        "E2",
    ),
    ("21-1013.00", "Marriage and Family Therapists", "Meet families to discuss progress.", "E0"),
    ("21-1013.00", "Marriage and Family Therapists", "Translate forms for clients.", "E1"),
]


def write_labels(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """Write rows as a labels TSV with the dev file's header."""
    lines = ["onet_soc_code\toccupation_title\ttask_id\ttask_type\ttask\tlabel"]
    lines += [
        f"{code}\t{title}\t{i}\tCore\t{task}\t{label}"
        for i, (code, title, task, label) in enumerate(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
