"""Helpers for writing nbgrader master notebooks from Python: readable cell ids and schema-3 metadata.

Instructors usually edit solutions/ in JupyterLab with the nbgrader "Create Assignment" toolbar; these
helpers are for building a first draft of a notebook from a script, with every cell id readable.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

SCHEMA = 3


def _nbgrader(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
              points: float | None = None, task: bool = False) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA,
            "solution": solution, "task": task}
    if points is not None:
        meta["points"] = points
    return meta


def narrative(cell_id: str, text: str) -> nbformat.NotebookNode:
    """A read-only markdown cell: story, definitions and instructions."""
    cell = nbformat.v4.new_markdown_cell(text.strip(), id=cell_id)
    cell.metadata["nbgrader"] = _nbgrader(cell_id, locked=True)
    return cell


def setup(cell_id: str, code: str) -> nbformat.NotebookNode:
    """A read-only code cell (imports, loading data, given tables)."""
    cell = nbformat.v4.new_code_cell(code.strip(), id=cell_id)
    cell.metadata["nbgrader"] = _nbgrader(cell_id, locked=True)
    return cell


def answer(cell_id: str, code: str) -> nbformat.NotebookNode:
    """An autograded answer cell; `code` holds the ### BEGIN/END SOLUTION region."""
    cell = nbformat.v4.new_code_cell(code.strip(), id=cell_id)
    cell.metadata["nbgrader"] = _nbgrader(cell_id, solution=True)
    return cell


def test(cell_id: str, code: str, points: float) -> nbformat.NotebookNode:
    """A locked test cell: visible checks, then a ### BEGIN/END HIDDEN TESTS region."""
    cell = nbformat.v4.new_code_cell(code.strip(), id=cell_id)
    cell.metadata["nbgrader"] = _nbgrader(cell_id, grade=True, locked=True, points=points)
    return cell


def task(cell_id: str, text: str, points: float) -> nbformat.NotebookNode:
    """A manually graded task: the question, with a === BEGIN/END MARK SCHEME === region for graders."""
    cell = nbformat.v4.new_markdown_cell(text.strip(), id=cell_id)
    cell.metadata["nbgrader"] = _nbgrader(cell_id, locked=True, points=points, task=True)
    return cell


def free(cell_id: str, text: str) -> nbformat.NotebookNode:
    """An ordinary markdown cell the learner writes in (the answer to the task above it)."""
    return nbformat.v4.new_markdown_cell(text.strip(), id=cell_id)


def write_notebook(path: Path, cells: list[nbformat.NotebookNode]) -> None:
    """Write a clean nbformat 4.5 notebook with the python3 kernel nbgrader expects."""
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
