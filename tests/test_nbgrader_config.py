"""nbgrader_config.py sets the course up for nbgrader's own commands, and its safety settings work."""

from __future__ import annotations

import copy
import subprocess

from pmcourse.grading.course import COURSE_ROOT, load_config
from pmcourse.grading.selftest import full_marks_problems, solution_notebooks


def test_config_points_nbgrader_at_the_course_folders():
    config = load_config(COURSE_ROOT)
    assert config.CourseDirectory.source_directory == "solutions"
    assert config.CourseDirectory.release_directory == "notebooks"
    assert config.CourseDirectory.db_url.startswith(f"sqlite:///{COURSE_ROOT / '.nbgrader'}")
    assert config.Exchange.root.startswith(str(COURSE_ROOT / ".nbgrader"))
    assert config.Execute.timeout > 0
    assert config.OverwriteCells.add_missing_cells is True


def test_nbgrader_state_folders_are_ignored_by_git():
    paths = [".nbgrader/gradebook.db", ".nbgrader/exchange/x", "submitted/s/a/n.ipynb",
             "autograded/s/a/n.ipynb", "feedback/s/a/n.html"]
    result = subprocess.run(["git", "check-ignore", *paths], cwd=COURSE_ROOT, capture_output=True, text=True)
    assert result.stdout.split() == paths


def _solution_with(sandbox, change):
    assignment = "00-orientation"
    notebooks = solution_notebooks(sandbox, assignment)
    name = next(iter(notebooks))
    notebooks[name] = change(copy.deepcopy(notebooks[name]))
    return assignment, notebooks


def test_copy_pasted_graded_cell_does_not_stop_the_batch(fresh_sandbox):
    """nbgrader #1083: a duplicate grade id used to abort autograde for the whole class."""
    def paste_twice(nb):
        test_cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "ex1-test-count")
        pasted = copy.deepcopy(test_cell)
        pasted.id = "pasted-copy"
        nb.cells.insert(2, pasted)
        return nb

    assignment, notebooks = _solution_with(fresh_sandbox, paste_twice)
    fresh_sandbox.submit(assignment, "paster", notebooks)
    fresh_sandbox.submit(assignment, "next-student", solution_notebooks(fresh_sandbox, assignment))
    assert full_marks_problems(fresh_sandbox.autograde(assignment, "paster")) == []
    assert full_marks_problems(fresh_sandbox.autograde(assignment, "next-student")) == []


def test_deleted_test_cell_is_restored_and_graded(fresh_sandbox):
    def delete_tests(nb):
        nb.cells = [c for c in nb.cells
                    if not c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("ex3-test")]
        return nb

    def delete_tests_and_answer_wrongly(nb):
        nb = delete_tests(nb)
        answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "ex3-answer")
        answer.source = "strategy_share = 0.5"
        return nb

    assignment, notebooks = _solution_with(fresh_sandbox, delete_tests)
    fresh_sandbox.submit(assignment, "deleter", notebooks)
    restored = fresh_sandbox.autograde(assignment, "deleter").cell("ex3-test-share")
    assert restored.score == restored.max_score > 0

    assignment, notebooks = _solution_with(fresh_sandbox, delete_tests_and_answer_wrongly)
    fresh_sandbox.submit(assignment, "deleter-wrong", notebooks)
    restored = fresh_sandbox.autograde(assignment, "deleter-wrong").cell("ex3-test-share")
    assert restored.score == 0, "the restored test must really run, not hand out its points"


def test_local_settings_override_the_course_config(tmp_path):
    """An instructor's nbgrader_config.local.py (ignored by git) is read after the course's settings."""
    import shutil

    shutil.copy2(COURSE_ROOT / "nbgrader_config.py", tmp_path)
    assert load_config(tmp_path).CourseDirectory.course_id == "pm-analytics-lab"
    (tmp_path / "nbgrader_config.local.py").write_text('c.CourseDirectory.course_id = "spring-cohort"\n')
    config = load_config(tmp_path)
    assert config.CourseDirectory.course_id == "spring-cohort"
    assert config.CourseDirectory.source_directory == "solutions"
    assert config.CourseDirectory.db_url == f"sqlite:///{tmp_path / '.nbgrader' / 'gradebook.db'}"
