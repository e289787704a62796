"""A learner's time for each notebook and session, estimated by the course's stated method.

The method (docs/instructors.md, "Time and points") adds up what a learner does in a student notebook:
reading its text, and each exercise by its difficulty, measured by the points the course gives it.
Its rates were calibrated on the times of learners who did every exercise (see the guide). A notebook
is split into sessions by markdown cells whose id starts with `session-`; each states its own time, and
`python -m pmcourse.course_time` prints what every notebook and session should say; with `--write` it
rewrites the stated times in the masters, the README and the instructor guide.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

COURSE_ROOT = Path(__file__).resolve().parents[1]

READING_WORDS_PER_MINUTE = 80  # teaching text with definitions and formulas, read to act on
MINUTES_PER_EXERCISE = 13  # each answer cell: read the definition, write the code, run the checks
MINUTES_PER_AUTOGRADED_POINT = 2  # harder exercises carry more points and take longer to get right
MINUTES_PER_WRITTEN_POINT = 8  # a written task: think, draft and revise, per point of its mark scheme
LONGEST_SESSION_MINUTES = 165  # "at most about 2.5 hours": a notebook longer than this is split
SESSION_PREFIX = "session-"


@dataclass(frozen=True)
class Session:
    """One sitting of a notebook: its number, how many the notebook has and its estimated minutes."""

    number: int
    of: int
    minutes: float


def cell_minutes(cell: nbformat.NotebookNode) -> float:
    """Minutes a learner spends on one cell of a student notebook."""
    grading = cell.get("metadata", {}).get("nbgrader", {})
    if cell.cell_type == "markdown":
        minutes = len(cell.source.split()) / READING_WORDS_PER_MINUTE
        if grading.get("points"):  # a written task
            minutes += MINUTES_PER_WRITTEN_POINT * grading["points"]
        return minutes
    if grading.get("solution"):
        return MINUTES_PER_EXERCISE
    if grading.get("grade"):
        return MINUTES_PER_AUTOGRADED_POINT * grading.get("points", 0)
    return 0.0


SESSION_ID = re.compile(r"session-(\d+)$")


def sessions(notebook: nbformat.NotebookNode) -> list[Session]:
    """The notebook's sessions in order; a `session-N` cell with N >= 2 starts a new one."""
    totals = [0.0]
    for cell in notebook.cells:
        number = SESSION_ID.match(cell.get("id", ""))
        if number and int(number[1]) >= 2:
            totals.append(0.0)
        totals[-1] += cell_minutes(cell)
    return [Session(k, len(totals), minutes) for k, minutes in enumerate(totals, start=1)]


def notebook_minutes(notebook: nbformat.NotebookNode) -> float:
    """The whole notebook's estimated minutes."""
    return sum(session.minutes for session in sessions(notebook))


def spoken(minutes: float) -> str:
    """Minutes rounded to the nearest quarter hour, as the course writes them: "2 h 15 min", "45 min"."""
    quarters = max(1, round(minutes / 15))
    hours, rest = divmod(quarters * 15, 60)
    return " ".join(part for part in (f"{hours} h" if hours else "", f"{rest} min" if rest else "") if part)


TITLE_TIME = re.compile(r"\*\*Time:\*\* about (\d+ h(?: \d+ min)?|\d+ min)(?: in \d+ sessions|, one session)?")


def title_statement(notebook: nbformat.NotebookNode) -> str:
    """The line a notebook's title cell should hold: its total time and how many sessions."""
    found = sessions(notebook)
    count = f" in {len(found)} sessions" if len(found) > 1 else ", one session"
    return f"**Time:** about {spoken(notebook_minutes(notebook))}{count}"


def session_heading(session: Session) -> str:
    """The first line of a `session-N` cell."""
    return f"## Session {session.number} of {session.of} · about {spoken(session.minutes)}"


def student_notebooks(assignment: str, root: Path = COURSE_ROOT) -> list[Path]:
    """The student notebooks of an assignment, in the course's order (file name order)."""
    return sorted((root / "notebooks" / assignment).glob("*.ipynb"))


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def assignment_minutes(assignment: str, root: Path = COURSE_ROOT) -> float:
    """An assignment's estimated minutes: the sum over its notebooks."""
    return sum(notebook_minutes(_read(path)) for path in student_notebooks(assignment, root))


def assignment_statement(assignment: str, root: Path | None = None) -> str:
    """How the README and the instructor guide state an assignment's time."""
    root = root or COURSE_ROOT
    found = [s for path in student_notebooks(assignment, root) for s in sessions(_read(path))]
    count = len(found)
    return f"about {spoken(sum(s.minutes for s in found))}, {count} session{'s' if count > 1 else ''}"


def report(root: Path | None = None) -> str:
    """What every assignment, notebook and session should state, as a plain-text table."""
    root = root or COURSE_ROOT
    lines = []
    for folder in sorted(p for p in (root / "notebooks").iterdir() if p.is_dir()):
        lines.append(f"{folder.name}: {assignment_statement(folder.name, root)}")
        for path in student_notebooks(folder.name, root):
            notebook = _read(path)
            split = ", ".join(f"{s.minutes:.0f} min" for s in sessions(notebook))
            lines.append(f"  {path.stem}: {title_statement(notebook)} ({split})")
    return "\n".join(lines)


def _table_row(text: str, assignment: str, column: int, value: str) -> str:
    """`text` with the `column`-th cell (from the end, 1 = last) of the table row naming `assignment` replaced."""
    lines = text.splitlines(keepends=True)
    for k, line in enumerate(lines):
        if line.startswith("| ") and f"`{assignment}`" in line:
            cells = line.rstrip("\n").split(" | ")
            cells[-column] = value + (" |" if column == 1 else "")
            lines[k] = " | ".join(cells) + "\n"
    return "".join(lines)


def write_statements(root: Path | None = None) -> list[Path]:
    """Rewrite every stated time (masters' titles and session headings, README, instructor guide) from the
    student notebooks; returns the files changed. Rebuild the student notebooks afterwards."""
    root = root or COURSE_ROOT
    changed = []
    readme, guide = root / "README.md", root / "docs" / "instructors.md"
    texts = {readme: readme.read_text(encoding="utf-8"), guide: guide.read_text(encoding="utf-8")}
    for folder in sorted(p for p in (root / "notebooks").iterdir() if p.is_dir()):
        statement = assignment_statement(folder.name, root)
        texts[readme] = _table_row(texts[readme], folder.name, 2, statement)
        texts[guide] = _table_row(texts[guide], folder.name, 1, statement)
        for path in student_notebooks(folder.name, root):
            student = _read(path)
            found = sessions(student)
            master_path = root / "solutions" / folder.name / path.name
            master = _read(master_path)
            before = nbformat.writes(master)
            title = master.cells[0]
            if TITLE_TIME.search(title.source):
                title.source = TITLE_TIME.sub(title_statement(student), title.source, count=1)
            else:
                title.source = title.source.rstrip() + "\n\n" + title_statement(student) + "."
            for cell in master.cells:
                number = SESSION_ID.match(cell.get("id", ""))
                if number and int(number[1]) <= len(found):
                    rest = cell.source.partition("\n")[2]
                    cell.source = session_heading(found[int(number[1]) - 1]) + ("\n" + rest if rest else "")
            if nbformat.writes(master) != before:
                nbformat.write(master, str(master_path))
                changed.append(master_path)
    for path, text in texts.items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        for path in write_statements():
            print(f"rewrote {path}")
        print("Now rebuild the student notebooks: python3 course.py build <assignment> --skip-data")
    else:
        print(report())
