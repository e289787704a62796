"""Feedback through nbgrader never shows hidden tests or mark schemes (nbgrader #917), for every assignment.

Feedback is generated for a perfect, a blank and a misconception submission of each assignment (the
self-test's batch, graded on the same pytest-xdist worker), so
hidden tests that pass, fail and never run are all in it. The same check on nbgrader's default
feedback finds the hidden tests, so it is not a check that cannot fail.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from conftest import ASSIGNMENTS, course_variants

from pmcourse.grading.cells import split_secret_lines
from pmcourse.grading.course import load_config

_TAG = re.compile(r"<[^>]+>")


def secret_lines(solutions: Path) -> set[str]:
    """Lines only found inside hidden-test and mark-scheme regions of an assignment's masters."""
    public: set[str] = set()
    secret: set[str] = set()
    for path in solutions.glob("*.ipynb"):
        for cell in nbformat.read(str(path), as_version=4).cells:
            if "### BEGIN SOLUTION" in cell.source:  # a learner may write the same code: it is theirs to see
                public.update(line.strip() for line in cell.source.splitlines())
                continue
            shown, hidden = split_secret_lines(cell.source)
            public.update(line.strip() for line in shown)
            secret.update(line.strip() for line in hidden)
    return {line for line in secret - public if len(line) > 3}


def visible_text(page: Path) -> str:
    """What a reader sees of an HTML page: tags dropped (syntax highlighting splits lines), entities decoded."""
    return html.unescape(_TAG.sub("", page.read_text(encoding="utf-8")))


def leaked(pages: list[Path], secret: set[str]) -> list[str]:
    """Secret lines that appear as a line of a page's visible text."""
    found = []
    for page in pages:
        shown = {line.strip() for line in visible_text(page).splitlines()}
        found += [f"{page.parent.parent.name}/{page.name}: {line}" for line in sorted(secret & shown)]
    return found


def grade_three(grading, assignment: str) -> list[str]:
    """A perfect, a blank and a misconception submission, from the self-test's batch; their student ids.

    The misconception is graded in the one notebook it changes, so it has one feedback page.
    """
    reports = grading.self_test(assignment)
    lose = next(v for v in course_variants(assignment) if v.expect == "lose")
    assert {"solution", "blank", lose.student_id} <= set(reports)
    return ["solution", "blank", reports[lose.student_id].student]  # the student its pack was handed in as


def feedback_pages(root: Path, assignment: str, students: list[str]) -> list[Path]:
    return [page for student in students for page in sorted((root / "feedback" / student / assignment).glob("*.html"))]


@pytest.mark.parametrize("assignment", [pytest.param(a, marks=pytest.mark.xdist_group(f"self-test-{a}"))
                                        for a in ASSIGNMENTS])  # with the self-test's batch of the assignment
def test_feedback_describes_hidden_tests_without_showing_them(grading, assignment):
    students = grade_three(grading, assignment)
    sandbox = grading.sandbox
    for student in students:  # not the whole batch: every variant's pages would say the same
        result = sandbox.api.generate_feedback(assignment, student, force=True)
        assert result["success"], result.get("error")
    pages = feedback_pages(sandbox.root, assignment, students)
    assert len(pages) == 2 * len(sandbox.notebooks(assignment)) + 1
    secret = secret_lines(sandbox.root / "solutions" / assignment)
    assert secret, "the assignment has hidden tests"
    assert leaked(pages, secret) == []
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in raw and "BEGIN MARK SCHEME" not in raw
    verdicts = {student: " ".join(visible_text(p) for p in pages if p.parent.parent.name == student)
                for student in students}
    assert "(code not shown): passed." in verdicts["solution"]
    assert "(code not shown): failed" not in verdicts["solution"]
    assert "(code not shown): passed." not in verdicts["blank"]
    assert re.search(r"\(code not shown\): (failed|not run)", verdicts[students[2]])
    charts = [page.read_text(encoding="utf-8") for page in pages if page.parent.parent.name == "solution"]
    assert any("Plotly.newPlot" in raw for raw in charts), "the learner's plotly charts are missing from the feedback"
    assert all(raw.count("cdn.plot.ly") <= 1 for raw in charts), "plotly.js should be loaded once per page"


@pytest.mark.xdist_group(f"self-test-{ASSIGNMENTS[0]}")
def test_the_leak_check_finds_hidden_tests_in_nbgraders_default_feedback(grading):
    """Without the course's preprocessor, nbgrader's feedback shows the hidden tests (nbgrader #917)."""
    assignment = ASSIGNMENTS[0]
    students = grade_three(grading, assignment)
    sandbox = grading.sandbox
    config = load_config(sandbox.root, sandbox.db_url)
    config.GenerateFeedback.preprocessors = ["nbgrader.preprocessors.GetGrades",
                                             "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config.CourseDirectory.feedback_directory = "feedback-default"
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    assert all(api.generate_feedback(assignment, student, force=True)["success"] for student in students)
    pages = [page for student in students
             for page in sorted((sandbox.root / "feedback-default" / student / assignment).glob("*.html"))]
    assert pages
    assert leaked(pages, secret_lines(sandbox.root / "solutions" / assignment))
