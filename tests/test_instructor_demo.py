"""The demo class, run as an instructor runs it: generate, batch autograde, feedback, export, report.

A small class (8 students, one assignment) keeps the test short; the default demo is the same
command with more students and assignments.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from pmcourse.grading.course import load_config
from pmcourse.instructor.status import all_statuses

pytestmark = pytest.mark.xdist_group("instructor-demo")

STUDENTS = 8  # with seed 7: unfinished, partial, blank, a misconception and an invalid notebook
ASSIGNMENT = "00-orientation"
UNGRADABLE = {"invalid JSON", "empty file", "renamed notebook", "kernel death"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("demo") / "class"
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    run = subprocess.run([sys.executable, "-m", "pmcourse.instructor", "demo", "--students", str(STUDENTS),
                          "--assignment", ASSIGNMENT, "--out", str(out), "--seed", "7"],
                         capture_output=True, text=True, env=env, timeout=900)
    kinds = {row["submission"]: row["kind"] for row in csv.DictReader((out / "class.csv").open(encoding="utf-8"))}
    return out, run, kinds


def test_the_demo_runs_and_says_where_everything_is(demo):
    out, run, _ = demo
    assert run.returncode == 0, run.stderr[-3000:]
    assert f"Autograded {STUDENTS} submissions" in run.stdout
    for name in ("grades.csv", "exercises.csv", "canvas.csv", "item-analysis.html"):
        assert str(out / "exports" / name) in run.stdout


def test_the_demo_prints_no_library_warnings(demo):
    """The instructor reads the course's lines, not SQLAlchemy's or nbconvert's (warnings go to stderr)."""
    _, run, _ = demo
    noise = [line for line in run.stderr.splitlines() if "Warning" in line or "warn(" in line]
    assert noise == [], "\n".join(noise[:10])


def test_the_class_mixes_honest_and_broken_work(demo):
    _, _, kinds = demo
    assert len(kinds) == STUDENTS
    assert {"complete", "blank"} & set(kinds.values())
    assert any(kind.startswith("misconception") for kind in kinds.values())
    assert sum(kind in UNGRADABLE for kind in kinds.values()) >= 1


def test_every_submission_has_the_status_its_kind_deserves(demo):
    out, _, kinds = demo
    statuses = {f"{s.student}/{s.assignment}": s for s in all_statuses(out)}
    assert set(statuses) == set(kinds)
    db_url = load_config(out).CourseDirectory.db_url
    with Gradebook(db_url) as gradebook:
        for key, kind in kinds.items():
            status = statuses[key]
            assert status.failed == (kind in UNGRADABLE), (key, kind, status)
            if kind == "complete":
                student, assignment = key.split("/")
                submission = gradebook.find_submission(assignment, student)
                assert submission.code_score == submission.max_code_score > 0


def test_exports_keep_failed_apart_from_zero(demo):
    out, _, kinds = demo
    rows = list(csv.DictReader((out / "exports" / "grades.csv").open(encoding="utf-8")))
    assert len(rows) == STUDENTS
    for row in rows:
        kind = kinds[f"{row['student_id']}/{row['assignment']}"]
        assert (row["status"] == "failed") == (kind in UNGRADABLE)
        if kind in UNGRADABLE:
            assert row["score"] == "" and row["reason"]
        if kind == "blank":
            assert float(row["score"]) == 0.0
    canvas = list(csv.reader((out / "exports" / "canvas.csv").open(encoding="utf-8")))
    assert canvas[1][0] == "Points Possible" and len(canvas) == STUDENTS + 2


def test_feedback_for_every_graded_submission_and_a_report(demo):
    out, _, kinds = demo
    graded = [key for key, kind in kinds.items() if kind not in UNGRADABLE]
    pages = list((out / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    assert len(pages) == len(graded)
    report = (out / "exports" / "item-analysis.html").read_text(encoding="utf-8")
    assert "plotly" in report and ASSIGNMENT in report
