"""A batch-autograde worker: grades the submissions it is sent, one at a time, into private gradebooks.

The batch command starts one worker per core and talks to it over pipes: one JSON task per line on
stdin ({"assignment", "student", "db"}), one JSON result per line back. Everything nbgrader and the
kernels print goes to stderr, so the result channel carries nothing else. A worker that hangs is
killed by the batch command, which starts a fresh one.
"""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from pathlib import Path

from pmcourse.grading.course import open_api
from pmcourse.instructor.submission_check import check_submission, failure_reason, notes_from_log


def grade(root: Path, assignment: str, student: str, db_path: str, notebook: str = "*") -> dict:
    """Autograde one submission through nbgrader into the gradebook at `db_path`; say how it went.

    `notebook` is nbgrader's `--notebook`: a notebook name (or glob) to grade alone; the default grades all.
    """
    started = time.monotonic()
    problems, notes = check_submission(root, assignment, student)
    api = open_api(root, f"sqlite:///{db_path}")
    api.coursedir.notebook_id = notebook
    result = api.autograde(assignment, student, force=True, create=True)
    log = result.get("log") or ""
    notes += notes_from_log(log)
    if not result["success"] and not problems:
        problems.append(failure_reason(log, result.get("error") or ""))
    log_file = root / ".nbgrader" / "status" / assignment / f"{student}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log_file.write_text(log + (result.get("error") or ""), encoding="utf-8")
    return {"assignment": assignment, "student": student, "failed": bool(problems),
            "reason": "; ".join(dict.fromkeys(problems)) or None, "notes": list(dict.fromkeys(notes)),
            "seconds": round(time.monotonic() - started, 2)}


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    results = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    warnings.filterwarnings("ignore", message=".*not in session.*")
    for line in sys.stdin:
        task = json.loads(line)
        try:
            outcome = grade(root, task["assignment"], task["student"], task["db"], task.get("notebook", "*"))
        except Exception as error:  # the batch goes on: a submission nbgrader chokes on is a failed submission
            outcome = {"assignment": task["assignment"], "student": task["student"], "failed": True,
                       "reason": f"the grader stopped with {type(error).__name__}: {error}", "notes": [],
                       "seconds": 0.0}
        results.write(json.dumps(outcome) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
