"""Instructors run nbgrader's own commands from the course root with no extra set-up."""

from __future__ import annotations

import csv
import shutil
import subprocess

import nbformat

from pmcourse.grading.cells import autograded_test_cells
from pmcourse.grading.course import COURSE_ROOT
from pmcourse.grading.sandbox import CourseSandbox
from pmcourse.grading.selftest import solution_notebooks

ASSIGNMENT = "00-orientation"


def _nbgrader(root, *args):
    """Run nbgrader's CLI from `root` (conftest puts this environment's scripts on PATH)."""
    result = subprocess.run(["nbgrader", *args], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_release_collect_autograde_feedback_export_from_the_course_root(tmp_path):
    root = tmp_path / "course"
    for name in ("solutions", "datasets"):
        shutil.copytree(COURSE_ROOT / name, root / name)
    shutil.copy2(COURSE_ROOT / "nbgrader_config.py", root)

    _nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    assert (root / "notebooks" / ASSIGNMENT).is_dir()
    assert (root / ".nbgrader" / "gradebook.db").is_file()

    # A student fetches the release through the exchange and submits a perfect notebook; collect brings
    # it to submitted/<student>/. A second, blank submission is placed there by hand, as instructors do.
    _nbgrader(root, "release_assignment", ASSIGNMENT)
    exchange = f"--Exchange.root={root / '.nbgrader' / 'exchange'}"
    course = "--course=pm-analytics-lab"
    home = tmp_path / "student-home"
    home.mkdir()
    _nbgrader(home, "fetch_assignment", ASSIGNMENT, course, exchange)
    perfect = solution_notebooks(CourseSandbox(tmp_path / "scratch"), ASSIGNMENT)
    for name, nb in perfect.items():
        nbformat.write(nb, str(home / ASSIGNMENT / f"{name}.ipynb"))
    _nbgrader(home, "submit", ASSIGNMENT, course, exchange)
    _nbgrader(root, "collect", ASSIGNMENT)
    collected = [p.name for p in (root / "submitted").iterdir()]
    assert len(collected) == 1
    alice = collected[0]  # the student id is the submitting user's login name
    blank = root / "submitted" / "bob" / ASSIGNMENT
    blank.mkdir(parents=True)
    for path in sorted((root / "notebooks" / ASSIGNMENT).glob("*.ipynb")):
        shutil.copy2(path, blank / path.name)

    _nbgrader(root, "autograde", ASSIGNMENT)
    _nbgrader(root, "generate_feedback", ASSIGNMENT)
    assert list((root / "feedback" / alice / ASSIGNMENT).glob("*.html"))
    _nbgrader(root, "export", "--to", str(root / "grades.csv"))

    with open(root / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    autograded_points = sum(
        cell.metadata["nbgrader"]["points"]
        for path in (root / "solutions" / ASSIGNMENT).glob("*.ipynb")
        for cell in autograded_test_cells(nbformat.read(str(path), as_version=4))
    )
    assert autograded_points > 0
    # Full autograded marks; the written tasks wait for a grader in Formgrader.
    assert float(rows[alice]["raw_score"]) == autograded_points
    assert float(rows["bob"]["raw_score"]) == 0.0
