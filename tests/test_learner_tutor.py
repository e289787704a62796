"""Self-paced feedback: a verdict under each test cell from the hidden test, in a clone only; graded mode
(nbgrader, or a student holding only the release) is exactly as before.

That every solved notebook shows Correct under every test cell, the browser tests check in JupyterLab
(tests/test_browser.py), where a learner sees it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from pmcourse.grading.cells import (
    grade_id,
    replace_cell_source,
    solution_submission,
    split_secret_lines,
)
from pmcourse.grading.course import COURSE_ROOT, notebook_client
from pmcourse.learner.mode import ENV_VAR, GRADED, SELF_PACED, feedback_mode
from pmcourse.learner.tutor import Tutor

ORIENTATION = ("00-orientation", "pm_job_in_data")


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A clone of the course as a learner has it: masters, release, datasets and a working copy."""
    root = tmp_path_factory.mktemp("clone") / "course"
    for name in ("solutions", "notebooks", "datasets"):
        shutil.copytree(COURSE_ROOT / name, root / name)
    shutil.copytree(COURSE_ROOT / "notebooks", root / "my-work")
    return root


def master(assignment: str, name: str) -> nbformat.NotebookNode:
    return nbformat.read(str(COURSE_ROOT / "solutions" / assignment / f"{name}.ipynb"), as_version=4)


def solved(folder: Path, assignment: str, name: str) -> nbformat.NotebookNode:
    release = nbformat.read(str(folder / assignment / f"{name}.ipynb"), as_version=4)
    return solution_submission(release, master(assignment, name))


def run(nb: nbformat.NotebookNode, folder: Path) -> dict[str, str]:
    """Run `nb` from `folder` as a learner does, errors and all; the text each graded cell shows."""
    client = notebook_client(nb, folder)
    client.allow_errors = True
    client.execute()
    shown = {}
    for cell in nb.cells:
        if grade_id(cell):
            shown[grade_id(cell)] = "\n".join(
                out.get("data", {}).get("text/plain", "") or f"{out.get('ename')}: {out.get('evalue')}"
                for out in cell.get("outputs", []) if out.output_type != "stream")
    return shown


def hidden_lines(assignment: str, name: str) -> set[str]:
    return {line.strip() for cell in master(assignment, name).cells
            for line in split_secret_lines(cell.source)[1] if len(line.strip()) > 12}


def test_a_wrong_value_gets_not_yet_with_its_message_and_a_skipped_exercise_not_attempted(clone):
    nb = solved(clone / "my-work", *ORIENTATION)
    nb = replace_cell_source(nb, "ex1-answer", 'confirmed = calendar[calendar["status"] == "confirmed"]\n'
                             "n_confirmed = len(confirmed)\n"
                             'total_hours = float(confirmed["duration_min"].sum() / 60) + 0.5')
    nb = replace_cell_source(nb, "ex5-answer", "# YOUR CODE HERE\nraise NotImplementedError()")
    shown = run(nb, clone / "my-work" / ORIENTATION[0])
    assert shown["ex1-test-count"].startswith("Correct:")
    assert shown["ex1-test-hours"].startswith("Not yet: ex1-test-hours (1 point). `total_hours`")
    assert 'hint("ex1")' in shown["ex1-test-hours"]
    assert "Not attempted: ex5-test-ids" in shown["ex5-test-ids"]
    everything = "\n".join(shown.values())
    assert [line for line in hidden_lines(*ORIENTATION) if line in everything] == []


@pytest.mark.parametrize("setting", ["release only", "PMCOURSE_FEEDBACK=graded", "NBGRADER_EXECUTION=validate"])
def test_graded_mode_shows_no_verdict(clone, tmp_path, monkeypatch, setting):
    folder = clone / "my-work" / ORIENTATION[0]
    if setting == "release only":  # a student's folder from the exchange: no masters anywhere above it
        folder = tmp_path / ORIENTATION[0]
        shutil.copytree(clone / "notebooks" / ORIENTATION[0], folder)
        monkeypatch.setenv("PMCOURSE_DATASETS", str(clone / "datasets"))
    else:
        monkeypatch.setenv(*setting.split("="))
    shown = run(solved(folder.parent, *ORIENTATION), folder)
    assert not [gid for gid, text in shown.items() if "Correct:" in text or "Not yet:" in text]


@pytest.mark.xdist_group(f"self-test-{ORIENTATION[0]}")  # the self-test's batch grades it on this worker
def test_autograde_in_a_folder_with_the_masters_shows_no_verdict(grading):
    report = grading.self_test(ORIENTATION[0])["solution"]
    assert report.auto_score == report.auto_max
    assert [c.grade_id for c in report.cells if "Correct:" in c.output] == []


def test_the_mode_rule(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    (tmp_path / "course" / "solutions").mkdir(parents=True)
    (tmp_path / "course" / "notebooks" / "00").mkdir(parents=True)
    (tmp_path / "student" / "00").mkdir(parents=True)
    assert feedback_mode(tmp_path / "course" / "notebooks" / "00") == SELF_PACED
    assert feedback_mode(tmp_path / "student" / "00") == GRADED
    monkeypatch.setenv(ENV_VAR, "self-paced")
    assert feedback_mode(tmp_path / "student" / "00") == SELF_PACED
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")  # nbgrader always wins
    assert feedback_mode(tmp_path / "course" / "notebooks" / "00") == GRADED


def test_hints_come_one_at_a_time_then_the_solution():
    tutor = Tutor(COURSE_ROOT)
    assert "run the notebook's first cell" in tutor.hint("ex1")
    tutor.notebook = "01-market-research/market_research"
    first, second, third = tutor.hint("ex1"), tutor.hint("ex1"), tutor.hint("ex1")
    assert first.startswith("Hint 1 of 2") and "**NPS = 100 × (promoters − detractors) / respondents**" in first
    assert second.startswith("Hint 2 of 2") and "Detractors are 0–6" in second
    assert "No more hints" in third and 'solution("ex1")' in third
    code = tutor.solution("ex1")
    assert "def net_promoter" in code and "### BEGIN SOLUTION" not in code
    assert "No worked solution" in tutor.solution("ex99")


def test_a_value_right_for_the_learners_own_earlier_answer_says_so():
    """Error carried forward, seen by the learner: Correct, and where the points were really lost."""
    from pmcourse.learner.tutor import TestCell, judge

    hidden = ("checks.check_carried(lambda e: checks.assert_close(total, e, 0.01, 'total'), sum, [1.0, 2.0], "
              "lambda: earlier)")
    test = TestCell("nb", "ex2-test-total", 1.0, "from pmcourse import checks\n" + hidden)
    plain = judge(test, {"total": 3.0, "earlier": [1.0, 2.0]})
    carried = judge(test, {"total": 30.0, "earlier": [10.0, 20.0]})
    wrong = judge(test, {"total": 7.0, "earlier": [10.0, 20.0]})
    assert plain.status == carried.status == "Correct" and wrong.status == "Not yet"
    assert "your own earlier answer" in carried.text() and "your own earlier answer" not in plain.text()
