"""Measure how many misconception answers nobody on the team wrote get a message that names or locates the mistake.

The answers are in benchmarks/blind_misconceptions.toml: a helper wrote them as a learner, from the
student notebooks and the data dictionary alone (no solutions, tests, hint tables or variants), each one
replacing one answer cell of an otherwise correct notebook. Each is graded through the course's batch
autograde, as an instructor grades, and the message of its own exercise's first failing test cell is
sorted into (the most helpful message among the exercise's failing test cells, since the feedback
shows them all):

- named: a hint that names the mistake ("Not yet: this matches ...", or a message about the very slip);
- located: where the value differs (too high or low, a factor, which labels, rows or keys, missing or
  extra items, a small example that shows the rule);
- generic: "not the expected one" and nothing more, or no message at all;
- kept full marks: the mistake went unnoticed.

Writes docs/benchmark-feedback.md.

    .venv/bin/python benchmarks/feedback_quality.py     # about 5 minutes on 2 cores
"""

from __future__ import annotations

import re
import sys
import tempfile
import tomllib
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pmcourse.grading.sandbox import CourseSandbox, GradeReport  # noqa: E402
from pmcourse.grading.selftest import variant_notebooks  # noqa: E402
from pmcourse.grading.variants import Variant  # noqa: E402
from pmcourse.instructor.batch import autograde_batch  # noqa: E402
from pmcourse.learner.workcopy import exercise_key  # noqa: E402

ANSWERS = ROOT / "benchmarks" / "blind_misconceptions.toml"
REPORT = ROOT / "docs" / "benchmark-feedback.md"
NAMED = re.compile(r"Not yet: this matches|still holds|is not the first day|is not Welch|cancelled|both arms")
LOCATED = re.compile(r"too high|too low|looks \S|missing|should not be there|another order|"
                     r"\bat \S|\bfor \S.*\(checked|On a small example|one row per|one entry per|"
                     r"`\w+\([^)]+\)` is not right")  # a call with arguments: the case that differs


def classify(message: str) -> str:
    if NAMED.search(message):
        return "named"
    if LOCATED.search(message):
        return "located"
    return "generic"


def verdict(report: GradeReport, exercise: str) -> tuple[str, str]:
    """The most helpful message among the answer's own exercise's failing cells (the feedback shows them all)."""
    lost = [c for c in report.autograded if c.score != c.max_score and exercise_key(c.grade_id) == exercise]
    if not lost:
        lost = [c for c in report.autograded if c.score != c.max_score]
    if not lost:
        return "kept full marks", ""
    said = []
    for cell in lost:
        shown = " ".join(cell.output.split())
        said.append(shown.rsplit("Error: ", 1)[-1] if "Traceback" in shown else shown)
    rank = {"named": 0, "located": 1, "generic": 2}
    message = min(said, key=lambda m: rank[classify(m)])
    return classify(message), message


def main() -> int:
    answers = tomllib.loads(ANSWERS.read_text(encoding="utf-8"))["answer"]
    sandbox = CourseSandbox(Path(tempfile.mkdtemp()) / "course")
    students: dict[str, dict[str, str]] = {}
    for number, answer in enumerate(answers):
        student = f"blind-{number:02d}"
        variant = Variant(name=student, cell=answer["cell"], code=answer["code"], expect="lose",
                          notebook=answer["notebook"], lose=("-",))
        sandbox.submit(answer["assignment"], student, variant_notebooks(sandbox, answer["assignment"], variant))
        students.setdefault(answer["assignment"], {})[student] = answer["notebook"]
    rows = []
    for assignment, only in students.items():
        autograde_batch(sandbox.root, [assignment], list(only), db_url=sandbox.db_url, progress=False,
                        only_notebook=only)
        for student, notebook in only.items():
            answer = answers[int(student.split("-")[1])]
            kind, message = verdict(sandbox.report(assignment, student, [notebook]), exercise_key(answer["cell"]))
            rows.append((answer, kind, message))
    counts = {kind: sum(k == kind for _, k, _ in rows) for kind in ("named", "located", "generic", "kept full marks")}
    helped = counts["named"] + counts["located"]
    lines = [
        "# Feedback on answers nobody on the team wrote",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/feedback_quality.py`: "
        f"{len(rows)} misconception answers from `benchmarks/blind_misconceptions.toml`, each graded through the "
        "course's batch autograde; the message of the answer's own exercise, as the feedback shows it.",
        "",
        f"**{helped} of {len(rows)} ({helped / len(rows):.0%}) get a message that names or locates the mistake** "
        f"(named {counts['named']}, located {counts['located']}); generic {counts['generic']}; "
        f"kept full marks {counts['kept full marks']}.",
        "",
        "These are the messages of the hidden tests: what the feedback page, the self-paced verdict and "
        "`course.py progress` show. A student holding only the release sees the visible tests alone when "
        "pressing Validate; the helper who wrote these answers found that 33 of the 34 passed every visible "
        "test (type, shape and range checks), so for them Validate said nothing.",
        "",
        "| notebook | cell | the mistake | message | what it said |",
        "| --- | --- | --- | --- | --- |",
    ]
    for answer, kind, message in rows:
        said = message.replace("|", "/")[:220]
        lines.append(f"| {answer['notebook']} | {answer['cell']} | {answer['mistake'].replace('|', '/')} | {kind} | "
                     f"{said} |")
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{helped} of {len(rows)} named or located; report in {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
