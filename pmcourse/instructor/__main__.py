"""Command line of the instructor tooling: `python -m pmcourse.instructor <command>` from the course folder.

    autograde [ASSIGNMENT ...]   grade every submission in submitted/ on all cores (a summary at the end)
    feedback  [ASSIGNMENT ...]   feedback HTML for graded submissions, hidden tests described, not shown
    export                       grades.csv, exercises.csv and canvas.csv in exports/
    report                       exports/item-analysis.html: distributions, pass rates, hints, discrimination
    demo                         a simulated class through all of the above, in a throw-away folder
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from pmcourse.grading.course import COURSE_ROOT, assignment_ids, ensure_tools_on_path, load_config


def _root(value: str | None) -> Path:
    root = Path(value).resolve() if value else (Path.cwd() if (Path.cwd() / "nbgrader_config.py").exists()
                                                 else COURSE_ROOT)
    if not (root / "nbgrader_config.py").exists():
        raise SystemExit(f"{root} is not a course folder (no nbgrader_config.py); pass --root.")
    return root


def _assignments(root: Path, names: list[str]) -> list[str]:
    known = assignment_ids(root)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SystemExit(f"No assignment {', '.join(unknown)} in {root / 'solutions'}; known: {', '.join(known)}.")
    return names or known


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pmcourse.instructor", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", help="the course folder (default: the current folder, else this repository)")
    commands = parser.add_subparsers(dest="command", required=True)
    grade = commands.add_parser("autograde", help="grade every submission in submitted/ on all cores")
    grade.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    grade.add_argument("--student", action="append", dest="students", metavar="ID", help="only this student")
    grade.add_argument("--workers", type=int, help="processes to use (default: one per core)")
    grade.add_argument("--timeout", type=float, default=300, help="seconds one submission may take (default 300)")
    feedback = commands.add_parser("feedback", help="feedback HTML without hidden test code")
    feedback.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    export = commands.add_parser("export", help="grades.csv, exercises.csv and canvas.csv")
    export.add_argument("--out", help="folder for the CSV files (default: exports/)")
    report = commands.add_parser("report", help="the item-analysis HTML page")
    report.add_argument("--out", help="the HTML file (default: exports/item-analysis.html)")
    demo = commands.add_parser("demo", help="simulate a class and run the whole pipeline on it")
    demo.add_argument("--students", type=int, default=40)
    demo.add_argument("--assignment", action="append", dest="assignments", metavar="ASSIGNMENT",
                      help="assignments to hand in (default: 00-orientation and 04-roadmap)")
    demo.add_argument("--out", help="folder for the demo class (default: a new folder in /tmp)")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--workers", type=int)
    demo.add_argument("--timeout", type=float, default=120)
    return parser


def quiet_library_warnings() -> None:
    """Keep library chatter out of the instructor's terminal: only the course's own lines appear.

    nbgrader's gradebook triggers SQLAlchemy's "not in session" SAWarning on every submission, and
    nbformat warns about cells without ids in old notebooks; neither says anything about the grades.
    """
    warnings.filterwarnings("ignore", message=".*not in session.*")
    warnings.filterwarnings("ignore", message="Cell is missing an id field")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    ensure_tools_on_path()
    quiet_library_warnings()
    if args.command == "demo":
        from pmcourse.instructor.demo import run_demo

        run_demo(args.students, args.assignments, Path(args.out) if args.out else None, args.seed,
                 args.workers, args.timeout)
        return 0
    root = _root(args.root)
    db_url = load_config(root).CourseDirectory.db_url
    if args.command == "autograde":
        from pmcourse.instructor.batch import autograde_batch
        from pmcourse.instructor.summary import format_summary, needs_manual_grading

        result = autograde_batch(root, _assignments(root, args.assignments), args.students, args.workers,
                                 args.timeout, db_url)
        if not result.statuses:
            print("No submissions to grade in submitted/.")
            return 0
        print(format_summary(result.statuses, needs_manual_grading(db_url, result.statuses), result.seconds,
                             result.workers))
        print(f"\nStatus records and grading logs: {root / '.nbgrader' / 'status'}")
    elif args.command == "feedback":
        from pmcourse.instructor.feedback import generate_feedback

        files = generate_feedback(root, _assignments(root, args.assignments), db_url)
        print(f"{len(files)} feedback files in {root / 'feedback'}")
    elif args.command == "export":
        from pmcourse.instructor.export import export_grades

        written = export_grades(root, Path(args.out) if args.out else root / "exports", db_url)
        print("\n".join(f"{name}: {path}" for name, path in written.items()))
    elif args.command == "report":
        from pmcourse.instructor.report import build_report

        print(build_report(root, Path(args.out) if args.out else root / "exports" / "item-analysis.html", db_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
