"""Made-up submissions: the honest kinds a class hands in and the broken or tampering kinds it sometimes does.

The demo class draws from all of them; the grading battery (tests/test_instructor_batch.py) hands in
each bad kind and checks the score and record it gets. Every maker starts from the perfect submission
(the release with the solutions put back) and changes one thing, aimed at one exercise (`Target`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import nbformat
from nbformat import NotebookNode

from pmcourse.grading.cells import cell_kind, grade_id
from pmcourse.grading.hints import assigned_names

Submission = dict[str, NotebookNode | str]


@dataclass(frozen=True)
class Target:
    """The exercise a bad submission aims at: its answer cell and the test cells that grade it."""

    notebook: str
    answer: str
    tests: tuple[str, ...]


def exercises(nb: NotebookNode) -> list[tuple[str, tuple[str, ...]]]:
    """(autograded answer cell, the test cells after it up to the next answer) for each exercise, in order."""
    found: list[tuple[str, list[str]]] = []
    for cell in nb.cells:
        kind = cell_kind(cell)
        if kind == "autograded_answer":
            found.append((grade_id(cell), []))
        elif kind == "autograded_test" and found:
            found[-1][1].append(grade_id(cell))
    return [(answer, tuple(tests)) for answer, tests in found if tests]


def _cell(nb: NotebookNode, gid: str) -> NotebookNode:
    return next(cell for cell in nb.cells if grade_id(cell) == gid)


def _rewrite(solution: Submission, target: Target, source: str) -> Submission:
    changed = copy.deepcopy(solution)
    _cell(changed[target.notebook], target.answer).source = source
    return changed


def _wrong(solution: Submission, target: Target) -> str:
    """The answer cell's solution with every value it assigns replaced by None afterwards: a wrong answer."""
    source = _cell(solution[target.notebook], target.answer).source
    return source + "\n" + "".join(f"{name} = None\n" for name in assigned_names(source))


def invalid_json(solution: Submission, target: Target) -> Submission:
    text = nbformat.writes(solution[target.notebook])
    return {**solution, target.notebook: text[: len(text) // 2]}


def empty_file(solution: Submission, target: Target) -> Submission:
    return {**solution, target.notebook: ""}


def renamed_notebook(solution: Submission, target: Target) -> Submission:
    kept = {name: nb for name, nb in solution.items() if name != target.notebook}
    return {**kept, f"{target.notebook} (1)": solution[target.notebook]}


def kernel_death(solution: Submission, target: Target) -> Submission:
    return _rewrite(solution, target, "import os\n\nos._exit(1)")


def ignores_interrupts(solution: Submission, target: Target) -> Submission:
    return _rewrite(solution, target, "import signal\nimport time\n\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                      "while True:\n    time.sleep(0.05)")


def wrong_kernel(solution: Submission, target: Target) -> Submission:
    changed = copy.deepcopy(solution)
    changed[target.notebook].metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    return changed


def ipython_hook(solution: Submission, target: Target) -> Submission:
    return _rewrite(solution, target, "get_ipython().set_custom_exc((Exception,), lambda *args, **kwargs: None)\n"
                    + _wrong(solution, target))


def patched_builtins(solution: Submission, target: Target) -> Submission:
    return _rewrite(solution, target, "import builtins\n\nbuiltins.isinstance = lambda *args: True\n"
                    + _wrong(solution, target))


def patched_checks(solution: Submission, target: Target) -> Submission:
    stubs = "".join(f"checks.{name} = lambda *args, **kwargs: None\n" for name in (
        "expect_type", "expect_between", "expect_series", "expect_frame", "flag_misconceptions", "assert_close",
        "assert_equal", "assert_series_close", "assert_frame_close", "expect_sorted_ints"))
    return _rewrite(solution, target, "from pmcourse import checks\n\n" + stubs + _wrong(solution, target))


def always_equal(solution: Submission, target: Target) -> Submission:
    names = assigned_names(_cell(solution[target.notebook], target.answer).source)
    lying = ("class Anything(float):\n    def __eq__(self, other):\n        return True\n\n"
             "    def __ne__(self, other):\n        return False\n\n\n")
    return _rewrite(solution, target, lying + "".join(f"{name} = Anything(0.0)\n" for name in names))


def edited_tests(solution: Submission, target: Target) -> Submission:
    changed = _rewrite(solution, target, _wrong(solution, target))
    for test in target.tests:
        _cell(changed[target.notebook], test).source = "pass"
    return changed


def deleted_tests(solution: Submission, target: Target) -> Submission:
    changed = _rewrite(solution, target, _wrong(solution, target))
    nb = changed[target.notebook]
    nb.cells = [cell for cell in nb.cells if grade_id(cell) not in target.tests]
    return changed


def pasted_cell(solution: Submission, target: Target) -> Submission:
    """The answer cell copied below itself, metadata and all, with a wrong value in the copy."""
    changed = copy.deepcopy(solution)
    nb = changed[target.notebook]
    at = next(i for i, cell in enumerate(nb.cells) if grade_id(cell) == target.answer)
    duplicate = copy.deepcopy(nb.cells[at])
    duplicate["id"] = duplicate.get("id", "cell") + "-copy"
    duplicate.source = _wrong(solution, target)
    nb.cells.insert(at + 1, duplicate)
    return changed


def huge_output(solution: Submission, target: Target) -> Submission:
    source = _cell(solution[target.notebook], target.answer).source
    return _rewrite(solution, target, source + "\nprint('x' * 3_000_000)")


BAD_KINDS = {
    "invalid JSON": invalid_json,
    "empty file": empty_file,
    "renamed notebook": renamed_notebook,
    "kernel death": kernel_death,
    "ignores interrupts": ignores_interrupts,
    "wrong kernel name": wrong_kernel,
    "IPython exception hook": ipython_hook,
    "patched builtins": patched_builtins,
    "patched check helpers": patched_checks,
    "value equal to anything": always_equal,
    "edited test cells": edited_tests,
    "deleted test cells": deleted_tests,
    "copy-pasted graded cell": pasted_cell,
    "megabytes of output": huge_output,
}

