"""The documents instructors and learners read agree with the course: every assignment, its real points."""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import ASSIGNMENTS

from pmcourse.grading.cells import cell_kind, nbgrader_meta
from pmcourse.grading.course import COURSE_ROOT, notebook_names


def points(assignment: str) -> tuple[float, float]:
    """(autograded, manual) points, summed from the masters' nbgrader metadata."""
    auto = manual = 0.0
    for name in notebook_names(assignment, COURSE_ROOT):
        nb = nbformat.read(str(COURSE_ROOT / "solutions" / assignment / f"{name}.ipynb"), as_version=4)
        for cell in nb.cells:
            kind = cell_kind(cell)
            if kind == "autograded_test":
                auto += float(nbgrader_meta(cell)["points"])
            elif kind in {"manual_answer", "task"}:
                manual += float(nbgrader_meta(cell)["points"])
    return auto, manual


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_instructor_guide_states_each_assignments_points(assignment):
    guide = (COURSE_ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    row = re.search(rf"^\| `{re.escape(assignment)}` \| ([\d.]+) \| ([\d.]+) \|", guide, re.MULTILINE)
    assert row, f"docs/instructors.md has no points row for {assignment}"
    assert (float(row.group(1)), float(row.group(2))) == points(assignment)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_readme_course_map_lists_each_assignment_as_ready(assignment):
    readme = (COURSE_ROOT / "README.md").read_text(encoding="utf-8")
    row = next((line for line in readme.splitlines() if line.startswith("| ") and f"`{assignment}`" in line), None)
    assert row and row.rstrip().endswith("| ready |"), row


def test_the_readme_says_where_a_learners_work_lives_and_what_an_update_does():
    readme = (COURSE_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Studying on your own", 1)[1].split("\n## ", 1)[0]
    for phrase in ("`my-work/`", "python3 course.py update", "python3 course.py progress", ".course-update-"):
        assert phrase in section, phrase
    from pmcourse.learner.workcopy import WORK_DIR_NAME

    assert f"{WORK_DIR_NAME}/" in (COURSE_ROOT / ".gitignore").read_text().splitlines()
