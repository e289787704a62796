"""Batch autograde vs nbgrader's serial `nbgrader autograde` on the same class; writes docs/benchmark-batch.md.

One demo class (default 40 students, one assignment, the demo's mix of complete, partial, misconception
and broken work) is handed in once and copied into two course folders. One is graded by the CLI an
instructor would otherwise run, the other by `python -m pmcourse.instructor autograde`; both wall
times are measured, repeated, and the two gradebooks compared grade by grade.

    .venv/bin/python benchmarks/batch_autograde.py                          # 40 x 00-orientation, 2 runs
    .venv/bin/python benchmarks/batch_autograde.py --students 40 --assignment 04-roadmap --repeat 1
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from nbgrader.api import Gradebook

from pmcourse.grading.course import COURSE_ROOT, ensure_tools_on_path
from pmcourse.grading.sandbox import CourseSandbox
from pmcourse.instructor.demo import simulate_class

BIN = Path(sys.executable).parent


def course_copy(submitted: Path, folder: Path) -> CourseSandbox:
    """A fresh course folder (its configured gradebook) holding a copy of the class's submissions."""
    sandbox = CourseSandbox(folder, configured_gradebook=True)
    shutil.copytree(submitted, folder / "submitted")
    return sandbox


def timed(command: list[str], cwd: Path, may_fail: bool = False) -> float:
    """Wall time of one command; its failure stops the benchmark with the command's output.

    `nbgrader autograde` exits 1 when any submission could not be graded, which the demo class includes.
    """
    env = dict(os.environ, PATH=str(BIN) + os.pathsep + os.environ["PATH"])
    started = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if run.returncode != 0 and not may_fail:
        sys.exit(f"{' '.join(command)} failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return seconds


def grades(db_url: str) -> dict[tuple[str, str, str], tuple]:
    """(student, notebook, grade id) -> (auto score, needs manual grade) for the whole gradebook."""
    found = {}
    with Gradebook(db_url) as gradebook:
        for student in gradebook.students:
            for submission in student.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        found[(student.id, notebook.name, grade.name)] = (grade.auto_score, grade.needs_manual_grade)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--assignment", default="00-orientation")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=COURSE_ROOT / "docs" / "benchmark-batch.md")
    args = parser.parse_args()
    ensure_tools_on_path()
    work = Path(tempfile.mkdtemp(prefix="pmcourse-bench-"))
    try:
        class_room = CourseSandbox(work / "class")
        kinds = simulate_class(class_room, [args.assignment], args.students, args.seed)
        serial_times, batch_times, same = [], [], True
        for run in range(args.repeat):
            serial = course_copy(class_room.root / "submitted", work / f"serial-{run}")
            timed([str(BIN / "nbgrader"), "generate_assignment", args.assignment, "--force"], serial.root)
            serial_times.append(timed([str(BIN / "nbgrader"), "autograde", args.assignment, "--force"], serial.root,
                                      may_fail=True))
            batch = course_copy(class_room.root / "submitted", work / f"batch-{run}")
            timed([str(BIN / "nbgrader"), "generate_assignment", args.assignment, "--force"], batch.root)
            batch_times.append(timed([sys.executable, "-m", "pmcourse.instructor", "autograde", args.assignment],
                                     batch.root))
            same = same and grades(serial.db_url) == grades(batch.db_url)
            print(f"run {run + 1}: serial {serial_times[-1]:.1f} s, batch {batch_times[-1]:.1f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    serial_s, batch_s = statistics.median(serial_times), statistics.median(batch_times)
    broken = sum(kind in {"invalid JSON", "empty file", "renamed notebook", "kernel death"} for kind in kinds.values())
    lines = [
        "# Batch autograde vs `nbgrader autograde`",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/batch_autograde.py` on "
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
        "",
        f"The same {args.students} submissions of `{args.assignment}` (the demo class, seed {args.seed}: "
        f"{broken} cannot be graded), each command in a fresh copy of the course, generate excluded; "
        f"median of {args.repeat} run(s).",
        "",
        "| command | wall time | per submission |",
        "| --- | --- | --- |",
        f"| `nbgrader autograde {args.assignment}` (serial) | {serial_s:.1f} s | {serial_s / args.students:.2f} s |",
        f"| `python -m pmcourse.instructor autograde {args.assignment}` | {batch_s:.1f} s | "
        f"{batch_s / args.students:.2f} s |",
        "",
        f"Speed-up: **{serial_s / batch_s:.2f}x**. Same grades in both gradebooks, grade by grade: "
        f"**{'yes' if same else 'NO'}**.",
        "",
        f"All runs (s): serial {', '.join(f'{t:.1f}' for t in serial_times)}; "
        f"batch {', '.join(f'{t:.1f}' for t in batch_times)}.",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
