"""The progress report: a learner's working copy graded by the course's own grader, per exercise, read-only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from test_learner_workcopy import tree_digest

from pmcourse.grading.cells import cells_by_grade_id, replace_cell_source, solution_submission, split_secret_lines
from pmcourse.grading.course import COURSE_ROOT
from pmcourse.grading.variants import load_variants
from pmcourse.learner.progress import CORRECT, NOT_ATTEMPTED, NOT_YET, WRITTEN, grade_work
from pmcourse.learner.progress_report import html_report, text_report
from pmcourse.learner.workcopy import sync

ORIENTATION, RESEARCH = "00-orientation", "01-market-research"


def master(assignment: str, name: str) -> nbformat.NotebookNode:
    return nbformat.read(str(COURSE_ROOT / "solutions" / assignment / f"{name}.ipynb"), as_version=4)


def solved(work: Path, assignment: str, name: str) -> nbformat.NotebookNode:
    release = nbformat.read(str(work / assignment / f"{name}.ipynb"), as_version=4)
    return solution_submission(release, master(assignment, name))


def hidden_lines(assignment: str, name: str) -> set[str]:
    return {line.strip() for cell in master(assignment, name).cells
            for line in split_secret_lines(cell.source)[1] if len(line.strip()) > 12}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A half-done working copy: 00 solved but for one classic mistake and one crash, 01 broken on disk."""
    course = tmp_path_factory.mktemp("progress")
    work = sync(COURSE_ROOT, course / "my-work").work
    variant = next(v for v in load_variants(COURSE_ROOT / "tests/variants/00-orientation.toml", ["pm_job_in_data"])
                   if v.cell == "ex3-answer" and v.expect == "lose")
    nb = replace_cell_source(solved(work, ORIENTATION, "pm_job_in_data"), variant.cell, variant.code)
    nb = replace_cell_source(nb, "ex5-answer", "po_entries = confirmed[")  # a syntax error
    nbformat.write(nb, str(work / ORIENTATION / "pm_job_in_data.ipynb"))
    (work / RESEARCH / "market_research.ipynb").write_text('{"cells": [')
    before = {folder: tree_digest(folder) for folder in (work, COURSE_ROOT / "notebooks", COURSE_ROOT / "solutions")}
    results = grade_work(COURSE_ROOT, work, [ORIENTATION, RESEARCH])
    return work, before, variant, {(r.assignment, r.notebook): r for r in results}


def verdicts(entry) -> dict[str, str]:
    return {ex.key: ex.verdict for ex in entry.exercises}


def test_each_exercise_gets_the_verdict_the_grader_gives(graded):
    _, _, _, results = graded
    orientation = results[ORIENTATION, "pm_job_in_data"]
    assert verdicts(orientation) == {"ex1": CORRECT, "ex2": CORRECT, "ex3": NOT_YET, "ex4": CORRECT,
                                     "ex5": NOT_YET, "written-priorities": WRITTEN, "written-handover": WRITTEN}
    points = {ex.key: (ex.score, ex.points) for ex in orientation.exercises}
    assert all(score == total > 0 for key, (score, total) in points.items() if verdicts(orientation)[key] == CORRECT)
    nb = master(ORIENTATION, "pm_job_in_data")
    assert orientation.points == sum(float(c.metadata.nbgrader["points"]) for c in nb.cells
                                     if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")


def test_a_wrong_answer_gets_its_message_and_never_the_hidden_tests(graded):
    _, _, variant, results = graded
    exercises = {ex.key: ex for ex in results[ORIENTATION, "pm_job_in_data"].exercises}
    assert variant.hint in exercises["ex3"].message, exercises["ex3"].message
    assert exercises["ex5"].message.startswith("your answer cell stopped with SyntaxError")
    report = text_report(list(results.values())) + html_report(list(results.values()))
    leaked = [line for line in hidden_lines(ORIENTATION, "pm_job_in_data") if line in report]
    assert leaked == []


def test_a_broken_notebook_is_reported_and_the_rest_go_on(graded):
    _, _, _, results = graded
    research = results[RESEARCH, "market_research"]
    assert research.problem.startswith("could not be read (NotJSONError")
    assert research.score == 0 and set(verdicts(research).values()) <= {NOT_ATTEMPTED, WRITTEN}
    assert "could not be read" in text_report(list(results.values()))


def test_progress_only_reads_the_working_copy_and_writes_nothing_into_the_course(graded):
    _, before, _, _ = graded
    assert {folder: tree_digest(folder) for folder in before} == before


def test_the_progress_command_prints_totals_and_writes_a_page_with_a_chart(tmp_path):
    work = sync(COURSE_ROOT, tmp_path / "my-work").work
    nbformat.write(solved(work, ORIENTATION, "pm_job_in_data"), str(work / ORIENTATION / "pm_job_in_data.ipynb"))
    result = subprocess.run([sys.executable, "-m", "pmcourse.learner", "--work", str(work), "progress", ORIENTATION],
                            capture_output=True, text=True, cwd=COURSE_ROOT)
    assert result.returncode == 0, result.stderr
    nb = master(ORIENTATION, "pm_job_in_data")
    total = sum(float(c.metadata.nbgrader["points"]) for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")
    assert f"Total: {total:g} of {total:g} autograded points." in result.stdout
    assert "Warning" not in result.stdout + result.stderr
    page = (work / "progress.html").read_text()
    assert "plotly" in page and "Correct" in page
    cells = cells_by_grade_id(nbformat.read(str(work / ORIENTATION / "pm_job_in_data.ipynb"), as_version=4))
    assert "ex1-answer" in cells  # the learner's notebook is still there, unchanged in name
