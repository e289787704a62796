"""Shared fixtures: one throw-away course copy per test session, graded through nbgrader's API."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from pmcourse.grading.course import COURSE_ROOT, assignment_ids, ensure_tools_on_path
from pmcourse.grading.sandbox import CourseSandbox, GradeReport

ensure_tools_on_path()
warnings.filterwarnings("ignore", message=".*not in session.*")

ASSIGNMENTS = assignment_ids(COURSE_ROOT)


class GradingSession:
    """A course sandbox that grades each (assignment, student) once and remembers the report."""

    def __init__(self, root: Path) -> None:
        self.sandbox = CourseSandbox(root)
        self._reports: dict[tuple[str, str], GradeReport] = {}

    def grade(self, assignment: str, student: str, notebooks: dict) -> GradeReport:
        key = (assignment, student)
        if key not in self._reports:
            self.sandbox.submit(assignment, student, notebooks)
            self._reports[key] = self.sandbox.autograde(assignment, student)
        return self._reports[key]


@pytest.fixture(scope="session")
def grading(tmp_path_factory: pytest.TempPathFactory) -> GradingSession:
    return GradingSession(tmp_path_factory.mktemp("course"))


@pytest.fixture
def fresh_sandbox(tmp_path: Path) -> CourseSandbox:
    """A sandbox of its own, for tests that break the course on purpose."""
    return CourseSandbox(tmp_path / "course")
