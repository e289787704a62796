"""Grade export and item-analysis report over a class graded by the real nbgrader pipeline.

One sandbox for the module: 00-orientation generated, then graded through nbgrader's API for a
student who hands in the solution, one who hands in the blank release, one with a known misconception
(a variant from tests/variants/), and one whose notebook is not JSON (its autograde fails); a fifth
student is on the roster and hands in nothing. The export must tell the failed submission (no score)
from the blank one (0), and the report must show the charts, the hint and the failure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from nbgrader.api import Gradebook
from plotly.offline import get_plotlyjs

from pmcourse.grading.course import COURSE_ROOT
from pmcourse.grading.sandbox import CourseSandbox
from pmcourse.grading.selftest import release_notebooks, solution_notebooks, variant_notebooks
from pmcourse.grading.variants import load_variants
from pmcourse.instructor.export import UNGRADED_REASON, cell_hints, exercises_table, export_grades, grades_table
from pmcourse.instructor.report import TITLES, build_report, discrimination, render
from pmcourse.instructor.status import (
    StatusFileError,
    SubmissionStatus,
    all_statuses,
    read_status,
    status_path,
    write_status,
)

pytestmark = pytest.mark.xdist_group("instructor-export")  # one sandbox, graded once, on one worker

ASSIGNMENT = "00-orientation"
VARIANT = "minutes instead of hours"
FAILED_REASON = "invalid notebook: pm_job_in_data.ipynb is not valid JSON"
NBGRADER_COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                    "raw_score", "late_submission_penalty", "score", "max_score"]
STARTED = "2026-11-30T12:00:00+00:00"


def _status(student: str, status: str = "graded", reason: str | None = None,
            notes: tuple[str, ...] = ()) -> SubmissionStatus:
    return SubmissionStatus(assignment=ASSIGNMENT, student=student, status=status, reason=reason,
                            notes=list(notes), seconds=1.5, finished_at=STARTED)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sandbox after grading, its exports and its report."""
    sandbox = CourseSandbox(tmp_path_factory.mktemp("export") / "course")
    sandbox.generate(ASSIGNMENT)
    variant = next(v for v in load_variants(COURSE_ROOT / "tests" / "variants" / f"{ASSIGNMENT}.toml",
                                            sandbox.notebooks(ASSIGNMENT)) if v.name == VARIANT)
    submissions = {"ada": solution_notebooks(sandbox, ASSIGNMENT), "ben": release_notebooks(sandbox, ASSIGNMENT),
                   "cy": variant_notebooks(sandbox, ASSIGNMENT, variant),
                   "dee": {name: '{"cells": [' for name in sandbox.notebooks(ASSIGNMENT)},
                   "fay": {name: "not a notebook" for name in sandbox.notebooks(ASSIGNMENT)}}
    outcomes = {}
    for student, notebooks in submissions.items():
        sandbox.submit(ASSIGNMENT, student, notebooks)
        outcomes[student] = sandbox.api.autograde(ASSIGNMENT, student, force=True, create=True)["success"]
    with Gradebook(sandbox.db_url) as gradebook:
        gradebook.add_student("eve", first_name="Eve", last_name="Example")  # on the roster, nothing handed in
    # ben and fay have no record, as if graded by plain `nbgrader autograde`: ben counts as graded, and fay,
    # whose test cells have no automatic score, as failed.
    write_status(sandbox.root, _status("ada"))
    write_status(sandbox.root, _status("cy", notes=("ex1-answer: a note from the grader",)))
    write_status(sandbox.root, _status("dee", "failed", FAILED_REASON))
    out = sandbox.root / "exports"
    files = export_grades(sandbox.root, out, sandbox.db_url)
    report = build_report(sandbox.root, out / "item-analysis.html", sandbox.db_url)
    return {"sandbox": sandbox, "outcomes": outcomes, "files": files, "report": report, "variant": variant}


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_the_invalid_notebook_fails_in_nbgrader_and_the_others_grade(graded):
    assert graded["outcomes"] == {"ada": True, "ben": True, "cy": True, "dee": False, "fay": False}


def test_grades_csv_is_nbgraders_export_with_status(graded):
    grades = _csv(graded["files"]["grades"])
    assert list(grades.columns) == [*NBGRADER_COLUMNS, "status", "reason"]
    grades = grades.set_index("student_id")
    assert set(grades.index) == {"ada", "ben", "cy", "dee", "eve", "fay"}
    assert grades.loc["dee", ["raw_score", "score", "late_submission_penalty"]].tolist() == ["", "", ""]
    assert grades.loc["dee", "status"] == "failed" and grades.loc["dee", "reason"] == FAILED_REASON
    assert float(grades.loc["ben", "score"]) == 0 and grades.loc["ben", "status"] == "graded"
    assert float(grades.loc["ada", "score"]) == 13 and float(grades.loc["ada", "max_score"]) == 18
    assert 0 < float(grades.loc["cy", "score"]) < 13
    assert grades.loc["fay", "status"] == "failed" and grades.loc["fay", "score"] == ""
    assert grades.loc["fay", "reason"] == UNGRADED_REASON
    assert grades.loc["eve", "status"] == "not submitted" and float(grades.loc["eve", "score"]) == 0


def test_exercises_csv_has_a_row_per_graded_cell_and_the_hint(graded):
    rows = _csv(graded["files"]["exercises"])
    cells = rows[rows["student"] == "ada"]["grade_id"].tolist()
    assert len(cells) == 11 and cells[0] == "ex1-test-count"  # in notebook order
    assert set(rows["student"]) == {"ada", "ben", "cy", "dee", "fay"}
    assert rows.groupby("student").size().eq(11).all()
    assert set(rows["kind"]) == {"autograded_test", "task"}
    tests = rows[rows["kind"] == "autograded_test"]
    assert set(tests[tests["student"] == "ada"]["passed"]) == {"True"}
    assert set(tests[tests["student"] == "ben"]["score"].astype(float)) == {0.0}
    assert set(tests[tests["student"] == "ben"]["passed"]) == {"False"}
    cy = rows[rows["student"] == "cy"].set_index("grade_id")
    assert cy.loc["ex1-test-hours", "passed"] == "False"
    assert graded["variant"].hint in cy.loc["ex1-test-hours", "hint"]
    assert not cy.loc["ex1-test-hours", "hint"].startswith("Not yet")
    assert (cy.drop(index="ex1-test-hours")["hint"] == "").all()
    dee = rows[rows["student"].isin(["dee", "fay"])]
    assert (dee["status"] == "failed").all() and (dee["score"] == "").all() and (dee["passed"] == "").all()
    tasks = rows[rows["kind"] == "task"]
    assert (tasks["passed"] == "").all() and (tasks["needs_manual_grade"] == "True").all()


def test_canvas_csv_has_points_possible_and_a_blank_for_the_failed(graded):
    canvas = _csv(graded["files"]["canvas"])
    column = f"{ASSIGNMENT} (1)"
    assert list(canvas.columns) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column]
    assert canvas.shape == (1 + 6, 6)
    assert canvas.iloc[0]["Student"] == "Points Possible" and float(canvas.iloc[0][column]) == 18
    by_id = canvas.iloc[1:].set_index("SIS User ID")
    assert by_id.loc["dee", column] == "" and by_id.loc["fay", column] == ""
    assert float(by_id.loc["ben", column]) == 0 and float(by_id.loc["ada", column]) == 13
    assert by_id.loc["eve", "Student"] == "Example, Eve"


def test_report_has_the_charts_the_hint_and_plotly_once(graded):
    page = graded["report"].read_text(encoding="utf-8")
    for title in (f"{TITLES['distribution']}: {ASSIGNMENT}", TITLES["pass_rate"], TITLES["hints"],
                  TITLES["discrimination"], TITLES["failed"], TITLES["notes"]):
        assert title in page
    assert "looks like minutes" in page
    assert FAILED_REASON in page and "a note from the grader" in page
    assert "2 failed submission(s) are left out" in page and UNGRADED_REASON in page
    assert page.count(get_plotlyjs()[:200]) == 1
    assert "<script src=" not in page  # works offline
    assert page.count('class="plotly-graph-div"') == 3


def test_report_copes_with_an_empty_class_and_a_single_student(graded, tmp_path):
    empty = build_report(tmp_path, tmp_path / "empty.html", f"sqlite:///{tmp_path / 'empty.db'}")
    page = empty.read_text(encoding="utf-8")
    assert "No submissions in the gradebook yet" in page and "plotly-graph-div" not in page
    sandbox = graded["sandbox"]
    grades, exercises = grades_table(sandbox.root, sandbox.db_url), exercises_table(sandbox.root, sandbox.db_url)
    single = render(grades[grades["student_id"] == "ada"], exercises[exercises["student"] == "ada"], [], "ada")
    assert "a distribution needs at least two" in single
    assert "Discrimination needs at least two graded submissions" in single


def test_status_records_round_trip(tmp_path):
    assert all_statuses(tmp_path) == [] and read_status(tmp_path, ASSIGNMENT, "ada") is None
    record = _status("zoe", "failed", "kernel died", ("restored a deleted test cell",))
    path = write_status(tmp_path, record)
    assert path == tmp_path / ".nbgrader" / "status" / ASSIGNMENT / "zoe.json"
    assert json.loads(path.read_text())["reason"] == "kernel died"
    write_status(tmp_path, _status("amy"))
    (path.parent / "amy.log").write_text("grading log, not a record")
    assert read_status(tmp_path, ASSIGNMENT, "zoe") == record
    assert [s.student for s in all_statuses(tmp_path)] == ["amy", "zoe"]


@pytest.mark.parametrize("text", ["{not json", "[]", '{"assignment": "a"}',
                                  json.dumps({"assignment": "a", "student": "s", "status": "lost", "reason": None,
                                              "notes": [], "seconds": 1, "finished_at": STARTED})])
def test_a_corrupt_status_record_names_its_file(tmp_path, text):
    path = status_path(tmp_path, ASSIGNMENT, "bad")
    path.parent.mkdir(parents=True)
    path.write_text(text)
    with pytest.raises(StatusFileError, match=r"bad\.json"):
        all_statuses(tmp_path)


@pytest.mark.parametrize("text", ["{}", '{"cells": ['])
def test_hints_of_a_broken_autograded_notebook_are_empty(tmp_path, text):
    """A half-written autograded notebook (a worker killed mid-write) gives no hints rather than a crash."""
    folder = tmp_path / "autograded" / "x" / ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / "pm_job_in_data.ipynb").write_text(text)
    assert cell_hints(tmp_path, "x", ASSIGNMENT, "pm_job_in_data") == {}


def test_discrimination_is_top_minus_bottom_27_percent_and_flags_bad_items():
    """Ten students with totals 1..10: an item the strong pass, one the weak pass, one everyone passes."""
    students = [f"s{n:02d}" for n in range(1, 11)]
    scores = pd.DataFrame({"assignment": "a", "student": students, "status": "graded",
                           "score": [float(n) for n in range(1, 11)], "max_score": 10.0})
    passes = {"strong": lambda n: n > 5, "weak": lambda n: n <= 3, "easy": lambda n: True}
    tests = pd.DataFrame([{"assignment": "a", "notebook": "nb", "grade_id": item, "student": student,
                           "score": float(rule(n)), "passed": int(rule(n))}
                          for item, rule in passes.items() for n, student in enumerate(students, start=1)])
    table = discrimination(tests, scores).set_index("grade_id")
    assert table["discrimination"].to_dict() == {"strong": 1.0, "easy": 0.0, "weak": -1.0}
    assert table.loc["strong", "check"] == ""
    assert "weaker students pass more often" in table.loc["weak", "check"]
    assert "everyone passed" in table.loc["easy", "check"]
    assert table.loc["strong", "item-rest r"] > 0 > table.loc["weak", "item-rest r"]
