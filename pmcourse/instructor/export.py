"""Grade export: nbgrader's grades CSV with each submission's status, a per-exercise CSV and a Canvas CSV.

Three files, all from nbgrader's gradebook and the batch command's status records (status.py):

- `grades.csv`: exactly what `nbgrader export` writes (nbgrader's CsvExportPlugin runs over the gradebook),
  plus `status` and `reason`. status is "graded", "failed" (could not be graded: its score columns are
  left empty, never 0, because nbgrader would print 0 for it) or "not submitted" (nbgrader's own 0 kept).
  The status comes from the submission's record; without one (graded by plain `nbgrader autograde`) it
  is "graded", unless none of its autograded test cells has a score, which only a failed autograde leaves.
- `exercises.csv`: one row per student x assignment x notebook x graded cell, with the score, whether a
  test passed, and the misconception hint the learner saw (the text after "Not yet: ", first line).
- `canvas.csv`: a gradebook Canvas can import. Columns Student ("Last, First"), ID (the student's
  lms_user_id in nbgrader, when set), SIS User ID and SIS Login ID (both nbgrader's student id), Section
  (empty), then one column per assignment named "<assignment> (<n>)", n its position in the gradebook
  (Canvas puts its own assignment id in the brackets: replace n by that id to update an existing Canvas
  assignment instead of creating a new one). The first data row is "Points Possible". A failed
  submission's cell is blank, which Canvas reads as "no grade yet" (not 0), so it stands out in Canvas
  until the instructor grades it by hand; a missing submission keeps nbgrader's 0.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pandas as pd
from nbformat import NotebookNode
from nbgrader.api import Grade, Gradebook, SubmittedAssignment, SubmittedNotebook
from nbgrader.plugins import CsvExportPlugin

from pmcourse.grading.cells import cells_by_grade_id
from pmcourse.grading.course import ensure_tools_on_path, load_config
from pmcourse.instructor.status import SubmissionStatus, all_statuses

SCORE_COLUMNS = ("raw_score", "late_submission_penalty", "score")
NOT_SUBMITTED = "not submitted"
HINT = re.compile(r"^\s*Not yet: *([^\n]*)", re.MULTILINE)
CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
UNGRADED_REASON = ("no automatic score in the gradebook: nbgrader autograde did not finish for this submission "
                   "(graded outside the batch command, so there is no status record saying why)")
EXERCISE_COLUMNS = ("student", "assignment", "notebook", "grade_id", "kind", "score", "max_score", "passed",
                    "needs_manual_grade", "status", "hint")


def gradebook_url(root: Path, db_url: str | None = None) -> str:
    """The gradebook of the course at `root`: `db_url` when given, else the one nbgrader_config.py names."""
    return db_url or load_config(Path(root), None).CourseDirectory.db_url


def cell_kind(grade: Grade, solution_names: set[str]) -> str:
    """What a graded cell is, as pmcourse.grading.cells.cell_kind says it from the notebook's metadata."""
    if grade.cell.type == "TaskCell":
        return "task"
    if grade.cell.name in solution_names or grade.cell.cell_type == "markdown":
        return "manual_answer"
    return "autograded_test"


def never_autograded(submission: SubmittedAssignment) -> bool:
    """True when a submission has autograded test cells and none of them has a score: autograde failed on it.

    nbgrader's autograde sets auto_score (0 or full marks) on every test cell it runs; a submission whose
    grading failed keeps None everywhere and would show as 0 in nbgrader's export.
    """
    tests = []
    for notebook in submission.notebooks:
        solutions = {cell.name for cell in notebook.notebook.solution_cells}
        tests += [grade for grade in notebook.grades if cell_kind(grade, solutions) == "autograded_test"]
    return bool(tests) and all(grade.auto_score is None for grade in tests)


def _inferred(assignment: str, submission: SubmittedAssignment) -> SubmissionStatus:
    """The status of a gradebook submission without a record: graded, unless autograde never scored it."""
    failed = never_autograded(submission)
    return SubmissionStatus(assignment=assignment, student=submission.student.id,
                            status="failed" if failed else "graded", reason=UNGRADED_REASON if failed else None)


def submission_statuses(root: Path, db_url: str) -> dict[tuple[str, str], SubmissionStatus]:
    """The status of every submission, by (assignment, student): its record, else inferred from the gradebook.

    A record with no submission in the gradebook is kept too, so no failed submission goes missing.
    """
    statuses = {(status.assignment, status.student): status for status in all_statuses(root)}
    with Gradebook(db_url) as gradebook:
        for assignment in gradebook.assignments:
            for submission in assignment.submissions:
                key = (assignment.name, submission.student.id)
                if key not in statuses:
                    statuses[key] = _inferred(assignment.name, submission)
    return dict(sorted(statuses.items()))


def nbgrader_grades(db_url: str) -> pd.DataFrame:
    """nbgrader's own grade export (CsvExportPlugin) read back as text, so its values stay as nbgrader wrote them."""
    ensure_tools_on_path()
    with tempfile.TemporaryDirectory(prefix="pmcourse-export-") as scratch:
        target = Path(scratch) / "grades.csv"
        with Gradebook(db_url) as gradebook:
            CsvExportPlugin(to=str(target)).export(gradebook)
        return pd.read_csv(target, dtype=str, keep_default_na=False)


def _unlisted(frame: pd.DataFrame, statuses: dict[tuple[str, str], SubmissionStatus]) -> pd.DataFrame:
    """Rows for status records the gradebook knows nothing about, so no failed submission goes missing."""
    listed = set(zip(frame["assignment"], frame["student_id"], strict=True))
    rows = [{"assignment": a, "student_id": s, "status": r.status,
             "reason": "; ".join(filter(None, [r.reason, "not in the gradebook"]))}
            for (a, s), r in statuses.items() if (a, s) not in listed]
    return pd.DataFrame(rows, columns=[*frame.columns]).fillna("")


def grades_table(root: Path, db_url: str | None = None) -> pd.DataFrame:
    """nbgrader's grades export plus status and reason; a failed submission's score columns are emptied."""
    url = gradebook_url(root, db_url)
    statuses = submission_statuses(root, url)
    frame = nbgrader_grades(url)
    found = [statuses.get(key) for key in zip(frame["assignment"], frame["student_id"], strict=True)]
    frame["status"] = [status.status if status else NOT_SUBMITTED for status in found]
    frame["reason"] = [(status.reason or "") if status else "" for status in found]
    frame.loc[frame["status"] == "failed", list(SCORE_COLUMNS)] = ""
    extra = _unlisted(frame, statuses)
    if not extra.empty:
        frame = pd.concat([frame, extra], ignore_index=True)
    return frame


def hint_in(cell: NotebookNode) -> str:
    """The misconception hint a cell shows: the first line after "Not yet: " in its error or printed text.

    An error's message is read, not its traceback, whose source lines may quote "Not yet: " themselves.
    """
    texts = [output.get("evalue", "") if output.output_type == "error" else output.get("text", "")
             for output in cell.get("outputs", [])]
    found = HINT.search("\n".join(texts))
    return found.group(1).strip() if found else ""


def cell_hints(root: Path, student: str, assignment: str, notebook: str) -> dict[str, str]:
    """The hint each graded cell of an autograded notebook shows; {} when there is no such notebook."""
    path = Path(root) / "autograded" / student / assignment / f"{notebook}.ipynb"
    try:
        graded = nbformat.read(str(path), as_version=4)
    except Exception:  # missing, not JSON, not a notebook (nbformat's errors vary): nothing was shown
        return {}
    return {gid: hint_in(cell) for gid, cell in cells_by_grade_id(graded).items()}


def cell_order(root: Path, assignment: str, notebook: str) -> dict[str, int]:
    """Position of each graded cell in the master notebook, to list exercises in the order students meet them."""
    path = Path(root) / "solutions" / assignment / f"{notebook}.ipynb"
    try:
        return {gid: n for n, gid in enumerate(cells_by_grade_id(nbformat.read(str(path), as_version=4)))}
    except Exception:  # no master at hand (an archived course): fall back to grade-id order
        return {}


def _grade_rows(root: Path, submitted: SubmittedNotebook, status: str) -> Iterator[dict]:
    """One exercises.csv row per graded cell of one submitted notebook."""
    student, assignment = submitted.student.id, submitted.assignment.assignment.name
    notebook = submitted.notebook.name
    solutions = {cell.name for cell in submitted.notebook.solution_cells}
    hints = cell_hints(root, student, assignment, notebook) if status != "failed" else {}
    for grade in submitted.grades:
        kind = cell_kind(grade, solutions)
        scored = status != "failed" and (grade.auto_score is not None or grade.manual_score is not None)
        score = float(grade.score) if scored else None
        yield {"student": student, "assignment": assignment, "notebook": notebook, "grade_id": grade.name,
               "kind": kind, "score": score, "max_score": float(grade.max_score),
               "passed": (score >= grade.max_score) if kind == "autograded_test" and score is not None else None,
               "needs_manual_grade": bool(grade.needs_manual_grade), "status": status,
               "hint": hints.get(grade.name, "")}


def exercises_table(root: Path, db_url: str | None = None) -> pd.DataFrame:
    """Every graded cell of every submission in the gradebook, one row each (see the module docstring)."""
    url = gradebook_url(root, db_url)
    statuses = submission_statuses(root, url)
    rows: list[dict] = []
    with Gradebook(url) as gradebook:
        for assignment in gradebook.assignments:
            for submission in assignment.submissions:
                status = statuses[(assignment.name, submission.student.id)].status
                for submitted in submission.notebooks:
                    order = cell_order(root, assignment.name, submitted.notebook.name)
                    found = sorted(_grade_rows(root, submitted, status),
                                   key=lambda row, order=order: (order.get(row["grade_id"], len(order)),
                                                                 row["grade_id"]))
                    rows += found
    frame = pd.DataFrame(rows, columns=list(EXERCISE_COLUMNS))
    frame["passed"] = frame["passed"].astype(object)
    return frame.sort_values(["student", "assignment", "notebook"], kind="stable", ignore_index=True)


def canvas_column(assignment: str, position: int) -> str:
    """A Canvas-style assignment column name: "<assignment> (<n>)" (see the module docstring)."""
    return f"{assignment} ({position})"


def _students(db_url: str) -> pd.DataFrame:
    """The gradebook's students as Canvas identity columns, sorted by nbgrader id."""
    with Gradebook(db_url) as gradebook:
        rows = [{"Student": ", ".join(n for n in (s.last_name, s.first_name) if n) or s.id,
                 "ID": s.lms_user_id or "", "SIS User ID": s.id, "SIS Login ID": s.id, "Section": ""}
                for s in gradebook.students]
    return pd.DataFrame(rows, columns=list(CANVAS_IDENTITY)).sort_values("SIS User ID", ignore_index=True)


def canvas_table(grades: pd.DataFrame, db_url: str) -> pd.DataFrame:
    """The Canvas gradebook from the grades table: a Points Possible row, then one row per student."""
    students = _students(db_url)
    assignments = list(dict.fromkeys(grades["assignment"]))
    columns = {name: canvas_column(name, n) for n, name in enumerate(assignments, start=1)}
    scores = dict(zip(zip(grades["assignment"], grades["student_id"], strict=True), grades["score"], strict=True))
    maxima = {a: m for a, m in zip(grades["assignment"], grades["max_score"], strict=True) if m != ""}
    possible = {"Student": "Points Possible"} | {column: maxima.get(name, "") for name, column in columns.items()}
    table = students.copy()
    for name, column in columns.items():
        table[column] = [scores.get((name, student), "") for student in table["SIS User ID"]]
    return pd.concat([pd.DataFrame([possible]), table], ignore_index=True).fillna("")[
        [*CANVAS_IDENTITY, *columns.values()]]


def export_grades(root: Path, out_dir: Path, db_url: str | None = None) -> dict[str, Path]:
    """Write grades.csv, exercises.csv and canvas.csv into `out_dir`; return their paths by name."""
    root, out_dir = Path(root), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    url = gradebook_url(root, db_url)
    grades = grades_table(root, url)
    written = {"grades": out_dir / "grades.csv", "exercises": out_dir / "exercises.csv",
               "canvas": out_dir / "canvas.csv"}
    grades.to_csv(written["grades"], index=False)
    exercises_table(root, url).to_csv(written["exercises"], index=False)
    canvas_table(grades, url).to_csv(written["canvas"], index=False)
    return written
