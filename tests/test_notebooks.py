"""Every committed notebook is clean and well-formed, and releases leak nothing.

That every solution runs top to bottom, hidden tests included, the self-test proves: it autogrades each
solution and fails on any cell that raised (tests/test_course_grading.py).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import ASSIGNMENTS

from pmcourse.grading.course import COURSE_ROOT, notebook_names
from pmcourse.grading.hygiene import notebook_problems
from pmcourse.grading.leaks import find_leaks

COMMITTED = sorted(COURSE_ROOT.glob("solutions/*/*.ipynb")) + sorted(COURSE_ROOT.glob("notebooks/*/*.ipynb"))
PAIRS = [(a, n) for a in ASSIGNMENTS for n in notebook_names(a, COURSE_ROOT)]


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: str(p.relative_to(COURSE_ROOT)))
def test_committed_notebook_is_clean(path):
    assert notebook_problems(path) == []


def test_every_solution_has_a_committed_release():
    released = sorted(p.relative_to(COURSE_ROOT / "notebooks") for p in COURSE_ROOT.glob("notebooks/*/*.ipynb"))
    sources = sorted(p.relative_to(COURSE_ROOT / "solutions") for p in COURSE_ROOT.glob("solutions/*/*.ipynb"))
    assert released == sources


@pytest.mark.parametrize(("assignment", "notebook"), PAIRS)
def test_release_leaks_no_secret(assignment, notebook):
    source = _read(COURSE_ROOT / "solutions" / assignment / f"{notebook}.ipynb")
    release = _read(COURSE_ROOT / "notebooks" / assignment / f"{notebook}.ipynb")
    assert find_leaks(source, release) == []


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_committed_release_matches_a_fresh_generate_assignment(grading, assignment):
    fresh = grading.sandbox.generate(assignment)
    committed = COURSE_ROOT / "notebooks" / assignment
    fresh_files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    committed_files = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    assert committed_files == fresh_files, "run `python3 course.py build` and commit notebooks/"
    changed = [str(name) for name in fresh_files if (fresh / name).read_bytes() != (committed / name).read_bytes()]
    assert changed == [], "notebooks/ differs from a fresh build: run `python3 course.py build` and commit"
