"""The learner's working copy: course updates bring new material in and never overwrite the learner's work."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ASSIGNMENTS

from pmcourse.grading.cells import cells_by_grade_id, solution_submission
from pmcourse.grading.course import COURSE_ROOT, notebook_names
from pmcourse.learner.workcopy import BASE_DIR_NAME, changed_exercises, sync

TODAY = dt.date(2027, 1, 15)
ENGAGEMENT, RETENTION, REVENUE = "02-kpis/engagement.ipynb", "02-kpis/retention.ipynb", "02-kpis/revenue.ipynb"
ROADMAP = "04-roadmap/roadmap.ipynb"


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course folder as a learner has it: the release, the datasets and the configuration."""
    root = tmp_path / "course"
    for name in ("notebooks", "datasets"):
        shutil.copytree(COURSE_ROOT / name, root / name)
    shutil.copy2(COURSE_ROOT / "nbgrader_config.py", root)
    return root


def edit_answer(path: Path, gid: str, source: str) -> None:
    nb = nbformat.read(str(path), as_version=4)
    cells_by_grade_id(nb)[gid].source = source
    nbformat.write(nb, str(path))


def course_update(course: Path) -> None:
    """What a `git pull` of a new course version does to notebooks/: change, add and remove notebooks."""
    release = course / "notebooks"
    for rel, gid in ((ENGAGEMENT, "ex2-test-dau"), (RETENTION, "ex3-test-unbounded")):
        nb = nbformat.read(str(release / rel), as_version=4)
        cells_by_grade_id(nb)[gid].source += "\nassert True  # a clearer check"
        nbformat.write(nb, str(release / rel))
    shutil.copy2(release / "00-orientation" / "pm_job_in_data.ipynb", release / "00-orientation" / "bonus.ipynb")
    (release / ROADMAP).unlink()


def test_the_first_run_copies_every_release_notebook_and_writes_nothing_else(course):
    before = tree_digest(course / "notebooks")
    report = sync(course, today=TODAY)
    work = course / "my-work"
    assert report.created and report.work == work
    released = [f"{a}/{n}.ipynb" for a in ASSIGNMENTS for n in notebook_names(a, COURSE_ROOT)]
    for rel in released:
        assert (work / rel).read_bytes() == (course / "notebooks" / rel).read_bytes()
    assert tree_digest(course / "notebooks") == before
    assert "Created your working copy" in report.lines()[0]
    assert sync(course, today=TODAY).changes == []


def test_an_update_keeps_edits_restores_deletions_and_brings_new_notebooks(course):
    sync(course, today=TODAY)
    work = course / "my-work"
    edit_answer(work / ENGAGEMENT, "ex1-answer", "activity = activity_raw.drop_duplicates()  # my work")
    mine = (work / ENGAGEMENT).read_bytes()
    (work / REVENUE).unlink()
    # Running a notebook without editing it (outputs, execution counts) does not count as touching it.
    untouched = json.loads((work / RETENTION).read_text())
    for cell in untouched["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 1
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "ran\n"}]
    (work / RETENTION).write_text(json.dumps(untouched))
    (work / ROADMAP).write_text((work / ROADMAP).read_text())
    course_update(course)
    release_before = tree_digest(course / "notebooks")

    report = sync(course, today=TODAY)
    actions = {change.path: change for change in report.changes}

    assert (work / ENGAGEMENT).read_bytes() == mine, "the learner's edited notebook was overwritten"
    offered = work / "02-kpis" / "engagement.course-update-2027-01-15.ipynb"
    assert offered.read_bytes() == (course / "notebooks" / ENGAGEMENT).read_bytes()
    assert actions[ENGAGEMENT].action == "kept-and-offered"
    assert "Exercises changed: ex2." in actions[ENGAGEMENT].detail and offered.name in actions[ENGAGEMENT].detail
    assert actions[REVENUE].action == "restored"
    assert (work / REVENUE).read_bytes() == (course / "notebooks" / REVENUE).read_bytes()
    assert actions[RETENTION].action == "updated"
    assert (work / RETENTION).read_bytes() == (course / "notebooks" / RETENTION).read_bytes()
    assert actions["00-orientation/bonus.ipynb"].action == "new"
    assert actions[ROADMAP].action == "removed-from-course" and (work / ROADMAP).exists()
    assert tree_digest(course / "notebooks") == release_before, "sync wrote into notebooks/"
    text = "\n".join(report.lines())
    assert "YOUR VERSION IS KEPT" in text and "restored" in text

    # The same update, synced again, changes nothing and offers nothing twice.
    assert sync(course, today=TODAY).changes == []
    assert len(list((work / "02-kpis").glob("engagement.course-update-*"))) == 1


def test_a_later_update_never_overwrites_the_copy_it_offered_before(course):
    sync(course, today=TODAY)
    work = course / "my-work"
    edit_answer(work / ENGAGEMENT, "ex1-answer", "activity = activity_raw  # mine")
    course_update(course)
    sync(course, today=TODAY)
    offered = work / "02-kpis" / "engagement.course-update-2027-01-15.ipynb"
    edit_answer(offered, "ex1-answer", "activity = activity_raw  # I started on the new version too")
    edit_answer(course / "notebooks" / ENGAGEMENT, "ex2-test-wau", "assert True  # a second update the same day")
    sync(course, today=TODAY)
    assert "I started on the new version too" in offered.read_text()
    second = work / "02-kpis" / "engagement.course-update-2027-01-15-2.ipynb"
    assert second.read_bytes() == (course / "notebooks" / ENGAGEMENT).read_bytes()


def test_a_broken_notebook_of_the_learner_is_kept_not_replaced(course):
    sync(course, today=TODAY)
    work = course / "my-work"
    (work / ENGAGEMENT).write_text('{"cells": [ half a notebook')
    course_update(course)
    report = sync(course, today=TODAY)
    assert (work / ENGAGEMENT).read_text() == '{"cells": [ half a notebook'
    assert {c.path: c.action for c in report.changes}[ENGAGEMENT] == "kept-and-offered"


def test_a_copy_made_by_hand_is_kept_and_the_release_put_beside_it(course):
    work = course / "my-work"
    (work / "02-kpis").mkdir(parents=True)
    shutil.copy2(course / "notebooks" / ENGAGEMENT, work / ENGAGEMENT)
    edit_answer(work / ENGAGEMENT, "ex1-answer", "activity = None  # mine")
    report = sync(course, today=TODAY)
    assert "# mine" in (work / ENGAGEMENT).read_text()
    assert (work / "02-kpis" / "engagement.course-update-2027-01-15.ipynb").exists()
    assert not report.created and (work / BASE_DIR_NAME / ENGAGEMENT).exists()


def _git(course: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=course, check=True,
                   capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_edits_made_in_notebooks_the_old_way_move_into_the_working_copy(course):
    _git(course, "init", "-q")
    _git(course, "add", "notebooks")
    _git(course, "commit", "-q", "-m", "course release")
    edit_answer(course / "notebooks" / ENGAGEMENT, "ex1-answer", "activity = activity_raw  # typed in notebooks/")
    edited = (course / "notebooks" / ENGAGEMENT).read_bytes()

    report = sync(course, today=TODAY)
    work = course / "my-work"
    assert (work / ENGAGEMENT).read_bytes() == edited
    assert (course / "notebooks" / ENGAGEMENT).read_bytes() == edited, "sync must not write into notebooks/"
    assert "git checkout -- notebooks/" in report.git_hint
    assert {c.path: c.action for c in report.changes}[ENGAGEMENT] == "carried-over"

    # The learner follows the hint, pulls a course update that changes that notebook: their work stays.
    _git(course, "checkout", "--", "notebooks")
    course_update(course)
    _git(course, "add", "-A", "notebooks")
    _git(course, "commit", "-q", "-m", "course update")
    report = sync(course, today=TODAY)
    assert (work / ENGAGEMENT).read_bytes() == edited
    assert {c.path: c.action for c in report.changes}[ENGAGEMENT] == "kept-and-offered"
    assert report.git_hint == ""


def test_changed_exercises_names_what_the_course_changed():
    nb = nbformat.read(str(COURSE_ROOT / "notebooks" / ENGAGEMENT), as_version=4)
    old = nbformat.writes(nb).encode()
    cells_by_grade_id(nb)["ex3-test-platform"].source += "\n# changed"
    del nb.cells[[c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells].index("ex6-answer")]
    assert changed_exercises(old, nbformat.writes(nb).encode()) == "Exercises changed: ex3; removed: ex6."
    assert changed_exercises(old, old) == "Only the text around the exercises changed."


def test_the_working_copy_notebook_loads_data_and_passes_its_checks_when_solved(course):
    """A solved notebook run from my-work/ finds the datasets and passes every test cell, as from notebooks/."""
    from pmcourse.grading.course import notebook_client

    work = sync(course, today=TODAY).work
    assignment, name = "00-orientation", "pm_job_in_data"
    master = nbformat.read(str(COURSE_ROOT / "solutions" / assignment / f"{name}.ipynb"), as_version=4)
    solved = solution_submission(nbformat.read(str(work / assignment / f"{name}.ipynb"), as_version=4), master)
    notebook_client(solved, work / assignment).execute()  # raises CellExecutionError on any failing cell


def test_the_update_command_prints_what_it_did(course):
    command = [sys.executable, "-m", "pmcourse.learner", "--course", str(course), "update"]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "Created your working copy" in first.stdout
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "is up to date with the course" in again.stdout
    progress = subprocess.run([*command[:-1], "progress"], capture_output=True, text=True)
    assert progress.returncode == 2 and "solutions/" in progress.stderr  # no masters in a learner-only copy
