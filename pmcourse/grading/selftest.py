"""The course's checks of its own grading: each returns a list of problems, empty when all is well.

Keeping them as plain functions over a GradeReport lets the test suite assert they are empty for the
real course and non-empty for deliberately broken copies (the self-test must be able to fail).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from nbformat import NotebookNode

from pmcourse.grading.cells import replace_cell_source, solution_submission
from pmcourse.grading.sandbox import CourseSandbox, GradeReport
from pmcourse.grading.variants import Variant


def solution_notebooks(sandbox: CourseSandbox, assignment: str) -> dict[str, NotebookNode]:
    """The release of every notebook with its solutions put back."""
    return {name: solution_submission(sandbox.release(assignment, name), sandbox.source(assignment, name))
            for name in sandbox.notebooks(assignment)}


def release_notebooks(sandbox: CourseSandbox, assignment: str) -> dict[str, NotebookNode]:
    """The untouched release: what a learner who did nothing would hand in."""
    return {name: sandbox.release(assignment, name) for name in sandbox.notebooks(assignment)}


def variant_notebooks(sandbox: CourseSandbox, assignment: str, *variants: Variant) -> dict[str, NotebookNode]:
    """The solution submission with each variant's cell rewritten (several: a pack, see grading.packing)."""
    notebooks = solution_notebooks(sandbox, assignment)
    for variant in variants:
        notebooks[variant.notebook] = replace_cell_source(notebooks[variant.notebook], variant.cell, variant.code)
    return notebooks


def full_marks_problems(report: GradeReport) -> list[str]:
    """Autograded cells that did not get full marks (and a zero maximum, which proves nothing)."""
    problems = [f"{c.notebook}/{c.grade_id}: {c.score} of {c.max_score}\n{c.output[-1500:]}"
                for c in report.autograded if c.score != c.max_score]
    if report.auto_max <= 0:
        problems.append(f"{report.assignment}: no autograded points at all")
    return problems


def error_problems(report: GradeReport) -> list[str]:
    """Cells that raised: a correct answer must run top to bottom, given and locked cells included."""
    return [f"a cell raised on a correct answer: {error}" for error in report.errors]


def blank_problems(report: GradeReport) -> list[str]:
    """Cells that gave points to an untouched release: a test that passes without an answer."""
    return [f"{c.notebook}/{c.grade_id}: {c.score} of {c.max_score} for a blank submission"
            for c in report.cells if (c.score or 0) > 0]


def variant_problems(variant: Variant, report: GradeReport, theirs: Collection[str] = ()) -> list[str]:
    """How a graded variant differs from what its entry in the variants file expects.

    `theirs`: in a pack (pmcourse.grading.packing), the cells the other variants of the notebook reach.
    This variant cannot change them, so they are the others' to account for and left out here.
    """
    report = replace(report, cells=tuple(c for c in report.cells if c.grade_id not in theirs),
                     errors=tuple(e for e in report.errors if e.split(":", 1)[0].split("/", 1)[-1] not in theirs))
    if variant.expect == "full":
        return full_marks_problems(report) + error_problems(report)
    problems = []
    if report.auto_score >= report.auto_max:
        problems.append(f"{variant.name!r} kept full marks ({report.auto_score} of {report.auto_max})")
    lost = [report.cell(gid) for gid in variant.lose]
    problems += [f"{variant.name!r}: {c.grade_id} still scored {c.score} of {c.max_score}"
                 for c in lost if c.score == c.max_score]
    problems += [f"{variant.name!r}: {c.grade_id} is in also_lose but kept full marks: take it off the list"
                 for c in (report.cell(gid) for gid in variant.also_lose) if c.score == c.max_score]
    allowed = {*variant.lose, *variant.also_lose}
    problems += [f"{variant.name!r}: {c.grade_id} lost points too ({c.score} of {c.max_score}); one slip should "
                 "cost one step: grade it against the learner's own earlier value when that is well-formed, or "
                 f"list it in also_lose with why\n{c.output[-600:]}"
                 for c in report.autograded if c.grade_id not in allowed and c.score != c.max_score]
    if variant.hint:
        shown = " ".join("\n".join(c.output for c in (lost or report.autograded)).split())  # wrapped lines
        if " ".join(variant.hint.lower().split()) not in shown.lower():
            problems.append(f"{variant.name!r}: the hint {variant.hint!r} is not in the visible output")
    return problems
