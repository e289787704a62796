"""Status records: how the grading of each submission went, one JSON file per submission.

`<root>/.nbgrader/status/<assignment>/<student>.json` holds a SubmissionStatus. The batch command writes
one for every submission it grades; the export and the report read them to tell a failed submission
(no score: it could not be graded) from a real 0. A submission in the gradebook without a record was
graded by plain `nbgrader autograde` and counts as graded (export.py still calls it failed when none
of its test cells has an automatic score: nbgrader's autograde failed on it).
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

STATUSES = ("graded", "failed")
FIELDS = ("assignment", "student", "status", "reason", "notes", "seconds", "finished_at")


class StatusFileError(ValueError):
    """A status record that cannot be read; the message names the file and what is wrong with it."""


@dataclass(frozen=True)
class SubmissionStatus:
    """The outcome of grading one student's submission of one assignment."""

    assignment: str
    student: str
    status: str  # "graded" or "failed"
    reason: str | None = None  # why a failed submission could not be graded
    notes: list[str] = field(default_factory=list)  # what the grader repaired or refused
    seconds: float = 0.0
    finished_at: str = ""  # ISO 8601

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def status_dir(root: Path) -> Path:
    """Where the status records of the course at `root` live."""
    return Path(root) / ".nbgrader" / "status"


def status_path(root: Path, assignment: str, student: str) -> Path:
    """The record file of one submission."""
    return status_dir(root) / assignment / f"{student}.json"


def write_status(root: Path, status: SubmissionStatus) -> Path:
    """Write (atomically, so a reader never sees half a file) the record of `status`; return its path."""
    path = status_path(root, status.assignment, status.student)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(status) | {"notes": list(status.notes), "seconds": float(status.seconds)}
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{status.student}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2)
        out.write("\n")
    os.replace(temporary, path)
    return path


def _invalid(path: Path, problem: str) -> StatusFileError:
    return StatusFileError(f"Status record {path} is unusable: {problem}. Delete it and grade the submission "
                           "again, or fix the file by hand.")


def _check(path: Path, data: Any) -> SubmissionStatus:
    """A SubmissionStatus from parsed JSON, after checking every field's type."""
    if not isinstance(data, dict):
        raise _invalid(path, f"expected a JSON object, found {type(data).__name__}")
    missing = [name for name in FIELDS if name not in data]
    if missing:
        raise _invalid(path, f"missing field(s) {', '.join(missing)}")
    problems = [name for name in ("assignment", "student", "finished_at") if not isinstance(data[name], str)]
    if data["status"] not in STATUSES:
        problems.append(f"status (must be one of {', '.join(STATUSES)}, not {data['status']!r})")
    if data["reason"] is not None and not isinstance(data["reason"], str):
        problems.append("reason (a string or null)")
    if not isinstance(data["notes"], list) or not all(isinstance(note, str) for note in data["notes"]):
        problems.append("notes (a list of strings)")
    seconds = data["seconds"]
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not math.isfinite(seconds):
        problems.append("seconds (a number)")
    if problems:
        raise _invalid(path, "bad field(s): " + "; ".join(problems))
    return SubmissionStatus(**{name: data[name] for name in FIELDS} | {"seconds": float(seconds)})


def load_status(path: Path) -> SubmissionStatus:
    """Read one record file; StatusFileError (naming the file) when it is unreadable or malformed."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _invalid(path, f"cannot be read as JSON ({error})") from error
    return _check(path, data)


def read_status(root: Path, assignment: str, student: str) -> SubmissionStatus | None:
    """The record of one submission, or None when there is none (graded by plain nbgrader, or never)."""
    path = status_path(root, assignment, student)
    return load_status(path) if path.exists() else None


def all_statuses(root: Path) -> list[SubmissionStatus]:
    """Every record of the course, sorted by assignment then student; the batch's .log files are skipped."""
    folder = status_dir(root)
    if not folder.is_dir():
        return []
    records = [load_status(path) for path in folder.glob("*/*.json")]
    return sorted(records, key=lambda status: (status.assignment, status.student))
