"""`python3 course.py update` and `python3 course.py progress`, for a learner studying on their own."""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

from pmcourse.grading.course import COURSE_ROOT
from pmcourse.learner.workcopy import WORK_DIR_NAME, sync


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course.py", description=__doc__)
    parser.add_argument("--course", type=Path, default=COURSE_ROOT, help="the course folder (default: this one)")
    parser.add_argument("--work", type=Path, default=None, help=f"the working copy (default: <course>/{WORK_DIR_NAME})")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="bring new and changed notebooks into the working copy; never overwrite yours")
    progress = commands.add_parser("progress", help="grade your working copy and show Correct / Not yet per exercise")
    progress.add_argument("assignments", nargs="*", help="only these assignments (default: all)")
    args = parser.parse_args(argv)
    course = args.course.resolve()
    work = (args.work or course / WORK_DIR_NAME).resolve()

    if args.command == "update":
        print("\n".join(sync(course, work).lines()))
        return 0
    if not (course / "solutions").is_dir():
        print("The progress report grades with the course masters in solutions/, which this copy of the course "
              "does not have. In a class, press Validate and wait for your instructor's feedback.", file=sys.stderr)
        return 2
    if not work.is_dir():
        print(f"There is no working copy at {work} yet: run python3 course.py lab (or update) first.", file=sys.stderr)
        return 2
    from pmcourse.learner.progress import grade_work  # nbgrader and the kernels are only needed here
    from pmcourse.learner.progress_report import text_report, write_html

    warnings.filterwarnings("ignore")
    started = time.monotonic()
    print(f"Grading your notebooks in {work} with the course's grader ...", flush=True)
    results = grade_work(course, work, args.assignments or None)
    print(text_report(results))
    page = write_html(results, work / "progress.html")
    print(f"Chart and table: {page} (graded in {time.monotonic() - started:.0f} s; your notebooks were only read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
