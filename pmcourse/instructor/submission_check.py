"""What is wrong with a submission before grading, and what nbgrader's log says went wrong during it.

Reasons and notes are sentences for the instructor's summary: a failed submission says why it failed,
a graded one says what the grader had to repair or refuse (a restored test cell, a tampering cell).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from pmcourse.grading.cells import grade_id, nbgrader_meta
from pmcourse.grading.course import notebook_names
from pmcourse.grading.preprocessors import DUPLICATE_PREFIX, LINT_PREFIX, OUTPUT_PREFIX


def check_submission(root: Path, assignment: str, student: str) -> tuple[list[str], list[str]]:
    """(problems that make the submission ungradable, notes) for submitted/<student>/<assignment>/."""
    folder = root / "submitted" / student / assignment
    expected = notebook_names(assignment, root)
    present = sorted(path.stem for path in folder.glob("*.ipynb"))
    strangers = [name for name in present if name not in expected]
    problems: list[str] = []
    notes: list[str] = []
    for name in expected:
        path = folder / f"{name}.ipynb"
        if not path.exists():
            found = f" (found {', '.join(s + '.ipynb' for s in strangers)}: renamed?)" if strangers else ""
            problems.append(f"{name}.ipynb is missing{found}")
            continue
        problem, nb = _read_notebook(path)
        if problem or nb is None:
            problems.append(f"{name}.ipynb {problem}")
            continue
        kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
        if kernel and kernel != "python3":
            notes.append(f"{name}.ipynb was saved for the kernel {kernel!r}; it was graded with python3")
        release = root / "notebooks" / assignment / f"{name}.ipynb"
        if release.exists():
            notes += changed_locked_cells(nbformat.read(str(release), as_version=4), nb)
    if strangers and not problems:
        notes.append(f"extra notebooks not graded: {', '.join(s + '.ipynb' for s in strangers)}")
    return problems, notes


def changed_locked_cells(release: NotebookNode, submitted: NotebookNode) -> list[str]:
    """Notes on the read-only cells of the release (tests, set-up, tasks) that the learner edited or deleted.

    nbgrader puts them back either way; its own log cannot tell an edit from the hidden tests it restores.
    """
    handed_in: dict[str, str] = {}
    for cell in submitted.cells:
        handed_in.setdefault(grade_id(cell) or "", cell.get("source", ""))
    notes = []
    for cell in release.cells:
        gid = grade_id(cell)
        if not gid or not nbgrader_meta(cell).get("locked"):
            continue
        if gid not in handed_in:
            graded = nbgrader_meta(cell).get("grade") or nbgrader_meta(cell).get("task")
            notes.append(f"graded cell {gid} was deleted; it was restored and run" if graded
                         else f"read-only cell {gid} was deleted; it was not restored")
        elif handed_in[gid] != cell.source:
            notes.append(f"read-only cell {gid} was edited; the original was restored and run")
    return notes


def _read_notebook(path: Path) -> tuple[str | None, NotebookNode | None]:
    """(what makes the file unreadable or None, the notebook)."""
    try:
        text = path.read_text(encoding="utf-8")
        json.loads(text)
    except UnicodeDecodeError:
        return "is not a text file", None
    except json.JSONDecodeError as error:
        return f"is not valid JSON (line {error.lineno}: {error.msg})", None
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as error:  # nbformat raises several types, all meaning "not a notebook"
        return f"is not a valid notebook ({str(error).splitlines()[0][:200]})", None
    return None, nb


_NOTES = (
    (re.compile(rf"{re.escape(LINT_PREFIX)} (.*)"), "tampering refused before running: {0}"),
    (re.compile(rf"{re.escape(DUPLICATE_PREFIX)} (.*)"), "copy-pasted graded cell: {0}"),
    (re.compile(rf"{re.escape(OUTPUT_PREFIX)} (.*)"), "huge output: {0}"),
    (re.compile(r"Attribute '(points|cell_type|locked)' for cell (\S+) has changed"),
     "the {0} of cell {1} was changed; the original was restored"),
    (re.compile(r"Missing grade cell (\S+) encountered"), "graded cell {0} was deleted; it was restored and run"),
    (re.compile(r"Timeout waiting for execute reply \((\d+)s\)"), "a cell ran past the {0} s limit and was stopped"),
)


def notes_from_log(log: str) -> list[str]:
    """The repairs and refusals nbgrader and the course's preprocessors logged, as notes."""
    notes = []
    for line in log.splitlines():
        for pattern, template in _NOTES:
            match = pattern.search(line)
            if match:
                notes.append(template.format(*match.groups()))
                break
    return notes


def failure_reason(log: str, error: str) -> str:
    """Why nbgrader could not grade a submission, in a sentence, from its log."""
    text = log + "\n" + error
    if "DeadKernelError" in text or "Kernel died" in text:
        return "the kernel died while running the notebook (a crash, os._exit or running out of memory)"
    if "NotJSONError" in text or "does not appear to be JSON" in text:
        return "a notebook is not valid JSON"
    if "Kernel didn't respond" in text or "RuntimeError: Kernel" in text:
        return "the kernel did not start"
    errors = [line for line in text.splitlines() if line.startswith("[ERROR]") and "Traceback" not in line]
    last = errors[-1].removeprefix("[ERROR] ")[:300] if errors else "no reason given"
    return f"nbgrader could not grade it: {last}"
