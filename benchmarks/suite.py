"""Time the whole test suite as CI runs it and write docs/benchmark-suite.md.

Clones the committed course into a temporary folder (so nothing in the working tree is measured), runs
`python3 course.py test` there once with a JUnit report, and writes the wall time of the set-up and of
the suite, the summed test time per module, and the slowest tests. The budget is 10 minutes of suite on
the 2-core machine the course is built for; this script reports, it does not judge.

    python3 benchmarks/suite.py            # about as long as CI: set-up, then the suite
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "benchmark-suite.md"
SLOWEST = 12


def _machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory:.1f} GiB, Python {sys.version.split()[0]}"


def _run(clone: Path, args: list[str]) -> float:
    begin = time.perf_counter()
    subprocess.run(args, cwd=clone, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    return time.perf_counter() - begin


def _cases(junit: Path) -> list[tuple[str, str, float]]:
    """(module, test name, seconds) for every test case in a JUnit report."""
    cases = []
    for case in ET.parse(junit).getroot().iter("testcase"):
        module = case.get("classname", "").replace(".", "/") + ".py"  # tests.test_x -> tests/test_x.py
        cases.append((module, case.get("name", ""), float(case.get("time", 0.0))))
    return cases


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pmcourse-suite-") as tmp:
        clone = Path(tmp) / "course"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        setup = _run(clone, ["python3", "-c", "import course; course.ensure_environment(dev=True)"])
        junit = Path(tmp) / "junit.xml"
        suite = _run(clone, ["python3", "course.py", "test", "-p", "no:cacheprovider", f"--junitxml={junit}"])
        cases = _cases(junit)
    per_module: dict[str, float] = defaultdict(float)
    for module, _, seconds in cases:
        per_module[module] += seconds
    lines = ["# Test suite timing", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/suite.py` on {_machine()}: "
             "a fresh clone, `python3 course.py test` once (pytest-xdist on every core, browser tests included).", "",
             "| step | wall time |", "| --- | --- |",
             f"| set-up: venv + pinned install (pip's cache as the machine has it) | {setup:.0f} s |",
             f"| the suite: {len(cases)} tests | {suite:.0f} s ({suite / 60:.1f} min) |", "",
             "Test time summed per module (the workers run in parallel, so the sum exceeds the wall time):", "",
             "| module | tests | seconds |", "| --- | --- | --- |"]
    counts: dict[str, int] = defaultdict(int)
    for module, _, _ in cases:
        counts[module] += 1
    lines += [f"| `{module}` | {counts[module]} | {seconds:.0f} |"
              for module, seconds in sorted(per_module.items(), key=lambda item: -item[1])]
    lines += ["", f"The {SLOWEST} slowest tests (a module's shared set-up, such as the self-test's batch or the "
              "JupyterLab server, counts in its first test):", "", "| test | seconds |", "| --- | --- |"]
    lines += [f"| `{module}::{name}` | {seconds:.1f} |"
              for module, name, seconds in sorted(cases, key=lambda case: -case[2])[:SLOWEST]]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(REPORT.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
