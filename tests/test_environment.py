"""The environment files agree, the README's commands are the ones CI runs, and nbgrader's extensions load."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pmcourse.grading.course import COURSE_ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([A-Za-z0-9_.\-+]+)$")


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = PIN.match(line)
        assert match, f"not an exact pin: {line!r}"
        pins[match.group(1).lower()] = match.group(2)
    return pins


def _environment_yml_pins() -> dict[str, str]:
    text = (COURSE_ROOT / "environment.yml").read_text()
    pip_block = text.split("- pip:", 1)[1]
    return _pins([line.strip()[2:] for line in pip_block.splitlines() if line.strip().startswith("- ")])


def test_environment_yml_has_the_same_pins_as_requirements():
    requirements = _pins((COURSE_ROOT / "requirements.txt").read_text().splitlines())
    assert requirements, "requirements.txt pins nothing"
    assert _environment_yml_pins() == requirements


def test_installed_packages_match_the_pins():
    from importlib.metadata import version

    requirements = _pins((COURSE_ROOT / "requirements-dev.txt").read_text().splitlines())
    requirements |= _pins((COURSE_ROOT / "requirements.txt").read_text().splitlines())
    wrong = {name: (pinned, version(name)) for name, pinned in requirements.items() if version(name) != pinned}
    assert wrong == {}, "run `python3 course.py test` to reinstall the pinned packages"


def test_ci_runs_the_readme_test_command():
    readme = (COURSE_ROOT / "README.md").read_text()
    ci = (COURSE_ROOT / ".ci" / "run").read_text()
    for command in ("python3 course.py lab", "python3 course.py test"):
        assert command in readme
    assert "python3 course.py test" in ci


def _jupyter(*args: str) -> str:
    jupyter = Path(sys.executable).parent / "jupyter"
    result = subprocess.run([str(jupyter), *args], capture_output=True, text=True, cwd=COURSE_ROOT, check=True)
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


def test_nbgrader_extensions_are_enabled_in_jupyterlab():
    lab = _jupyter("labextension", "list")
    assert re.search(r"@jupyter/nbgrader v\S+ enabled\s+OK", lab), lab
    server = _jupyter("server", "extension", "list")
    for extension in ("formgrader", "validate_assignment", "assignment_list", "course_list"):
        assert re.search(rf"nbgrader\.server_extensions\.{extension} enabled", server), server


def test_code_is_ruff_clean():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "."], cwd=COURSE_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_course_kernels_skip_the_slow_optional_grammar_import():
    """Importing pmcourse keeps plotly's renderer set-up from compiling rfc3987_syntax's grammar (~2 s)."""
    code = "import pmcourse, plotly.io as pio; pio.renderers.default; import sys; print('lark' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_pytest_xdist_keeps_a_group_on_one_worker(tmp_path):
    """The suite's budget rests on xdist_group: one JupyterLab, one batch per assignment. pytest-xdist 3.8
    silently ignores groups under pytest 9.2 (it renames the node id it writes to); this catches that."""
    (tmp_path / "test_groups.py").write_text(
        "import os, pathlib, time, pytest\n"
        "GROUPED = [pytest.param(n, marks=pytest.mark.xdist_group(f'g{n // 4}')) for n in range(8)]\n"
        "@pytest.mark.parametrize('n', GROUPED)\n"
        "def test_n(n):\n"
        "    time.sleep(0.2)\n"
        "    with (pathlib.Path(__file__).parent / 'workers.txt').open('a') as log:\n"
        "        log.write(f\"WORKER {n // 4} {os.environ['PYTEST_XDIST_WORKER']}\\n\")\n")
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-q",
                          "-p", "no:cacheprovider", str(tmp_path / "test_groups.py")],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    workers: dict[str, set[str]] = {}
    for line in (tmp_path / "workers.txt").read_text().splitlines():
        if line.startswith("WORKER"):
            _, group, worker = line.split()
            workers.setdefault(group, set()).add(worker)
    assert set(workers) == {"0", "1"} and all(len(w) == 1 for w in workers.values()), workers
