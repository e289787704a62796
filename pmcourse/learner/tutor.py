"""Self-paced feedback in the notebook: a verdict under every test cell, hints and the solution on request.

In self-paced mode (see `pmcourse.learner.mode`) importing the course package registers an IPython
post-run hook. When a cell that is one of the course's test cells has run, the hook runs that cell's
hidden test, read from the master in solutions/, on a copy of the learner's namespace, and shows one
line: **Correct** with the points, **Not yet** with the hidden check's own message, or **Not attempted**.
The hidden test's code and the expected value are never shown. `hint("ex3")` shows the exercise's
definition, then the mistakes its checks recognise; `solution("ex3")` shows the master's code. In graded
mode nothing is registered: nbgrader's validation, autograding and feedback are unchanged.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from pmcourse import carry_forward
from pmcourse.checks import TABLE_LOOKUP, known_mistakes
from pmcourse.learner.mode import SELF_PACED, course_with_masters, feedback_mode
from pmcourse.learner.workcopy import exercise_key as exercise_of

_HINT_ENTRY = re.compile(r'^\s*"[0-9a-f]{16}":\s*"(.*)",?\s*$')
_SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
_HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def _normalise(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.splitlines() if line.strip())


def _region(source: str, markers: tuple[str, str], inside: bool) -> str:
    """The lines of `source` inside (or outside) the marked regions, markers left out."""
    kept, within = [], False
    for line in source.splitlines():
        if line.strip() in markers:
            within = line.strip() == markers[0]
            continue
        if within == inside:
            kept.append(line)
    return "\n".join(kept)


@dataclass
class TestCell:
    notebook: str  # "02-kpis/engagement"
    grade_id: str
    points: float
    hidden: str  # the hidden test's code (never shown)


@dataclass
class Exercise:
    intro: str = ""  # the markdown that states the exercise and its definition
    mistakes: list[str] = field(default_factory=list)  # what the visible checks recognise
    solutions: list[str] = field(default_factory=list)  # the master's code of each answer cell


@dataclass
class Masters:
    """Every master notebook of a course, indexed for the hook: test cells by their visible source."""

    # The same visible code can stand in several notebooks (`expect_type(srm_p, float, …)`): keep them all.
    tests: dict[str, list[TestCell]] = field(default_factory=dict)
    cells: dict[str, set[str]] = field(default_factory=dict)  # any given code cell -> the notebooks it is in
    exercises: dict[tuple[str, str], Exercise] = field(default_factory=dict)

    @classmethod
    def read(cls, course: Path) -> Masters:
        masters = cls()
        for path in sorted((course / "solutions").glob("*/*.ipynb")):
            notebook = f"{path.parent.name}/{path.stem}"
            try:
                cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            except (OSError, ValueError, KeyError):  # a master being edited: the others still work
                continue
            last_markdown = ""
            for raw in cells:
                cell = SimpleNamespace(cell_type=raw.get("cell_type"), source="".join(raw.get("source", "")))
                meta = raw.get("metadata", {}).get("nbgrader", {}) or {}
                gid = meta.get("grade_id")
                if cell.cell_type == "markdown":
                    if gid and gid.endswith("-intro"):
                        last_markdown = cell.source
                        key = (notebook, gid.removesuffix("-intro"))
                        masters.exercises.setdefault(key, Exercise()).intro = cell.source
                    continue
                visible = _normalise(_region(_region(cell.source, _HIDDEN, False), _SOLUTION, False))
                if visible:
                    masters.cells.setdefault(visible, set()).add(notebook)
                if not gid:
                    continue
                exercise = masters.exercises.setdefault((notebook, exercise_of(gid)), Exercise(intro=last_markdown))
                if meta.get("solution") and cell.cell_type == "code":
                    exercise.solutions.append(_region(cell.source, _SOLUTION, True))
                if meta.get("grade") and cell.cell_type == "code":
                    masters.tests.setdefault(visible, []).append(TestCell(
                        notebook, gid, float(meta.get("points", 0)), _region(cell.source, _HIDDEN, True)))
                    exercise.mistakes += [hint for table in TABLE_LOOKUP.findall(cell.source)
                                          for hint in known_mistakes().get(table, {}).values()]
                    exercise.mistakes += [m.group(1).replace('\\"', '"') for line in cell.source.splitlines()
                                          if (m := _HINT_ENTRY.match(line))]
        return masters


@dataclass(frozen=True)
class Verdict:
    status: str  # Correct, Not yet, Not attempted
    grade_id: str
    points: float
    message: str = ""

    def text(self) -> str:
        points = f"{self.points:g} point{'s' * (self.points != 1)}"
        if self.status == "Correct" and self.message:
            return f"Correct: {self.grade_id} earns its {points}. {self.message}"
        if self.status == "Correct":
            return f"Correct: {self.grade_id} earns its {points} (the exact value, checked as the grader checks it)."
        if self.status == "Not attempted":
            return f"Not attempted: {self.grade_id} ({points}). {self.message}"
        exercise = exercise_of(self.grade_id)
        return (f"Not yet: {self.grade_id} ({points}). {self.message} "
                f"Stuck? hint(\"{exercise}\") gives a hint; ask again for the next one.").replace("  ", " ")

    def _repr_html_(self) -> str:
        colour = {"Correct": "#2e7d32", "Not yet": "#ef6c00"}.get(self.status, "#616161")
        return (f"<div style='border-left:4px solid {colour};padding:2px 8px'><b style='color:{colour}'>"
                f"{self.status}</b> {html.escape(self.text().split(':', 1)[1].strip())}</div>")

    def __repr__(self) -> str:
        return self.text()


def judge(test: TestCell, namespace: dict[str, Any]) -> Verdict:
    """Run a hidden test on a copy of the learner's namespace; never let its code or expected value out."""
    scratch = dict(namespace)
    carried_before = carry_forward.passes_on_own_value[0]
    try:
        exec(compile(test.hidden, f"<hidden test {test.grade_id}>", "exec"), scratch)
    except AssertionError as error:  # a check's message says where the value differs, never the expected one
        message = str(error).splitlines()[0] if str(error) else "the value is not the expected one yet."
        return Verdict("Not yet", test.grade_id, test.points, message)
    except Exception as error:  # the check could not even run on this value: say what kind of problem
        return Verdict("Not yet", test.grade_id, test.points,
                       f"the exact-value check could not run on your value ({type(error).__name__}); "
                       "check its type and shape against the exercise.")
    if carry_forward.passes_on_own_value[0] > carried_before:
        return Verdict("Correct", test.grade_id, test.points,
                       "It is right for your own earlier answer, which differs from the reference: an earlier "
                       "exercise is where points are lost, not this one.")
    return Verdict("Correct", test.grade_id, test.points)


class Tutor:
    """The hook and the hint/solution helpers of one kernel."""

    def __init__(self, course: Path) -> None:
        self.course = course
        self._masters: Masters | None = None
        self.notebook: str | None = None
        self._hints_given: dict[str, int] = {}

    @property
    def masters(self) -> Masters:
        if self._masters is None:
            self._masters = Masters.read(self.course)
        return self._masters

    def after_cell(self, result: Any, show: Callable[[Any], None]) -> None:
        """After a course test cell ran: show its verdict. A failure here must never disturb the learner."""
        try:
            self._after_cell(result, show)
        except Exception:  # the verdict is a courtesy; the learner's own run comes first
            pass

    def _after_cell(self, result: Any, show: Callable[[Any], None]) -> None:
        source = _normalise(getattr(result.info, "raw_cell", "") or "")
        notebooks = self.masters.cells.get(source, set())
        if len(notebooks) == 1:  # a cell of one notebook only tells which notebook this kernel runs
            self.notebook = next(iter(notebooks))
        candidates = self.masters.tests.get(source, [])
        test = next((t for t in candidates if t.notebook == self.notebook), None)
        if test is None and self.notebook is None and len(candidates) == 1:
            test = candidates[0]
        if test is None:
            return
        error = result.error_in_exec
        if isinstance(error, NameError | NotImplementedError):
            show(Verdict("Not attempted", test.grade_id, test.points,
                         "Write your answer in the cell above, run it, then run this check again."))
        elif error is None:
            show(judge(test, result_namespace()))

    def _exercise(self, exercise: str) -> Exercise | None:
        if self.notebook is None:
            return None
        found = self.masters.exercises.get((self.notebook, exercise))
        if found is None and isinstance(exercise, str):  # "F1" as the heading spells it, for "f1"
            found = self.masters.exercises.get((self.notebook, exercise.strip().lower()))
        return found

    def _known(self) -> str:
        """The exercise names of this notebook, for a message about a name that is not one of them."""
        names = sorted(name for notebook, name in self.masters.exercises if notebook == self.notebook)
        return ", ".join(f'"{name}"' for name in names[:12]) or '"ex3"'

    def hint(self, exercise: str) -> str:
        found = self._exercise(exercise)
        if found is None:
            return (f"No exercise {exercise!r} found in this notebook: run the notebook's first cell, and name the "
                    f"exercise as in its headings (this notebook has {self._known()}).")
        level = self._hints_given.get(exercise, 0)
        self._hints_given[exercise] = level + 1
        lines = found.intro.splitlines()
        start = next((i for i, line in enumerate(lines) if "efinition" in line), 0)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("Create")), len(lines))
        definition = "\n".join(lines[start:end]).strip()
        steps = [f"Hint 1 of 2, the definition to apply:\n{definition}"]
        mistakes = "\n".join(f"- {m}" for m in dict.fromkeys(found.mistakes))
        steps.append("Hint 2 of 2, mistakes the checks know (does one describe your result?):\n"
                     + (mistakes or "- none recorded for this exercise; re-read each word of the definition."))
        if level >= len(steps):
            return steps[-1] + f"\nNo more hints. solution(\"{exercise}\") shows a worked solution."
        return steps[level] + ("\nAsk again for the next hint." if level + 1 < len(steps) else
                               f"\nStill stuck? solution(\"{exercise}\") shows a worked solution.")

    def solution(self, exercise: str) -> str:
        found = self._exercise(exercise)
        if found is None or not found.solutions:
            return f"No worked solution for {exercise!r} in this notebook."
        return "A worked solution (one of many correct ways):\n\n" + "\n\n".join(s.strip() for s in found.solutions)


class _Text(str):
    """A string that notebooks show as plain text, line breaks kept."""

    def __repr__(self) -> str:
        return str(self)


def result_namespace() -> dict[str, Any]:
    from IPython import get_ipython

    shell = get_ipython()
    return shell.user_ns if shell is not None else {}


def install() -> bool:
    """In an IPython kernel in self-paced mode: register the verdict hook, and `hint`/`solution`. Idempotent."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or getattr(shell, "_pmcourse_tutor", None) is not None or feedback_mode() != SELF_PACED:
        return False
    course = course_with_masters()
    if course is None:
        return False
    from IPython.display import display

    tutor = Tutor(course)
    shell._pmcourse_tutor = tutor
    shell.events.register("post_run_cell", lambda result: tutor.after_cell(result, display))
    shell.user_ns.setdefault("hint", lambda exercise: _Text(tutor.hint(exercise)))
    shell.user_ns.setdefault("solution", lambda exercise: _Text(tutor.solution(exercise)))
    return True
