"""The course grades itself through nbgrader: solutions score full marks, blanks score zero, and every
variant in tests/variants/ gets the grade it says. Generic over every assignment in solutions/.

Each assignment is one batch through the course's batch autograde (conftest's `self_test`), so its tests
share a pytest-xdist group: one worker grades it once.
"""

from __future__ import annotations

import pytest
from conftest import ASSIGNMENTS, course_variants

from pmcourse.grading.selftest import (
    blank_problems,
    error_problems,
    full_marks_problems,
    variant_notebooks,
    variant_problems,
)


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
    assert variant_problems(variant, report, grading.others_reach[(assignment, variant.student_id)]) == []


@pytest.mark.xdist_group(f"self-test-{ASSIGNMENTS[0]}")
def test_a_packed_variant_scores_as_it_does_alone(grading):
    """Packing is only an optimisation: each variant of the largest pack of 00, graded alone, gets the
    same score in every cell the rest of its pack does not reach as it got in the pack."""
    assignment = ASSIGNMENTS[0]
    reports = grading.self_test(assignment)
    packs: dict[str, list] = {}
    for variant in course_variants(assignment):
        packs.setdefault(reports[variant.student_id].student, []).append(variant)
    members = max(packs.values(), key=len)
    assert len(members) >= 3, "00 should have a pack of several variants"
    for variant in members:
        packed = reports[variant.student_id]
        alone = grading.grade(assignment, f"alone-{variant.student_id}",
                              variant_notebooks(grading.sandbox, assignment, variant))
        theirs = grading.others_reach[(assignment, variant.student_id)]
        scores = {c.grade_id: c.score for c in packed.autograded if c.grade_id not in theirs}
        assert scores == {c.grade_id: c.score for c in alone.autograded if c.grade_id not in theirs}, variant.name
