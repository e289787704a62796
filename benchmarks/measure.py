"""Measure what learners and instructors wait for, and write the report to docs/benchmarks.md.

Every number is the median of several runs on this machine, next to a floor measured in the same run
(a kernel start plus the course's imports), so ratios stay meaningful on a noisy machine:

- cold execution of every solution notebook, and its slowest cell;
- autograde time per submission through `nbgrader autograde` (the CLI an instructor runs);
- generating the world, and loading each dataset with pandas;
- the full test suite, and a fresh set-up from a clean clone (venv + pinned install, no pip cache).

    .venv/bin/python benchmarks/measure.py                 # everything (about 15 minutes)
    .venv/bin/python benchmarks/measure.py --quick         # skip the suite and the fresh set-up
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
from importlib.metadata import version
from pathlib import Path

import nbformat

from pmcourse.data import load
from pmcourse.grading.course import (
    COURSE_ROOT,
    assignment_ids,
    ensure_tools_on_path,
    notebook_client,
    notebook_names,
)
from pmcourse.grading.sandbox import CourseSandbox
from pmcourse.grading.selftest import solution_notebooks
from pmcourse.world import CATALOG as TABLES

FLOOR_IMPORTS = "\n".join(["import pandas as pd", "import plotly.express as px", "import matplotlib.pyplot as plt",
                           "import pmcourse.data"])
REPORT = COURSE_ROOT / "docs" / "benchmarks.md"


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> list[tuple[str, str]]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("memory", f"{mem_kb / 1024**2:.1f} GiB"),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("packages", ", ".join(f"{name} {version(name)}" for name in
                               ("nbgrader", "jupyterlab", "pandas", "numpy", "plotly", "matplotlib"))),
    ]


def run_cells(nb: nbformat.NotebookNode, folder: Path) -> tuple[float, float, float, str]:
    """Execute in a new kernel; return (kernel start s, all cells s, slowest cell s, slowest cell id)."""
    client = notebook_client(nb, folder, timeout=120)
    started = time.perf_counter()
    with client.setup_kernel():
        ready = time.perf_counter()
        slowest, slowest_id = 0.0, ""
        for index, cell in enumerate(nb.cells):
            begin = time.perf_counter()
            client.execute_cell(cell, index)
            took = time.perf_counter() - begin
            if took > slowest:
                slowest, slowest_id = took, cell.get("id", str(index))
        finished = time.perf_counter()
    return ready - started, finished - ready, slowest, slowest_id


def measure_floor(repeat: int) -> dict[str, float]:
    starts, imports = [], []
    for _ in range(repeat):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_IMPORTS)])
        start, cells, _, _ = run_cells(nb, COURSE_ROOT)
        starts.append(start)
        imports.append(cells)
    return {"kernel start": median(starts), "imports": median(imports),
            "floor": median([s + i for s, i in zip(starts, imports, strict=True)])}


def measure_notebooks(repeat: int) -> list[dict[str, object]]:
    rows = []
    for assignment in assignment_ids(COURSE_ROOT):
        folder = COURSE_ROOT / "solutions" / assignment
        for name in notebook_names(assignment, COURSE_ROOT):
            totals, slowest = [], []
            slowest_id = ""
            for _ in range(repeat):
                nb = nbformat.read(str(folder / f"{name}.ipynb"), as_version=4)
                start, cells, worst, slowest_id = run_cells(nb, folder)
                totals.append(start + cells)
                slowest.append(worst)
            rows.append({"notebook": f"{assignment}/{name}", "total": median(totals),
                         "slowest": median(slowest), "slowest cell": slowest_id})
    return rows


def measure_autograde(repeat: int, students: int) -> list[dict[str, object]]:
    """`nbgrader autograde` on a batch of solution submissions, per submission."""
    rows = []
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    for assignment in assignment_ids(COURSE_ROOT):
        per_submission = []
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as tmp:
                sandbox = CourseSandbox(Path(tmp) / "course")
                submission = solution_notebooks(sandbox, assignment)
                for number in range(students):
                    sandbox.submit(assignment, f"student-{number:03d}", submission)
                begin = time.perf_counter()
                subprocess.run([nbgrader, "autograde", assignment, "--force", f"--db={sandbox.db_url}"],
                               cwd=sandbox.root, check=True, capture_output=True)
                per_submission.append((time.perf_counter() - begin) / students)
        rows.append({"assignment": assignment, "per submission": median(per_submission), "batch": students})
    return rows


def measure_loads(repeat: int) -> list[dict[str, object]]:
    rows = []
    for name in sorted(TABLES):
        times = []
        for _ in range(repeat):
            begin = time.perf_counter()
            frame = load(name, start=COURSE_ROOT)
            times.append(time.perf_counter() - begin)
        size = (COURSE_ROOT / "datasets" / TABLES[name].filename).stat().st_size
        rows.append({"table": name, "rows": len(frame), "MB": size / 1e6, "load": median(times)})
    return rows


def measure_world(repeat: int) -> float:
    """Seconds to generate every table of the world into an empty folder, in a fresh interpreter."""
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            code = f"from pathlib import Path; from pmcourse.world import write_world; write_world(Path({tmp!r}))"
            begin = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], cwd=COURSE_ROOT, check=True)
            times.append(time.perf_counter() - begin)
    return median(times)


def measure_suite(repeat: int) -> float:
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=COURSE_ROOT,
                       check=True, capture_output=True)
        times.append(time.perf_counter() - begin)
    return median(times)


def measure_fresh_setup(repeat: int) -> float:
    """Clone the committed course and create its environment from nothing (pip's cache disabled)."""
    times = []
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV"}} | {"PIP_NO_CACHE_DIR": "1"}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            clone = Path(tmp) / "course"
            begin = time.perf_counter()
            subprocess.run(["git", "clone", "-q", str(COURSE_ROOT), str(clone)], check=True)
            subprocess.run(["python3", "-c", "import course; course.ensure_environment(dev=True)"],
                           cwd=clone, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - begin)
    return median(times)


def write_report(results: dict[str, object], args: argparse.Namespace) -> None:
    floor = results["floor"]
    lines = ["# Benchmarks", "",
             "Written by `benchmarks/measure.py`; every time is the median of several runs on the machine below.",
             "Ratios compare with the *floor*: a new kernel plus the course's imports "
             "(pandas, plotly.express, matplotlib, pmcourse), measured in the same run.", "",
             "## Machine", "", "| | |", "| --- | --- |"]
    lines += [f"| {key} | {value} |" for key, value in machine()]
    lines += ["", f"## Floor ({args.repeat} runs)", "", "| step | seconds |", "| --- | --- |"]
    lines += [f"| {key} | {value:.2f} |" for key, value in floor.items()]
    lines += ["", f"## Solution notebooks, cold ({args.repeat} runs each)", "",
              "| notebook | total s | × floor | slowest cell | slowest s |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {r['notebook']} | {r['total']:.2f} | {r['total'] / floor['floor']:.1f} | `{r['slowest cell']}` "
              f"| {r['slowest']:.2f} |" for r in results["notebooks"]]
    lines += ["", f"## Autograde through `nbgrader autograde` ({args.autograde_repeat} runs of a batch)", "",
              "| assignment | batch | s per submission | × floor |", "| --- | --- | --- | --- |"]
    lines += [f"| {r['assignment']} | {r['batch']} | {r['per submission']:.2f} | "
              f"{r['per submission'] / floor['floor']:.1f} |" for r in results["autograde"]]
    lines += ["", "The course's parallel batch command against this serial run: docs/benchmark-batch.md "
              "(`benchmarks/batch_autograde.py`). The test suite's own timing: docs/benchmark-suite.md "
              "(`benchmarks/suite.py`). Feedback on misconception answers nobody on the team wrote: "
              "docs/benchmark-feedback.md (`benchmarks/feedback_quality.py`).", "",
              f"## Datasets ({args.repeat} runs)", "",
              f"Generating the whole world (`write_world`, fresh interpreter): {results['world']:.1f} s. "
              f"`datasets/` in all: {sum(r['MB'] for r in results['loads']):.1f} MB (budget 25 MB).", "",
              "| table | rows | MB on disk | load with `pmcourse.data.load`, s |", "| --- | --- | --- | --- |"]
    lines += [f"| {r['table']} | {r['rows']:,} | {r['MB']:.2f} | {r['load']:.4f} |" for r in results["loads"]]
    lines += ["", "## Whole-course timings", "", "| what | runs | seconds |", "| --- | --- | --- |"]
    if "suite" in results:
        lines.append(f"| full test suite (`pytest`, browser tests included) | {args.slow_repeat} | "
                     f"{results['suite']:.0f} |")
    if "setup" in results:
        lines.append(f"| fresh set-up: clone + venv + pinned install, no pip cache | {args.slow_repeat} | "
                     f"{results['setup']:.0f} |")
    if "suite" not in results:
        lines.append("| (skipped with --quick: the latest suite timing from a fresh clone is in "
                     "docs/benchmark-suite.md) | | |")
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs for the floor, notebooks and loads")
    parser.add_argument("--autograde-repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=5, help="submissions per autograde batch")
    parser.add_argument("--slow-repeat", type=int, default=2, help="runs of the test suite and fresh set-up")
    parser.add_argument("--quick", action="store_true", help="skip the test suite and the fresh set-up")
    args = parser.parse_args()
    ensure_tools_on_path()
    results: dict[str, object] = {}
    steps = [("floor", lambda: measure_floor(args.repeat)),
             ("notebooks", lambda: measure_notebooks(args.repeat)),
             ("autograde", lambda: measure_autograde(args.autograde_repeat, args.batch)),
             ("loads", lambda: measure_loads(args.repeat)),
             ("world", lambda: measure_world(args.repeat))]
    if not args.quick:
        steps += [("suite", lambda: measure_suite(args.slow_repeat)),
                  ("setup", lambda: measure_fresh_setup(args.slow_repeat))]
    for name, step in steps:
        begin = time.perf_counter()
        results[name] = step()
        print(f"{name}: done in {time.perf_counter() - begin:.0f} s", flush=True)
    write_report(results, args)
    print(REPORT.read_text())
    shutil.rmtree(COURSE_ROOT / ".pytest_cache", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
