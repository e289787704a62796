"""Every stated time follows the course's method (pmcourse.course_time), and no session runs too long.

The notebooks' titles and session headings, the README's course map and the instructor guide all state
times; they must be the method's estimate for the student notebooks as they are now. When one fails,
run `python -m pmcourse.course_time --write`, then `python3 course.py build <assignment> --skip-data`.
"""

from __future__ import annotations

import nbformat
import pytest

from pmcourse import course_time
from pmcourse.grading.course import COURSE_ROOT

ASSIGNMENTS = sorted(p.name for p in (COURSE_ROOT / "notebooks").iterdir() if p.is_dir())
NOTEBOOKS = [(a, p) for a in ASSIGNMENTS for p in course_time.student_notebooks(a)]
FIX = "run `python -m pmcourse.course_time --write`, then rebuild the student notebooks"


@pytest.mark.parametrize(("assignment", "path"), NOTEBOOKS, ids=[f"{a}/{p.stem}" for a, p in NOTEBOOKS])
def test_the_notebook_states_its_time_and_each_session_its_own(assignment, path):
    notebook = nbformat.read(str(path), as_version=4)
    assert course_time.title_statement(notebook) in notebook.cells[0].source, FIX
    found = course_time.sessions(notebook)
    headings = [c for c in notebook.cells if course_time.SESSION_ID.match(c.get("id", ""))]
    if len(found) > 1:
        assert [c.id for c in headings] == [f"session-{k}" for k in range(1, len(found) + 1)]
        for cell, session in zip(headings, found, strict=True):
            assert cell.source.startswith(course_time.session_heading(session)), FIX


@pytest.mark.parametrize(("assignment", "path"), NOTEBOOKS, ids=[f"{a}/{p.stem}" for a, p in NOTEBOOKS])
def test_no_session_is_longer_than_about_two_and_a_half_hours(assignment, path):
    for session in course_time.sessions(nbformat.read(str(path), as_version=4)):
        assert session.minutes <= course_time.LONGEST_SESSION_MINUTES, (
            f"{path.stem}, session {session.number}: {session.minutes:.0f} min; split it with a `session-N` cell")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_readme_and_the_guide_state_the_assignments_time(assignment):
    statement = course_time.assignment_statement(assignment)
    for doc in ("README.md", "docs/instructors.md"):
        text = (COURSE_ROOT / doc).read_text(encoding="utf-8")
        row = next(line for line in text.splitlines() if line.startswith("| ") and f"`{assignment}`" in line)
        assert f"| {statement} |" in row, f"{doc}: {FIX}"


def test_the_guide_states_the_method_with_its_rates():
    guide = " ".join((COURSE_ROOT / "docs" / "instructors.md").read_text(encoding="utf-8").split())
    for rate in (f"{course_time.READING_WORDS_PER_MINUTE} words a minute",
                 f"{course_time.MINUTES_PER_EXERCISE} minutes per exercise",
                 f"{course_time.MINUTES_PER_AUTOGRADED_POINT} minutes per autograded point",
                 f"{course_time.MINUTES_PER_WRITTEN_POINT} minutes per point of a written task"):
        assert rate in guide, rate


def test_the_method_counts_reading_exercises_and_written_tasks():
    cells = [nbformat.v4.new_markdown_cell(" ".join(["word"] * course_time.READING_WORDS_PER_MINUTE)),
             nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("assert x"),
             nbformat.v4.new_markdown_cell("Write"), nbformat.v4.new_markdown_cell("start", id="session-2")]
    cells[1].metadata["nbgrader"] = {"solution": True}
    cells[2].metadata["nbgrader"] = {"grade": True, "points": 3}
    cells[3].metadata["nbgrader"] = {"points": 2}
    found = course_time.sessions(nbformat.v4.new_notebook(cells=cells))
    expected = (1 + course_time.MINUTES_PER_EXERCISE + 3 * course_time.MINUTES_PER_AUTOGRADED_POINT
                + 2 * course_time.MINUTES_PER_WRITTEN_POINT + 1 / course_time.READING_WORDS_PER_MINUTE)
    assert [s.number for s in found] == [1, 2] and found[0].minutes == pytest.approx(expected)
    assert course_time.spoken(50) == "45 min" and course_time.spoken(130) == "2 h 15 min"
