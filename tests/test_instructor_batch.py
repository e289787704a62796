"""The batch autograde command on a class of bad submissions: every score and every record checked.

One sandbox course; each bad kind from pmcourse.instructor.submissions is handed in as its own student,
aimed at exercise 3 of 00-orientation (3 points, nothing later depends on it), next to a perfect and a
blank submission. The batch runs through the command line, as an instructor runs it. Then: the same
submissions graded by nbgrader's serial `nbgrader autograde` must give the same gradebook.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from pmcourse.grading.sandbox import CourseSandbox
from pmcourse.grading.selftest import release_notebooks, solution_notebooks
from pmcourse.instructor.status import read_status
from pmcourse.instructor.submissions import BAD_KINDS, Target

pytestmark = pytest.mark.xdist_group("instructor-batch")

ASSIGNMENT = "00-orientation"
NOTEBOOK = "pm_job_in_data"
TARGET = Target(NOTEBOOK, "ex3-answer", ("ex3-test-share",))
FULL = 13.0
WITHOUT_EX3 = FULL - 3
TIMEOUT = 30  # seconds per submission: a normal one takes under 15 on a loaded 2-core machine

# kind -> (status, autograded score or None when failed, a phrase the reason or a note must contain)
EXPECTED = {
    "perfect": ("graded", FULL, None),
    "blank": ("graded", 0.0, None),
    "invalid JSON": ("failed", None, "not valid JSON"),
    "empty file": ("failed", None, "not valid JSON"),
    "renamed notebook": ("failed", None, "renamed?"),
    "kernel death": ("failed", None, "kernel died"),
    "ignores interrupts": ("failed", None, f"stopped after {TIMEOUT} s"),
    "wrong kernel name": ("graded", FULL, "kernel 'ir'"),
    "IPython exception hook": ("graded", WITHOUT_EX3, "get_ipython"),
    "patched builtins": ("graded", WITHOUT_EX3, "builtins"),
    "patched check helpers": ("graded", WITHOUT_EX3, "checks.assert_close"),
    "value equal to anything": ("graded", WITHOUT_EX3, "__eq__"),
    "edited test cells": ("graded", WITHOUT_EX3, "ex3-test-share was edited"),
    "deleted test cells": ("graded", WITHOUT_EX3, "ex3-test-share was deleted"),
    "copy-pasted graded cell": ("graded", WITHOUT_EX3, "appears more than once"),
    "megabytes of output": ("graded", FULL, "printed 3,000,0"),
}


# One of each way a submission ends in the gradebook; the other kinds end in one of these ways too.
SERIAL_KINDS = ["perfect", "blank", "invalid JSON", "kernel death", "edited test cells", "copy-pasted graded cell"]


def student_id(kind: str) -> str:
    return "s-" + "".join(ch if ch.isalnum() else "-" for ch in kind.lower())


def hand_in(sandbox: CourseSandbox) -> None:
    solution = solution_notebooks(sandbox, ASSIGNMENT)
    sandbox.submit(ASSIGNMENT, student_id("perfect"), solution)
    sandbox.submit(ASSIGNMENT, student_id("blank"), release_notebooks(sandbox, ASSIGNMENT))
    for kind, make in BAD_KINDS.items():
        sandbox.submit(ASSIGNMENT, student_id(kind), make(solution, TARGET))


def run_command(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    return subprocess.run([sys.executable, "-m", "pmcourse.instructor", "--root", str(root), *args],
                          capture_output=True, text=True, env=env, cwd=root, timeout=900)


def gradebook_scores(db_url: str, students: list[str]) -> dict[tuple[str, str], tuple]:
    """(student, grade id) -> (auto score, needs manual grade) for every grade in the gradebook."""
    scores = {}
    with Gradebook(db_url) as gradebook:
        for student in students:
            for notebook in gradebook.find_submission(ASSIGNMENT, student).notebooks:
                for grade in notebook.grades:
                    scores[(student, grade.name)] = (grade.auto_score, grade.needs_manual_grade)
    return scores


@pytest.fixture(scope="session")  # set up once per run, whatever order the tests come in
def batch(tmp_path_factory: pytest.TempPathFactory):
    sandbox = CourseSandbox(tmp_path_factory.mktemp("batch") / "course", configured_gradebook=True)
    sandbox.generate(ASSIGNMENT)
    hand_in(sandbox)
    shutil.copytree(sandbox.root / "submitted", sandbox.root.parent / "submitted-copy")
    run = run_command(sandbox.root, "autograde", ASSIGNMENT, "--workers", "2", "--timeout", str(TIMEOUT))
    return sandbox, run


def test_the_batch_command_finishes_and_prints_a_summary(batch):
    _, run = batch
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Autograded 16 submissions" in run.stdout
    assert "Failed (no score recorded" in run.stdout
    for kind, (status, _, _) in EXPECTED.items():
        if status == "failed":
            assert student_id(kind) in run.stdout


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_submission_gets_the_score_and_record_it_deserves(batch, kind):
    sandbox, _ = batch
    status, score, phrase = EXPECTED[kind]
    record = read_status(sandbox.root, ASSIGNMENT, student_id(kind))
    assert record is not None and record.status == status, record
    said = " ".join([record.reason or "", *record.notes])
    if phrase:
        assert phrase in said, said
    else:
        assert record.reason is None and record.notes == [], said
    with Gradebook(sandbox.db_url) as gradebook:
        submission = gradebook.find_submission(ASSIGNMENT, student_id(kind))
        if score is None:
            assert not (sandbox.root / "autograded" / student_id(kind) / ASSIGNMENT).exists()
        else:
            assert submission.code_score == score
            tests = {g.name: g.auto_score for nb in submission.notebooks for g in nb.grades if g.name.startswith("ex")}
            lost = {name for name, got in tests.items() if got == 0}
            assert lost == ({"ex3-test-share"} if score == WITHOUT_EX3 else set(tests) if score == 0 else set())


def test_huge_output_is_cut_in_the_autograded_notebook(batch):
    sandbox, _ = batch
    path = sandbox.root / "autograded" / student_id("megabytes of output") / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    assert path.stat().st_size < 500_000
    assert "output cut by the grader" in path.read_text(encoding="utf-8")


def test_a_tampering_cell_is_replaced_by_an_error_naming_the_reason(batch):
    sandbox, _ = batch
    path = sandbox.root / "autograded" / student_id("IPython exception hook") / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == TARGET.answer)
    assert "The grader did not run this cell" in "".join(cell["source"])
    assert any(out.get("ename") == "RuntimeError" for out in cell["outputs"])


def test_the_batch_gives_the_same_gradebook_as_serial_nbgrader_autograde(batch, tmp_path):
    """nbgrader's own CLI on a copy of some of the same submissions: each way a submission ends (full marks,
    zero, one exercise lost, refused before running, died while running). Not the one that ignores
    interrupts: serial nbgrader would wait on it for every remaining cell's time limit."""
    sandbox, _ = batch
    serial = CourseSandbox(tmp_path / "serial", configured_gradebook=True)
    for kind in SERIAL_KINDS:
        student = student_id(kind)
        shutil.copytree(sandbox.root.parent / "submitted-copy" / student, serial.root / "submitted" / student)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    for command in (["generate_assignment", ASSIGNMENT, "--force"], ["autograde", ASSIGNMENT, "--force"]):
        subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *command], cwd=serial.root, env=env,
                       capture_output=True, text=True, timeout=900)
    students = sorted(p.name for p in (serial.root / "submitted").iterdir())
    assert gradebook_scores(serial.db_url, students) == gradebook_scores(sandbox.db_url, students)


def test_an_unknown_assignment_is_refused_with_the_known_ones(tmp_path):
    root = tmp_path / "course"
    CourseSandbox(root, configured_gradebook=True)
    run = run_command(root, "autograde", "99-nothing")
    assert run.returncode != 0
    assert "No assignment 99-nothing" in run.stderr and ASSIGNMENT in run.stderr


def test_no_submissions_is_said_plainly(tmp_path):
    root = tmp_path / "course"
    CourseSandbox(root, configured_gradebook=True)
    run = run_command(root, "autograde", ASSIGNMENT)
    assert run.returncode == 0 and "No submissions" in run.stdout

