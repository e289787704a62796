"""nbgrader preprocessors the course plugs into autograde (see nbgrader_config.py)."""

from __future__ import annotations

import json
import re

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import DeduplicateIds, NbGraderPreprocessor
from traitlets import Integer

from pmcourse.grading.cells import split_secret_lines
from pmcourse.grading.lint import Finding, imported_names, lint_source

# Log prefixes the batch command reads back as notes on a submission.
LINT_PREFIX = "[pmcourse lint]"
OUTPUT_PREFIX = "[pmcourse output]"
DUPLICATE_PREFIX = "[pmcourse duplicate]"
HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
CHECK_ERRORS = {"CheckFailed", "AssertionError"}  # failures whose messages the course writes for learners


class DropDuplicateGradeIds(DeduplicateIds):
    """Keep the last cell of each grade id, as nbgrader does, but remove the copies' metadata entirely.

    nbgrader's DeduplicateIds leaves `metadata.nbgrader = {}` on a copy, and OverwriteCells with
    add_missing_cells then fails on the missing grade_id and stops the whole batch (nbgrader #1083).
    Without the key the copy is an ordinary cell: it still runs but earns and costs nothing.
    """

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict,
                        cell_index: int) -> tuple[NotebookNode, ResourcesDict]:
        if not (utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell)):
            return cell, resources
        gid = cell.metadata.nbgrader.get("grade_id")
        if gid in self.grade_ids:
            self.log.warning("%s grade id %r appears more than once; the earlier copy is graded as a plain cell.",
                             DUPLICATE_PREFIX, gid)
            del cell.metadata["nbgrader"]
        else:
            self.grade_ids.add(gid)
        return cell, resources


def _trusted(cell: NotebookNode) -> bool:
    """A locked cell that kept its grade id: OverwriteCells has just restored its source from the gradebook."""
    return utils.is_locked(cell) and bool(cell.metadata.get("nbgrader", {}).get("grade_id"))


def neutralised_source(source: str, findings: list[Finding]) -> str:
    """The cell as the grader runs it instead: an error naming what was found, the learner's code kept as comments."""
    reasons = "; ".join(str(finding) for finding in findings)
    message = (f"The grader did not run this cell: {reasons}. Code that changes how tests run is not allowed; "
               "ask your instructor if you think this is a mistake.")
    kept = "\n".join("# " + line for line in source.splitlines())
    return f"raise RuntimeError({message!r})\n# --- your code, not run ---\n{kept}"


class LintSubmission(NbGraderPreprocessor):
    """Before execution, replace every learner cell that tampers with the grader by one that fails loudly.

    Runs after OverwriteCells, so test and set-up cells already hold the instructor's source; every other
    code cell (answers and cells the learner added) is read by `lint.lint_source`. A flagged cell earns
    nothing for its exercise, and the finding goes to the log with the prefix `LINT_PREFIX`, which the
    batch command turns into a note for the instructor.
    """

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        trusted = [cell.source for cell in nb.cells if cell.cell_type == "code" and _trusted(cell)]
        self.protected = imported_names(trusted)
        self.notebook = resources.get("nbgrader", {}).get("notebook", "?")
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict,
                        cell_index: int) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type != "code" or _trusted(cell):
            return cell, resources
        findings = lint_source(cell.source, self.protected)
        if findings:
            where = cell.metadata.get("nbgrader", {}).get("grade_id") or f"#{cell_index + 1}"
            for finding in findings:
                self.log.warning("%s %s cell %s: %s", LINT_PREFIX, self.notebook, where, finding)
            cell.source = neutralised_source(cell.source, findings)
        return cell, resources


class CapOutput(NbGraderPreprocessor):
    """Cut text outputs longer than `max_chars` after execution (nbgrader's LimitOutput counts lines only).

    A cell that prints megabytes on one line would otherwise bloat the autograded notebook, the feedback
    and the formgrader page. Error outputs keep their name and message; only their traceback is cut.
    """

    max_chars = Integer(20_000, help="Characters kept of each text output.").tag(config=True)

    def _cut(self, text: str, where: str) -> str:
        if len(text) <= self.max_chars:
            return text
        self.log.warning("%s %s printed %s characters; kept the first %s", OUTPUT_PREFIX, where, f"{len(text):,}",
                         f"{self.max_chars:,}")
        return text[: self.max_chars] + f"\n... [output cut by the grader: {len(text):,} characters in all]\n"

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict,
                        cell_index: int) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type != "code":
            return cell, resources
        where = f"cell {cell.metadata.get('nbgrader', {}).get('grade_id') or '#' + str(cell_index + 1)}"
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                output.text = self._cut(output.text, where)
            elif output.output_type == "error":
                output.traceback = [self._cut("\n".join(output.traceback), where)]
            else:
                for mime in ("text/plain", "text/html"):
                    if isinstance(output.get("data", {}).get(mime), str):
                        output.data[mime] = self._cut(output.data[mime], where)
        return cell, resources


_CELL_LINE = re.compile(r"Cell In\[\d*\], line (\d+)|the check on line (\d+) of this cell")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def failing_line(error: NotebookNode) -> int | None:
    """The line of the cell where an error was raised, read from IPython's traceback ("Cell In[7], line 12")
    or from a course check's own short rendering ("the check on line 12 of this cell")."""
    for frame in error.get("traceback", []):
        match = _CELL_LINE.search(_ANSI.sub("", frame))
        if match:
            return int(match.group(1) or match.group(2))
    return None


class HideHiddenTests(NbGraderPreprocessor):
    """For feedback: show what hidden tests checked and whether they passed, never their code (nbgrader #917).

    In each test cell the hidden region becomes one comment line. Tracebacks are reduced to the error's
    name and message (IPython prints source lines around the failing one, hidden ones included); an error
    raised inside the hidden region keeps its message only when it is a check's (which says where the
    value differs, never the expected value).
    Mark schemes are removed from every cell.
    """

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict,
                        cell_index: int) -> tuple[NotebookNode, ResourcesDict]:
        public, secret = split_secret_lines(cell.source)
        if not secret:
            return cell, resources
        if cell.cell_type != "code":
            cell.source = "\n".join(public)
            return cell, resources
        lines = cell.source.splitlines()
        hidden_from = next((i + 1 for i, line in enumerate(lines) if line.strip() == HIDDEN_BEGIN), None)
        errors = [out for out in cell.get("outputs", []) if out.output_type == "error"]
        failed_hidden = any(hidden_from is not None and (failing_line(err) or 0) >= hidden_from for err in errors)
        verdict = ("failed" if failed_hidden else
                   "not run, because a visible check above failed first" if errors else "passed")
        cell.source = "\n".join([*public, f"# Hidden tests of the exact value (code not shown): {verdict}."])
        for err in errors:
            line = failing_line(err)
            if hidden_from is not None and line is not None and line >= hidden_from:
                # A failed check says where the value differs, never the expected value (pmcourse.checks);
                # any other error's message could quote hidden data, so only its kind is kept.
                said = err.evalue if err.ename in CHECK_ERRORS and err.evalue else ""
                err.ename, err.evalue = "HiddenTestFailed", said or "the value is not the expected one yet"
            err.traceback = [f"{err.ename}: {err.evalue}"]
        return cell, resources


PLOTLY_MIME = "application/vnd.plotly.v1+json"


class PlotlyAsHTML(NbGraderPreprocessor):
    """For feedback: give each plotly chart an HTML form, so the feedback page shows the learner's charts.

    JupyterLab draws plotly's own output type, which nbconvert's HTML cannot represent (it drops the chart
    with a warning). The HTML form loads plotly.js from its CDN once per page, as plotly's notebook
    renderer does; the chart itself is the learner's output, not re-run.
    """

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        self._script_written = False
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict,
                        cell_index: int) -> tuple[NotebookNode, ResourcesDict]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data and "text/html" not in data:
                import plotly.io as pio

                figure = pio.from_json(json.dumps(data[PLOTLY_MIME]), skip_invalid=True)
                data["text/html"] = pio.to_html(figure, full_html=False,
                                                include_plotlyjs=False if self._script_written else "cdn")
                self._script_written = True
        return cell, resources
