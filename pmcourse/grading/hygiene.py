"""Checks every committed notebook must pass: valid, clean, readable ids, well-formed grading metadata."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from pmcourse.grading.cells import cell_kind, grade_id

READABLE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
RANDOM_LOOKING = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4})*")
GRADED_KINDS = {"autograded_test", "manual_answer", "task"}


def notebook_problems(path: Path) -> list[str]:
    """Everything wrong with the notebook at `path`, as readable sentences (empty when it is clean)."""
    try:
        nb = nbformat.read(str(path), as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
    except Exception as error:  # invalid JSON or schema: nothing else can be checked
        return [f"{path}: not a valid notebook ({error.__class__.__name__}: {str(error)[:200]})"]
    problems = []
    if nb.get("nbformat") != 4 or nb.get("nbformat_minor", 0) < 5:
        problems.append(f"{path}: nbformat {nb.get('nbformat')}.{nb.get('nbformat_minor')}, need 4.5+ (cell ids)")
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append(f"{path}: the kernel must be 'python3' (nbgrader checks it)")
    seen_ids: set[str] = set()
    seen_grade_ids: set[str] = set()
    for index, cell in enumerate(nb.cells):
        where = f"{path} cell {index} ({cell.get('id')!r})"
        cid = cell.get("id", "")
        if not READABLE_ID.match(cid) or RANDOM_LOOKING.match(cid):
            problems.append(f"{where}: cell id is not readable (use lowercase words joined by '-')")
        if cid in seen_ids:
            problems.append(f"{where}: duplicate cell id")
        seen_ids.add(cid)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(f"{where}: committed with outputs or an execution count")
        gid = grade_id(cell)
        if gid is not None:
            if gid in seen_grade_ids:
                problems.append(f"{where}: duplicate grade id {gid!r}")
            seen_grade_ids.add(gid)
        if cell_kind(cell) in GRADED_KINDS:
            points = cell.metadata["nbgrader"].get("points")
            if not isinstance(points, int | float) or points <= 0:
                problems.append(f"{where}: graded cell {gid!r} has no positive points")
    return problems
