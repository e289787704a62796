"""Where a learner studying alone stands: every exercise of the working copy graded by the course's own grader.

The learner's notebooks are handed in, as a private student, to a throw-away copy of the course (the
masters in solutions/ hold the hidden tests), autograded by the course's batch command through nbgrader,
and read back per exercise: Correct, Not yet (with the learner's message, never hidden test code), Not
attempted, or Written (graded by an instructor). The learner's files are only read.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from pmcourse.grading.cells import cell_kind, cells_by_grade_id, grade_id
from pmcourse.grading.course import assignment_ids
from pmcourse.grading.preprocessors import HideHiddenTests
from pmcourse.grading.sandbox import CourseSandbox, output_text
from pmcourse.instructor.batch import autograde_batch
from pmcourse.learner.workcopy import exercise_key

STUDENT = "me"
CORRECT, NOT_YET, NOT_ATTEMPTED, WRITTEN = "Correct", "Not yet", "Not attempted", "Written"


@dataclass
class Exercise:
    """One exercise of one notebook: its graded cells' points and what the learner should read."""

    key: str  # ex1, ex2, … or the grade id of a written task
    verdict: str = NOT_ATTEMPTED
    score: float = 0.0
    points: float = 0.0
    message: str = ""


@dataclass
class NotebookProgress:
    assignment: str
    notebook: str
    exercises: list[Exercise] = field(default_factory=list)
    problem: str = ""  # why the notebook could not be graded as it is, if so

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises if e.verdict != WRITTEN)

    @property
    def points(self) -> float:
        return sum(e.points for e in self.exercises if e.verdict != WRITTEN)


def _read_learner_notebook(path: Path) -> tuple[NotebookNode | None, str]:
    """The learner's notebook, or None and the reason it cannot be graded as it is."""
    if not path.exists():
        return None, "missing from your working copy (python3 course.py update restores it)"
    try:
        nb = nbformat.read(str(path), as_version=4)
        nbformat.validate(nb)
    except Exception as error:  # invalid JSON or an invalid notebook: report it, grade the rest
        return None, f"could not be read ({type(error).__name__}: {str(error).splitlines()[0][:160]})"
    return nb, ""


def _message(cell: NotebookNode) -> str:
    """The first thing the learner should read from a failed test cell: the error's own sentence."""
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            return f"{output.ename}: {output.evalue}" if output.evalue else output.ename
    return output_text(cell).strip().splitlines()[-1][:300] if output_text(cell).strip() else ""


def _attempted(learner: NotebookNode | None, release: NotebookNode, gids: Iterable[str]) -> bool:
    if learner is None:
        return False
    mine, given = cells_by_grade_id(learner), cells_by_grade_id(release)
    return any(gid in mine and gid in given and mine[gid].source.strip() != given[gid].source.strip()
               for gid in gids)


def _exercises(release: NotebookNode, graded: NotebookNode, learner: NotebookNode | None,
               scores: dict[str, float | None]) -> list[Exercise]:
    """Group a notebook's graded cells by exercise and give each a verdict."""
    shown = copy.deepcopy(graded)
    HideHiddenTests().preprocess(shown, {})
    outputs = cells_by_grade_id(shown)
    groups: dict[str, list[NotebookNode]] = {}
    for cell in release.cells:
        gid = grade_id(cell)
        if gid and cell_kind(cell) in {"autograded_answer", "autograded_test", "manual_answer", "task"}:
            groups.setdefault(exercise_key(gid), []).append(cell)
    exercises = []
    for key, cells in groups.items():
        exercise = Exercise(key)
        kinds = {cell_kind(c) for c in cells}
        answers = [grade_id(c) for c in cells if cell_kind(c) in {"autograded_answer", "manual_answer"}]
        if kinds <= {"manual_answer", "task"}:
            exercise.verdict = WRITTEN
            exercise.points = sum(float(c.metadata.nbgrader.get("points", 0)) for c in cells)
            answered = "answered; " if answers and _attempted(learner, release, answers) else (
                "not answered yet; " if answers else "")
            exercise.message = answered + "graded by an instructor"
            exercises.append(exercise)
            continue
        tests = [c for c in cells if cell_kind(c) == "autograded_test"]
        exercise.points = sum(float(c.metadata.nbgrader.get("points", 0)) for c in tests)
        exercise.score = sum(scores.get(grade_id(c)) or 0.0 for c in tests)
        missing = [gid for gid in answers if learner is not None and gid not in cells_by_grade_id(learner)]
        if not _attempted(learner, release, answers):
            exercise.verdict = NOT_ATTEMPTED
            if missing:
                exercise.message = f"the answer cell {missing[0]} is missing from your notebook"
        elif exercise.score >= exercise.points:
            exercise.verdict = CORRECT
        else:
            exercise.verdict = NOT_YET
            failing = next((grade_id(c) for c in tests if (scores.get(grade_id(c)) or 0.0) < float(
                c.metadata.nbgrader.get("points", 0))), None)
            crashed = next((gid for gid in answers if gid in outputs and any(
                out.output_type == "error" for out in outputs[gid].get("outputs", []))), None)
            if crashed:
                exercise.message = f"your answer cell stopped with {_message(outputs[crashed])}"
            else:
                exercise.message = _message(outputs[failing]) if failing in outputs else ""
        exercises.append(exercise)
    return exercises


def grade_work(course: Path, work: Path, assignments: Iterable[str] | None = None) -> list[NotebookProgress]:
    """Autograde every notebook of the working copy in a private copy of the course; one result per notebook."""
    wanted = list(assignments or assignment_ids(course))
    results: list[NotebookProgress] = []
    with tempfile.TemporaryDirectory(prefix="pmcourse-progress-") as scratch:
        sandbox = CourseSandbox(Path(scratch) / "course", source_root=course, configured_gradebook=True)
        learners: dict[tuple[str, str], NotebookNode | None] = {}
        for assignment in wanted:
            submission: dict[str, NotebookNode] = {}
            for name in sandbox.notebooks(assignment):
                nb, problem = _read_learner_notebook(work / assignment / f"{name}.ipynb")
                learners[assignment, name] = nb
                # An unreadable notebook is graded as the release (nothing attempted) so the rest go on.
                submission[name] = nb if nb is not None else sandbox.release(assignment, name)
                results.append(NotebookProgress(assignment, name, problem=problem))
            sandbox.submit(assignment, STUDENT, submission)
        batch = autograde_batch(sandbox.root, wanted, [STUDENT], progress=False)
        failed = {s.assignment: s.reason or "it could not be graded" for s in batch.statuses if s.status == "failed"}
        for entry in results:
            if entry.assignment in failed:
                entry.problem = entry.problem or f"could not be graded: {failed[entry.assignment]}"
                continue
            report = sandbox.report(entry.assignment, STUDENT)
            scores = {c.grade_id: c.score for c in report.cells if c.notebook == entry.notebook}
            graded = nbformat.read(str(sandbox.root / "autograded" / STUDENT / entry.assignment
                                       / f"{entry.notebook}.ipynb"), as_version=4)
            entry.exercises = _exercises(sandbox.release(entry.assignment, entry.notebook), graded,
                                         learners[entry.assignment, entry.notebook], scores)
        shutil.rmtree(sandbox.root, ignore_errors=True)
    return results
