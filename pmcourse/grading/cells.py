"""Read nbgrader master notebooks: what kind each cell is, its secret regions, the solution put back.

nbgrader marks secrets with region markers: solution code, hidden tests and mark schemes. The course
self-test needs the same reading nbgrader does: which lines must never reach a student, and what a
"perfect" submission looks like (the release with every solution region restored).
"""

from __future__ import annotations

import copy
import re

from nbformat import NotebookNode

SECRET_REGIONS = (
    ("### BEGIN SOLUTION", "### END SOLUTION"),
    ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"),
    ("=== BEGIN MARK SCHEME ===", "=== END MARK SCHEME ==="),
)
MARKERS = tuple(marker for region in SECRET_REGIONS for marker in region)
_SOLUTION_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def nbgrader_meta(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def grade_id(cell: NotebookNode) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def cell_kind(cell: NotebookNode) -> str:
    """One of: autograded_test, autograded_answer, manual_answer, task, readonly, plain."""
    meta = nbgrader_meta(cell)
    if meta.get("task"):
        return "task"
    if meta.get("grade") and meta.get("solution"):
        return "manual_answer"
    if meta.get("grade") and cell.cell_type == "code":
        return "autograded_test"
    if meta.get("solution"):
        return "autograded_answer"
    if meta.get("locked"):
        return "readonly"
    return "plain"


def autograded_test_cells(nb: NotebookNode) -> list[NotebookNode]:
    """The test cells nbgrader scores automatically (their points are the assignment's autograded points)."""
    return [cell for cell in nb.cells if cell_kind(cell) == "autograded_test"]


def cells_by_grade_id(nb: NotebookNode) -> dict[str, NotebookNode]:
    return {gid: cell for cell in nb.cells if (gid := grade_id(cell))}


def split_secret_lines(source: str) -> tuple[list[str], list[str]]:
    """Split a cell's source into (public lines, secret lines); region markers count as secret."""
    public, secret = [], []
    inside: str | None = None
    for line in source.splitlines():
        stripped = line.strip()
        if inside is None:
            start = next((begin for begin, _ in SECRET_REGIONS if stripped == begin), None)
            if start is not None:
                inside = dict(SECRET_REGIONS)[start]
                secret.append(line)
            else:
                public.append(line)
        else:
            secret.append(line)
            if stripped == inside:
                inside = None
    return public, secret


def strip_solution_markers(source: str) -> str:
    """The solution as a learner would have typed it: the source without its BEGIN/END SOLUTION lines."""
    return "\n".join(line for line in source.splitlines() if not _SOLUTION_MARKER.match(line))


def solution_submission(release: NotebookNode, source: NotebookNode) -> NotebookNode:
    """The release notebook with every answer cell's solution put back: a perfect student's submission."""
    masters = cells_by_grade_id(source)
    submission = copy.deepcopy(release)
    for cell in submission.cells:
        if cell_kind(cell) in {"autograded_answer", "manual_answer"}:
            cell.source = strip_solution_markers(masters[grade_id(cell)].source)
    return submission


def replace_cell_source(nb: NotebookNode, gid: str, source: str) -> NotebookNode:
    """A copy of `nb` with the cell whose grade id is `gid` holding `source` instead."""
    changed = copy.deepcopy(nb)
    cells = cells_by_grade_id(changed)
    if gid not in cells:
        raise KeyError(f"No cell with grade id {gid!r}; the notebook has: {', '.join(sorted(cells))}.")
    cells[gid].source = source
    return changed
