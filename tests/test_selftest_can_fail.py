"""The self-test is only worth something if it can fail: break the course on purpose and watch it notice."""

from __future__ import annotations

import copy

import nbformat
import pytest

from pmcourse.grading.cells import cells_by_grade_id, replace_cell_source
from pmcourse.grading.hygiene import notebook_problems
from pmcourse.grading.leaks import find_leaks
from pmcourse.grading.selftest import (
    blank_problems,
    full_marks_problems,
    release_notebooks,
    solution_notebooks,
    variant_problems,
)
from pmcourse.grading.variants import Variant

ASSIGNMENT = "00-orientation"


def _only(notebooks):
    (name, nb), = notebooks.items()
    return name, nb


def test_a_broken_solution_is_caught(fresh_sandbox):
    name, nb = _only(solution_notebooks(fresh_sandbox, ASSIGNMENT))
    broken = replace_cell_source(nb, "ex3-answer", "strategy_share = 0.5")
    fresh_sandbox.submit(ASSIGNMENT, "broken", {name: broken})
    problems = full_marks_problems(fresh_sandbox.autograde(ASSIGNMENT, "broken"))
    assert len(problems) == 1 and "ex3-test-share" in problems[0]


def test_a_variant_that_should_lose_but_does_not_is_caught(fresh_sandbox):
    """A 'lose' variant whose code is in fact correct must be reported, hint and all."""
    name, nb = _only(solution_notebooks(fresh_sandbox, ASSIGNMENT))
    correct_code = nb.cells[[c.id for c in nb.cells].index("ex3-answer")].source
    variant = Variant(name="not really wrong", cell="ex3-answer", code=correct_code, expect="lose",
                      lose=("ex3-test-share",), hint="stays out of the denominator")
    fresh_sandbox.submit(ASSIGNMENT, variant.student_id, {name: replace_cell_source(nb, variant.cell, variant.code)})
    problems = variant_problems(variant, fresh_sandbox.autograde(ASSIGNMENT, variant.student_id))
    assert any("kept full marks" in p for p in problems)
    assert any("still scored" in p for p in problems)
    assert any("hint" in p for p in problems)


def test_a_leaked_solution_line_is_caught(fresh_sandbox):
    name = fresh_sandbox.notebooks(ASSIGNMENT)[0]
    source = fresh_sandbox.source(ASSIGNMENT, name)
    release = copy.deepcopy(fresh_sandbox.release(ASSIGNMENT, name))
    assert find_leaks(source, release) == []
    secret_line = next(line for line in cells_by_grade_id(source)["ex2-answer"].source.splitlines()
                       if "groupby" in line)
    cells_by_grade_id(release)["ex2-answer"].source += "\n" + secret_line
    assert any("secret line" in p for p in find_leaks(source, release))
    hidden_line = next(line for line in cells_by_grade_id(source)["ex3-test-share"].source.splitlines()
                       if "_focus = " in line)
    cells_by_grade_id(release)["ex1-intro"].source += "\n" + hidden_line
    cells_by_grade_id(release)["ex4-intro"].source += "\n=== BEGIN MARK SCHEME ==="
    problems = find_leaks(source, release)
    assert any("_focus" in p for p in problems) and any("region marker" in p for p in problems)


def test_a_vacuous_test_cell_is_caught(fresh_sandbox):
    """A test cell that cannot fail gives points to a blank notebook, and the blank check reports it."""
    path = fresh_sandbox.root / "solutions" / ASSIGNMENT / f"{fresh_sandbox.notebooks(ASSIGNMENT)[0]}.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    cells_by_grade_id(nb)["ex3-test-share"].source = "assert True  # checks nothing"
    nbformat.write(nb, str(path))
    fresh_sandbox.generate(ASSIGNMENT)
    fresh_sandbox.submit(ASSIGNMENT, "blank", release_notebooks(fresh_sandbox, ASSIGNMENT))
    problems = blank_problems(fresh_sandbox.autograde(ASSIGNMENT, "blank"))
    assert len(problems) == 1 and "ex3-test-share" in problems[0]


def test_a_dirty_notebook_is_caught(tmp_path, fresh_sandbox):
    name = fresh_sandbox.notebooks(ASSIGNMENT)[0]
    nb = copy.deepcopy(fresh_sandbox.source(ASSIGNMENT, name))
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", text="left over\n")]
    code.execution_count = 3
    nb.cells[0].id = "3f2a9c1e-77aa-4b2e"
    cells_by_grade_id(nb)["ex5-test-ids"].metadata["nbgrader"]["points"] = 0
    cells_by_grade_id(nb)["ex5-test-share"].metadata["nbgrader"]["grade_id"] = "ex5-test-ids"
    path = tmp_path / "dirty.ipynb"
    nbformat.write(nb, str(path))
    problems = "\n".join(notebook_problems(path))
    for expected in ("outputs", "not readable", "no positive points", "duplicate grade id"):
        assert expected in problems
    (tmp_path / "broken.ipynb").write_text("{not json")
    assert "not a valid notebook" in notebook_problems(tmp_path / "broken.ipynb")[0]


def test_blank_check_reports_points_for_nothing():
    """blank_problems itself: a report with a scoring cell is flagged (no nbgrader run needed)."""
    from pmcourse.grading.sandbox import CellGrade, GradeReport

    report = GradeReport("a", "s", (CellGrade("nb", "t1", "autograded_test", 1.0, 1.0, ""),
                                    CellGrade("nb", "t2", "autograded_test", 0.0, 2.0, "")))
    assert blank_problems(report) == ["nb/t1: 1.0 of 1.0 for a blank submission"]
    assert full_marks_problems(report) == ["nb/t2: 0.0 of 2.0\n"]


def test_a_slip_that_costs_a_later_step_is_reported_unless_the_variants_file_says_why():
    """variant_problems: one slip costs one step; `also_lose` must name real losses and come with a why."""
    from pmcourse.grading.sandbox import CellGrade, GradeReport
    from pmcourse.grading.variants import Variant

    def report(*scores):
        cells = tuple(CellGrade("nb", f"ex{k}-test", "autograded_test", s, 1.0, "") for k, s in enumerate(scores, 1))
        return GradeReport("a", "s", cells)

    slip = Variant(name="slip", cell="ex1-answer", code="", expect="lose", lose=("ex1-test",))
    assert variant_problems(slip, report(0.0, 1.0, 1.0)) == []
    assert "ex2-test lost points too" in variant_problems(slip, report(0.0, 0.0, 1.0))[0]
    excused = Variant(name="slip", cell="ex1-answer", code="", expect="lose", lose=("ex1-test",),
                      also_lose=("ex2-test",), why="ex2 reuses the same function")
    assert variant_problems(excused, report(0.0, 0.0, 1.0)) == []
    assert "kept full marks: take it off the list" in variant_problems(excused, report(0.0, 1.0, 1.0))[0]


@pytest.mark.parametrize(("extra", "complaint"), [
    ('also_lose = ["ex2-test"]', "needs 'why'"),
    ('why = "because"', "needs 'why'"),
    ('lose = []', "names the test cells"),
])
def test_a_variants_file_that_excuses_a_loss_without_a_reason_is_refused(tmp_path, extra, complaint):
    from pmcourse.grading.variants import VariantFileError, load_variants

    body = 'name = "slip"\ncell = "ex1-answer"\nexpect = "lose"\ncode = "x = 1"\n'
    if not extra.startswith("lose"):
        body += 'lose = ["ex1-test"]\n'
    (tmp_path / "a.toml").write_text(f"[[variant]]\n{body}{extra}\n")
    with pytest.raises(VariantFileError, match=complaint):
        load_variants(tmp_path / "a.toml", ["nb"])
