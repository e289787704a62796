"""The table an instructor reads after a batch: per assignment, what was graded, what failed and why."""

from __future__ import annotations

import pandas as pd
from nbgrader.api import Gradebook, MissingEntry

from pmcourse.instructor.status import SubmissionStatus


def needs_manual_grading(db_url: str, statuses: list[SubmissionStatus]) -> set[tuple[str, str]]:
    """The (assignment, student) pairs whose gradebook entry still waits for a human grader."""
    waiting = set()
    with Gradebook(db_url) as gradebook:
        for status in statuses:
            try:
                submission = gradebook.find_submission(status.assignment, status.student)
            except MissingEntry:
                continue
            if status.status == "graded" and submission.needs_manual_grade:
                waiting.add((status.assignment, status.student))
    return waiting


def summary_table(statuses: list[SubmissionStatus], manual: set[tuple[str, str]]) -> pd.DataFrame:
    """Counts per assignment: submissions, graded, failed, waiting for manual grading, with notes."""
    rows = [{"assignment": s.assignment, "graded": s.status == "graded", "failed": s.status == "failed",
             "needs manual grading": (s.assignment, s.student) in manual, "with notes": bool(s.notes)}
            for s in statuses]
    if not rows:
        return pd.DataFrame(columns=["assignment", "submissions", "graded", "failed", "needs manual grading",
                                     "with notes"])
    table = pd.DataFrame(rows).groupby("assignment").agg(
        submissions=("graded", "size"), graded=("graded", "sum"), failed=("failed", "sum"),
        **{"needs manual grading": ("needs manual grading", "sum"), "with notes": ("with notes", "sum")})
    return table.reset_index()


def format_summary(statuses: list[SubmissionStatus], manual: set[tuple[str, str]], seconds: float,
                   workers: int) -> str:
    """The whole report as text: the counts, then every failure with its reason, then every note."""
    lines = [f"Autograded {len(statuses)} submissions in {seconds:.1f} s on {workers} worker(s).", ""]
    lines.append(summary_table(statuses, manual).to_string(index=False))
    failed = [s for s in statuses if s.status == "failed"]
    if failed:
        lines += ["", "Failed (no score recorded; fix and grade again, or grade by hand):"]
        lines += [f"  {s.assignment}  {s.student}: {s.reason}" for s in failed]
    noted = [s for s in statuses if s.notes]
    if noted:
        lines += ["", "Notes:"]
        lines += [f"  {s.assignment}  {s.student}: {note}" for s in noted for note in s.notes]
    return "\n".join(lines)
