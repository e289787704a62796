"""The course grades itself through nbgrader: solutions score full marks, blanks score zero, and every
variant in tests/variants/ gets the grade it says. Generic over every assignment in solutions/."""

from __future__ import annotations

import pytest
from conftest import ASSIGNMENTS

from pmcourse.grading.course import COURSE_ROOT, notebook_names
from pmcourse.grading.selftest import (
    blank_problems,
    error_problems,
    full_marks_problems,
    release_notebooks,
    solution_notebooks,
    variant_notebooks,
    variant_problems,
)
from pmcourse.grading.variants import load_variants

VARIANTS = [
    pytest.param(assignment, variant, id=f"{assignment}:{variant.name}")
    for assignment in ASSIGNMENTS
    for variant in load_variants(COURSE_ROOT / "tests" / "variants" / f"{assignment}.toml",
                                 notebook_names(assignment, COURSE_ROOT))
]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_scores_full_marks(grading, assignment):
    sandbox = grading.sandbox
    report = grading.grade(assignment, "solution", solution_notebooks(sandbox, assignment))
    assert full_marks_problems(report) + error_problems(report) == []
    assert report.auto_score == report.auto_max > 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_release_scores_zero_and_every_test_fails(grading, assignment):
    report = grading.grade(assignment, "blank", release_notebooks(grading.sandbox, assignment))
    assert blank_problems(report) == []
    assert report.autograded, "an assignment without autograded test cells"
    assert all(cell.score == 0 for cell in report.autograded)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_points_are_within_the_course_budget(grading, assignment):
    """Spec §4: the foundation assignment has 10-20 autograded points, the modules 20-40; 5-15 manual."""
    report = grading.grade(assignment, "solution", solution_notebooks(grading.sandbox, assignment))
    manual = sum(cell.max_score for cell in report.cells if cell.kind != "autograded_test")
    low, high = (10, 20) if assignment == "00-orientation" else (20, 40)
    assert low <= report.auto_max <= high
    assert 5 <= manual <= 15


def test_every_assignment_has_variants():
    """Misconceptions and correct alternatives are part of an assignment, not an afterthought."""
    covered = {assignment for assignment, *_ in (p.values for p in VARIANTS)}
    assert covered == set(ASSIGNMENTS)


@pytest.mark.parametrize(("assignment", "variant"), VARIANTS)
def test_variant_gets_the_grade_it_deserves(grading, assignment, variant):
    notebooks = variant_notebooks(grading.sandbox, assignment, variant)
    report = grading.grade(assignment, variant.student_id, notebooks)
    assert variant_problems(variant, report) == []
