"""The fingerprint tool computes, from the frozen data, the hashes of the hint tables test cells look up."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import nbformat
import numpy as np
import pandas as pd
import pytest

from pmcourse import checks
from pmcourse.checks import TABLE_LOOKUP, CheckFailed, fingerprint, flag_misconceptions, known_mistakes
from pmcourse.grading.cells import cells_by_grade_id, split_secret_lines
from pmcourse.grading.course import COURSE_ROOT
from pmcourse.grading.hints import assigned_names, variant_fingerprints
from pmcourse.grading.variants import load_variants

ASSIGNMENT = "00-orientation"


def test_fingerprints_of_a_lose_variant_are_the_ones_in_its_test_cells():
    variants = load_variants(COURSE_ROOT / "tests" / "variants" / f"{ASSIGNMENT}.toml", ["pm_job_in_data"])
    variant = next(v for v in variants if v.name == "cancelled entries kept")
    keys = variant_fingerprints(ASSIGNMENT, variant)
    assert set(keys) == {"confirmed", "n_confirmed", "total_hours"}
    assert keys["n_confirmed"] in known_mistakes()["ex1-test-count"]
    assert keys["total_hours"] in known_mistakes()["ex1-test-hours"]


def test_each_test_cell_looks_up_its_own_hint_table_and_no_table_is_unused():
    """A visible test cell names its table by its own grade id; every table is used by the cell it is named for."""
    used, problems = set(), []
    for path in sorted(COURSE_ROOT.glob("solutions/*/*.ipynb")):
        for gid, cell in cells_by_grade_id(nbformat.read(str(path), as_version=4)).items():
            shown = "\n".join(split_secret_lines(cell.source)[0])
            for table in TABLE_LOOKUP.findall(shown):
                used.add(table)
                if table != gid:
                    problems.append(f"{path.stem}/{gid} looks up the table of {table}")
                if table not in known_mistakes():
                    problems.append(f"{path.stem}/{gid}: no table [{table}] in pmcourse/known_mistakes/")
            if re.search(r'^\s*"[0-9a-f]{16}":', shown, re.M):
                problems.append(f"{path.stem}/{gid}: a hint table in the test cell (move it to known_mistakes/)")
    assert problems == []
    assert sorted(set(known_mistakes()) - used) == []


def test_a_grade_id_looks_up_its_table(monkeypatch):
    assert all(len(key) == 16 and set(key) <= set("0123456789abcdef")
               for table in known_mistakes().values() for key in table)
    monkeypatch.setattr(checks, "known_mistakes", lambda: {"ex9-test-share": {fingerprint(87.25): "cancelled kept"}})
    with pytest.raises(CheckFailed, match="cancelled kept"):
        flag_misconceptions(87.25, "ex9-test-share")
    flag_misconceptions(78.5, "ex9-test-share")


def test_assigned_names_reads_top_level_assignments_in_order():
    code = "a = 1\nb, c = 2, 3\nd: int = 4\nfor i in range(2):\n    e = i\na += 1\n"
    assert assigned_names(code) == ["a", "b", "c", "d"]


def test_fingerprint_ignores_order_and_float_noise_but_not_values():
    series = pd.Series({"b": 2.0, "a": 1.0})
    assert fingerprint(series) == fingerprint(series.sort_index())
    assert fingerprint(0.30000000001) == fingerprint(0.3)
    assert fingerprint(0.3) != fingerprint(0.31)
    assert fingerprint([1, 2]) != fingerprint([2, 1])


def test_flag_misconceptions_names_the_mistake_and_ignores_exotic_objects():
    hints = {fingerprint(87.25): "this keeps the cancelled entries"}
    try:
        flag_misconceptions(87.25, hints)
    except CheckFailed as failure:
        assert "cancelled" in str(failure) and "87" not in str(failure)
    else:
        raise AssertionError("a known wrong value was not flagged")
    flag_misconceptions(78.5, hints)  # a value with no hint passes silently

    class EqualsEverything:
        def __eq__(self, other):
            return True

        __hash__ = object.__hash__

    flag_misconceptions(EqualsEverything(), hints)


def test_a_set_has_one_fingerprint_whatever_its_iteration_order():
    """Sets of strings iterate in a different order in every Python process (hash randomisation)."""
    items = {"KB-108", "KB-111", "KB-113", "KB-115"}
    code = f"from pmcourse.checks import fingerprint; print(fingerprint({items!r}))"
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert seen == {fingerprint(sorted(items)) + "\n"}


def test_a_numpy_array_fingerprints_like_the_list_of_its_values():
    assert fingerprint(np.array([0.1, 0.25])) == fingerprint([0.1, 0.25])
    assert fingerprint(np.float64(0.5)) == fingerprint(0.5)


def test_repeated_labels_fingerprint_without_recursion_and_by_value():
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0]}, index=["a", "a", "b"])
    assert fingerprint(frame) == fingerprint(frame.copy())
    assert fingerprint(frame) != fingerprint(frame.assign(x=[1.0, 2.0, 4.0]))
    assert fingerprint(pd.Series([1.0, 2.0], index=["a", "b"])) == fingerprint({"b": 2.0, "a": 1.0})
