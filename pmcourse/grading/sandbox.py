"""A throw-away copy of the course with its own gradebook, graded through nbgrader's API.

The course self-test uses it to release every assignment afresh, hand in submissions (the solution,
the untouched release, variants) as made-up students, autograde them exactly as an instructor would,
and read the scores back from the gradebook.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbgrader.api import Gradebook

from pmcourse.grading.cells import cell_kind, cells_by_grade_id, grade_id
from pmcourse.grading.course import COURSE_ROOT, load_config, notebook_names, open_api

COPIED = ("solutions", "datasets", "nbgrader_config.py")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
KERNEL_START_FAILED = "Kernel died before replying to kernel_info"


@dataclass(frozen=True)
class CellGrade:
    """One graded cell of one submitted notebook, as the gradebook has it."""

    notebook: str
    grade_id: str
    kind: str  # autograded_test, manual_answer or task (see cells.cell_kind)
    score: float | None
    max_score: float
    output: str  # everything the cell printed, errors included, as plain text


@dataclass(frozen=True)
class GradeReport:
    """The autograde result of one student's submission of one assignment."""

    assignment: str
    student: str
    cells: tuple[CellGrade, ...]
    errors: tuple[str, ...] = ()  # every cell of the graded notebooks that raised: "notebook/cell: error"

    @property
    def autograded(self) -> list[CellGrade]:
        return [cell for cell in self.cells if cell.kind == "autograded_test"]

    @property
    def auto_score(self) -> float:
        return sum(cell.score or 0.0 for cell in self.autograded)

    @property
    def auto_max(self) -> float:
        return sum(cell.max_score for cell in self.autograded)

    def cell(self, gid: str) -> CellGrade:
        for cell in self.cells:
            if cell.grade_id == gid:
                return cell
        raise KeyError(f"No graded cell {gid!r} in {self.assignment}")


def output_text(cell: NotebookNode) -> str:
    """The plain text a learner would see under a code cell (streams, results, tracebacks)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type == "error":
            parts.append(_ANSI.sub("", "\n".join(output.traceback)) or f"{output.ename}: {output.evalue}")
        elif "text/plain" in output.get("data", {}):
            parts.append(output.data["text/plain"])
    return "\n".join(parts)


class CourseSandbox:
    """A copy of the course at `path`: same solutions, datasets and configuration, a fresh gradebook.

    The gradebook is `path/gradebook.db`, or with `configured_gradebook` the one the copied
    nbgrader_config.py names, so nbgrader's own commands run in the copy find it too.
    """

    def __init__(self, path: Path, source_root: Path = COURSE_ROOT, configured_gradebook: bool = False) -> None:
        self.root = path
        path.mkdir(parents=True, exist_ok=True)
        for name in COPIED:
            src = source_root / name
            if src.is_dir():
                shutil.copytree(src, path / name, dirs_exist_ok=True)
            else:
                shutil.copy2(src, path / name)
        self.db_url = (load_config(path).CourseDirectory.db_url if configured_gradebook
                       else f"sqlite:///{path / 'gradebook.db'}")
        self.api = open_api(path, self.db_url)
        self._released: set[str] = set()

    def generate(self, assignment: str) -> Path:
        """Run nbgrader generate_assignment; return the release folder."""
        result = self.api.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(f"generate_assignment {assignment} failed:\n{result['error']}\n{result['log']}")
        self._released.add(assignment)
        return self.root / "notebooks" / assignment

    def source(self, assignment: str, notebook: str) -> NotebookNode:
        return nbformat.read(str(self.root / "solutions" / assignment / f"{notebook}.ipynb"), as_version=4)

    def release(self, assignment: str, notebook: str) -> NotebookNode:
        if assignment not in self._released:
            self.generate(assignment)
        return nbformat.read(str(self.root / "notebooks" / assignment / f"{notebook}.ipynb"), as_version=4)

    def notebooks(self, assignment: str) -> list[str]:
        return notebook_names(assignment, self.root)

    def submit(self, assignment: str, student: str, notebooks: dict[str, NotebookNode | str]) -> Path:
        """Place a submission in submitted/<student>/<assignment>/; a str is written as raw file text."""
        if assignment not in self._released:
            self.generate(assignment)
        folder = self.root / "submitted" / student / assignment
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for name, nb in notebooks.items():
            target = folder / f"{name}.ipynb"
            if isinstance(nb, str):
                target.write_text(nb, encoding="utf-8")
            else:
                nbformat.write(nb, str(target))
        return folder

    def autograde(self, assignment: str, student: str) -> GradeReport:
        """Autograde one submission through nbgrader and read its grades back from the gradebook."""
        result = self.api.autograde(assignment, student, force=True, create=True)
        if not result["success"] and KERNEL_START_FAILED in (result.get("log") or "") + (result.get("error") or ""):
            # A kernel that dies while starting (rare on a loaded 2-core box) says nothing about the submission.
            result = self.api.autograde(assignment, student, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(f"autograde {assignment}/{student} failed:\n{result['error']}\n{result['log']}")
        return self.report(assignment, student)

    def report(self, assignment: str, student: str, notebooks: list[str] | None = None) -> GradeReport:
        """The gradebook's grades of one submission, for all its notebooks or only those named."""
        cells, errors = [], []
        with Gradebook(self.db_url) as gradebook:
            for notebook in notebooks or self.notebooks(assignment):
                kinds = {gid: cell_kind(cell) for gid, cell in cells_by_grade_id(
                    self.source(assignment, notebook)).items()}
                graded = nbformat.read(
                    str(self.root / "autograded" / student / assignment / f"{notebook}.ipynb"), as_version=4)
                outputs = {gid: output_text(cell) for gid, cell in cells_by_grade_id(graded).items()}
                errors += [f"{notebook}/{grade_id(cell) or cell.get('id', '?')}: {out.ename}: {out.evalue}"
                           for cell in graded.cells for out in cell.get("outputs", []) if out.output_type == "error"]
                submitted = gradebook.find_submission_notebook(notebook, assignment, student)
                for grade in submitted.grades:
                    cells.append(CellGrade(notebook=notebook, grade_id=grade.name, kind=kinds[grade.name],
                                           score=grade.score if grade.auto_score is not None
                                           or grade.manual_score is not None else None,
                                           max_score=float(grade.max_score),
                                           output=outputs.get(grade.name, "")))
        return GradeReport(assignment, student, tuple(sorted(cells, key=lambda c: (c.notebook, c.grade_id))),
                           tuple(errors))
