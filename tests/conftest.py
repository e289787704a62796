"""Shared fixtures: one throw-away course copy per test session, graded through nbgrader's API."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from pmcourse.grading.course import COURSE_ROOT, assignment_ids, ensure_tools_on_path, notebook_names
from pmcourse.grading.packing import pack, reach
from pmcourse.grading.sandbox import CourseSandbox, GradeReport
from pmcourse.grading.selftest import release_notebooks, solution_notebooks, variant_notebooks
from pmcourse.grading.variants import Variant, load_variants
from pmcourse.instructor.batch import autograde_batch

ensure_tools_on_path()
warnings.filterwarnings("ignore", message=".*not in session.*")

ASSIGNMENTS = assignment_ids(COURSE_ROOT)


def course_variants(assignment: str) -> list[Variant]:
    """The variants file of an assignment, checked against its notebooks."""
    return load_variants(COURSE_ROOT / "tests" / "variants" / f"{assignment}.toml",
                         notebook_names(assignment, COURSE_ROOT))


class GradingSession:
    """A course sandbox that grades each (assignment, student) once and remembers the report."""

    def __init__(self, root: Path) -> None:
        self.sandbox = CourseSandbox(root)
        self._reports: dict[tuple[str, str], GradeReport] = {}
        self._self_tests: dict[str, dict[str, GradeReport]] = {}
        self.others_reach: dict[tuple[str, str], set[str]] = {}

    def grade(self, assignment: str, student: str, notebooks: dict) -> GradeReport:
        """One whole submission, autograded through nbgrader's API."""
        key = (assignment, student)
        if key not in self._reports:
            self.sandbox.submit(assignment, student, notebooks)
            self._reports[key] = self.sandbox.autograde(assignment, student)
        return self._reports[key]

    def self_test(self, assignment: str) -> dict[str, GradeReport]:
        """The solution, the blank release and every variant of `assignment`, graded in one batch.

        The batch is the course's own (`autograde_batch`, as `course.py autograde` runs it). A variant
        rewrites one cell of one notebook, so only that notebook is graded (nbgrader's `--notebook`) and
        its report covers that notebook. Variants whose reaches are disjoint share one submission
        (pmcourse.grading.packing); `others_reach` says which cells the rest of a variant's pack reaches.
        """
        if assignment not in self._self_tests:
            sandbox = self.sandbox
            whole = {"solution": solution_notebooks(sandbox, assignment),
                     "blank": release_notebooks(sandbox, assignment)}
            for student, notebooks in whole.items():
                sandbox.submit(assignment, student, notebooks)
            packs, variants = {}, course_variants(assignment)
            for notebook in sandbox.notebooks(assignment):
                source = sandbox.source(assignment, notebook)
                mine = [v for v in variants if v.notebook == notebook]
                for members in pack(source, mine):
                    student = members[0].student_id
                    packs[student] = (notebook, members)
                    sandbox.submit(assignment, student, variant_notebooks(sandbox, assignment, *members))
                    reaches = {v.student_id: reach(source, v) for v in members}
                    for v in members:
                        self.others_reach[(assignment, v.student_id)] = set().union(
                            *(cells for other, cells in reaches.items() if other != v.student_id))
            only = {student: notebook for student, (notebook, _) in packs.items()}
            batch = autograde_batch(sandbox.root, [assignment], [*whole, *packs], workers=_batch_workers(),
                                    db_url=sandbox.db_url, progress=False, only_notebook=only)
            reports = {}
            for status in batch.statuses:
                student = status.student
                if status.status != "graded":  # a kernel that died starting, say: once more on its own
                    sandbox.autograde(assignment, student)
                report = sandbox.report(assignment, student, [only[student]] if student in only else None)
                for member in packs[student][1] if student in packs else []:
                    reports[member.student_id] = report
                reports.setdefault(student, report)
            self._self_tests[assignment] = reports
        return self._self_tests[assignment]


def _batch_workers() -> int:
    """Grading processes per batch: the cores, shared with the other pytest-xdist workers."""
    return max(1, (os.cpu_count() or 1) // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))


@pytest.fixture(scope="session")
def grading(tmp_path_factory: pytest.TempPathFactory) -> GradingSession:
    return GradingSession(tmp_path_factory.mktemp("course"))


@pytest.fixture
def fresh_sandbox(tmp_path: Path) -> CourseSandbox:
    """A sandbox of its own, for tests that break the course on purpose."""
    return CourseSandbox(tmp_path / "course")
