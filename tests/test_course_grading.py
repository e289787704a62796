"""The course grades itself through nbgrader: solutions score full marks, blanks score zero, and every
variant in tests/variants/ gets the grade it says. Generic over every assignment in solutions/.

Each assignment is one batch through the course's batch autograde (conftest's `self_test`), so its tests
share a pytest-xdist group: one worker grades it once.
"""

from __future__ import annotations

import pytest
from conftest import ASSIGNMENTS, course_variants

from pmcourse.grading.selftest import blank_problems, error_problems, full_marks_problems, variant_problems


def _by_assignment(assignment: str, *values, id: str | None = None):
    return pytest.param(assignment, *values, id=id or assignment,
                        marks=pytest.mark.xdist_group(f"self-test-{assignment}"))


EACH = [_by_assignment(a) for a in ASSIGNMENTS]
VARIANTS = [_by_assignment(a, v, id=f"{a}:{v.name}") for a in ASSIGNMENTS for v in course_variants(a)]


@pytest.mark.parametrize("assignment", EACH)
def test_solution_scores_full_marks(grading, assignment):
    report = grading.self_test(assignment)["solution"]
    assert full_marks_problems(report) + error_problems(report) == []
    assert report.auto_score == report.auto_max > 0


@pytest.mark.parametrize("assignment", EACH)
def test_blank_release_scores_zero_and_every_test_fails(grading, assignment):
    report = grading.self_test(assignment)["blank"]
    assert blank_problems(report) == []
    assert report.autograded, "an assignment without autograded test cells"
    assert all(cell.score == 0 for cell in report.autograded)


@pytest.mark.parametrize("assignment", EACH)
def test_points_are_within_the_course_budget(grading, assignment):
    """Spec §4: the foundation assignment has 10-20 autograded points, the modules 20-40; 5-15 manual."""
    report = grading.self_test(assignment)["solution"]
    manual = sum(cell.max_score for cell in report.cells if cell.kind != "autograded_test")
    low, high = (10, 20) if assignment == "00-orientation" else (20, 40)
    assert low <= report.auto_max <= high
    assert 5 <= manual <= 15


def test_every_assignment_has_variants():
    """Misconceptions and correct alternatives are part of an assignment, not an afterthought."""
    assert {p.values[0] for p in VARIANTS} == set(ASSIGNMENTS)


@pytest.mark.parametrize(("assignment", "variant"), VARIANTS)
def test_variant_gets_the_grade_it_deserves(grading, assignment, variant):
    report = grading.self_test(assignment)[variant.student_id]
    assert variant_problems(variant, report) == []
