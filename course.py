#!/usr/bin/env python3
"""One entry point for PM Analytics Lab: set up the environment, open the course, test it, rebuild it.

Uses only the standard library, so it runs on a fresh machine with nothing but Python 3.11+:

    python3 course.py lab      # create .venv and your working copy my-work/ if needed, then open it in JupyterLab
    python3 course.py update   # bring a course update into my-work/ (lab does this too); never overwrites your work
    python3 course.py progress # grade your my-work/ notebooks: Correct / Not yet / Not attempted per exercise
    python3 course.py test     # create .venv (with test tools) if needed, then run the whole test suite
    python3 course.py lab --instructor  # instructors: JupyterLab on the whole course folder, for Formgrader
    python3 course.py build    # regenerate datasets/ and notebooks/ from the generator and solutions/
    python3 course.py grade    # instructors: batch autograde, feedback, export, report, demo (--help)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".pmcourse-installed"
MIN_PYTHON = (3, 11)


def _digest(*names: str) -> str:
    digest = hashlib.sha256()
    for name in (*names, "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment(dev: bool) -> None:
    """Create .venv and install the pinned packages unless the same pins are already installed."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"PM Analytics Lab needs Python {'.'.join(map(str, MIN_PYTHON))}+; this is {sys.version.split()[0]}.")
    # A dev install satisfies a plain one too, so the stamp lists every set of pins it covers.
    satisfied = {"run:" + _digest("requirements.txt")}
    if dev:
        satisfied = {"dev:" + _digest("requirements.txt", "requirements-dev.txt")}
    installed = set(STAMP.read_text().split()) if STAMP.exists() else set()
    if satisfied & installed:
        return
    if not (BIN / "python").exists():
        print(f"Creating the course environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    req = "requirements-dev.txt" if dev else "requirements.txt"
    print(f"Installing pinned packages from {req} (about a minute the first time) ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    result = subprocess.run([*pip, "-r", str(ROOT / req), "-e", str(ROOT)], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:  # pip's and setuptools' chatter is only worth reading when the install failed
        sys.exit(f"{result.stdout}{result.stderr}\nInstalling the course's packages failed "
                 f"(pip exit {result.returncode}).")
    stamp = {"run:" + _digest("requirements.txt")}
    if dev:
        stamp.add("dev:" + _digest("requirements.txt", "requirements-dev.txt"))
    STAMP.write_text("\n".join(sorted(stamp)) + "\n")


def venv_env() -> dict[str, str]:
    """The environment of an activated .venv: nbgrader shells out to `alembic`, which must be on PATH."""
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONHOME", None)
    return env


def run_in_venv(args: list[str]) -> int:
    return subprocess.call(args, cwd=ROOT, env=venv_env())


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "lab" and "--instructor" in rest:
        ensure_environment(dev=False)
        rest.remove("--instructor")  # the whole course folder: Formgrader opens the masters from here
        return run_in_venv([str(BIN / "jupyter"), "lab", "--notebook-dir", str(ROOT),
                            "--LabApp.default_url=/lab/tree/notebooks", *rest])
    if command == "lab":
        ensure_environment(dev=False)
        # The learner works in my-work/, which course updates never overwrite; notebooks/ is the release.
        # JupyterLab runs from the course folder so nbgrader's Validate finds nbgrader_config.py.
        if run_in_venv([str(BIN / "python"), "-m", "pmcourse.learner", "update"]) != 0:
            return 1
        return run_in_venv([str(BIN / "jupyter"), "lab", "--notebook-dir", str(ROOT / "my-work"), *rest])
    if command in {"update", "progress"}:
        ensure_environment(dev=False)
        return run_in_venv([str(BIN / "python"), "-m", "pmcourse.learner", command, *rest])
    if command == "test":
        ensure_environment(dev=True)
        return run_in_venv([str(BIN / "python"), "-m", "pytest", *rest])
    if command == "build":
        ensure_environment(dev=False)
        return run_in_venv([str(BIN / "python"), "-m", "pmcourse.build", *rest])
    if command == "grade":
        ensure_environment(dev=False)
        return run_in_venv([str(BIN / "python"), "-m", "pmcourse.instructor", *rest])
    print(f"Unknown command {command!r}.\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
