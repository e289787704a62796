"""Feedback for every graded submission, through nbgrader's generate_feedback.

The course's nbgrader_config.py puts `HideHiddenTests` in GenerateFeedback's preprocessors, so the
HTML says what each hidden test checked and whether it passed, without its code (nbgrader #917).
Failed submissions have no autograded notebook, so they get no feedback file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pmcourse.grading.course import assignment_ids, open_api


def generate_feedback(root: Path, assignments: Iterable[str] | None = None, db_url: str | None = None) -> list[Path]:
    """Run nbgrader generate_feedback for each assignment; return the feedback files written."""
    api = open_api(root, db_url)
    for assignment in list(assignments or assignment_ids(root)):
        result = api.generate_feedback(assignment, force=True)
        if not result["success"]:
            raise RuntimeError(f"nbgrader generate_feedback {assignment} failed:\n{result.get('error')}")
    return sorted((root / "feedback").glob("*/*/*.html"))

