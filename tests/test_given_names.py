"""Given code reads only given or asked-for names, so a correct answer in the learner's own words never
meets a NameError in lines the course wrote; hidden tests stand alone. Generic over every master."""

from __future__ import annotations

import nbformat
import pytest
from conftest import ASSIGNMENTS

from pmcourse.grading.cells import replace_cell_source
from pmcourse.grading.course import COURSE_ROOT, notebook_names
from pmcourse.grading.given_names import read_before_defined, unknown_names

MASTERS = [(a, n) for a in ASSIGNMENTS for n in notebook_names(a, COURSE_ROOT)]


def master(assignment: str, name: str) -> nbformat.NotebookNode:
    return nbformat.read(str(COURSE_ROOT / "solutions" / assignment / f"{name}.ipynb"), as_version=4)


@pytest.mark.parametrize(("assignment", "name"), MASTERS)
def test_given_lines_and_hidden_tests_read_only_given_or_asked_names(assignment, name):
    assert [str(problem) for problem in unknown_names(master(assignment, name))] == []


def test_the_check_finds_a_given_line_that_prints_a_helper_of_the_solution():
    nb = master("00-orientation", "pm_job_in_data")
    broken = replace_cell_source(nb, "ex3-answer", "### BEGIN SOLUTION\nhelper = 1\n### END SOLUTION\nprint(helper)")
    assert [str(p) for p in unknown_names(broken)] == ["ex3-answer (given code) reads helper"]


def test_the_check_finds_a_hidden_test_that_reads_what_an_earlier_test_left_behind():
    nb = master("00-orientation", "pm_job_in_data")
    cells = [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "ex3-test-share"]
    cells[0].source += "\n### BEGIN HIDDEN TESTS\n_t = _t + 1\n### END HIDDEN TESTS"
    assert [str(p) for p in unknown_names(nb)] == ["ex3-test-share (hidden code) reads _t"]


@pytest.mark.parametrize(("code", "unknown"), [
    ("_s = _s[_s > 0]", {"_s"}),                              # reads an older _s
    ("_s = load('x')\n_s = _s[_s > 0]", set()),
    ("for _k in range(3):\n    _t = _k\nprint(_t)", set()),    # names a loop binds
    ("f = lambda v: v + w", {"w"}),
    ("total = sum(x * 2 for x in values)", {"values"}),
    ("%matplotlib inline\nimport numpy as np\nnp.pi", set()),
    ("_x = checks.own_or_reference(lambda: answered, _ref)", {"checks", "_ref"}),   # the own value is optional
    ("checks.check_carried(lambda e: f(nps, e), g, _ref, lambda: nps)", {"checks", "f", "g", "nps", "_ref"}),
])
def test_reading_before_defining_is_found_statement_by_statement(code, unknown):
    assert read_before_defined(code, {"load", "print", "range", "sum"})[0] == unknown
