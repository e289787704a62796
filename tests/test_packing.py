"""Packing variants into one submission: only variants that cannot change each other's grades share one."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from pmcourse.grading.packing import pack, reach
from pmcourse.grading.variants import Variant


def cell(gid: str, source: str, grade: bool = False) -> nbformat.NotebookNode:
    made = new_code_cell(source)
    made.metadata["nbgrader"] = {"grade_id": gid, "grade": grade, "solution": not grade, "points": 1 if grade else 0}
    return made


NOTEBOOK = new_notebook(cells=[
    cell("setup", "table = load('t')"),
    cell("ex1-answer", "clean = table.dropna()"),
    cell("ex1-test", "_a = load('t')\nassert len(clean) > 0, 'rows'", grade=True),
    cell("ex2-answer", "total = clean['x'].sum()"),
    cell("ex2-test", "_a = load('t').dropna()\nassert total > 0, 'total'", grade=True),
    cell("ex3-answer", "share = float(table['y'].mean())"),
    cell("ex3-test", "_a = 1\nassert 0 <= share <= 1, 'share'", grade=True),
    cell("ex4-answer", "top = table.nlargest(3, 'x')"),
    cell("ex4-test", "assert len(top) == 3, 'three'", grade=True),
])


def variant(name: str, gid: str, code: str, lose: tuple[str, ...] = ()) -> Variant:
    return Variant(name=name, cell=gid, code=code, expect="lose" if lose else "full", lose=lose, hint=None)


def test_a_rewritten_answer_reaches_every_later_cell_that_reads_what_it_assigns():
    slip = variant("no dropna", "ex1-answer", "clean = table", ("ex1-test",))
    assert reach(NOTEBOOK, slip) == {"ex1-answer", "ex1-test", "ex2-answer", "ex2-test"}
    assert reach(NOTEBOOK, variant("mean of x", "ex3-answer", "share = float(table['x'].mean())", ("ex3-test",))) \
        == {"ex3-answer", "ex3-test"}


def test_a_test_cells_private_names_carry_nothing_to_later_tests():
    """Every hidden test sets its own `_a`; reading one test's `_a` later would be an earlier test's leftover."""
    assert "ex3-test" not in reach(NOTEBOOK, variant("rows", "ex1-answer", "clean = table.head()", ("ex1-test",)))


def test_changing_a_table_in_place_reaches_the_cells_that_read_the_table():
    in_place = variant("drops in place", "ex3-answer", "table.dropna(inplace=True)\nshare = 0.5", ("ex3-test",))
    assert {"ex4-answer", "ex4-test"} <= reach(NOTEBOOK, in_place)
    new_column = variant("adds a column", "ex3-answer", "table['z'] = 1\nshare = 0.5", ("ex3-test",))
    assert {"ex4-answer", "ex4-test"} <= reach(NOTEBOOK, new_column)


def test_only_variants_with_disjoint_reaches_share_a_submission():
    early = variant("no dropna", "ex1-answer", "clean = table", ("ex1-test",))
    middle = variant("sum of y", "ex2-answer", "total = clean['y'].sum()", ("ex2-test",))
    leaf = variant("mean of x", "ex3-answer", "share = float(table['x'].mean())", ("ex3-test",))
    same_cell = variant("median of y", "ex3-answer", "share = float(table['y'].median())", ("ex3-test",))
    other_leaf = variant("head", "ex4-answer", "top = table.head(3)")
    packs = pack(NOTEBOOK, [early, middle, leaf, same_cell, other_leaf])
    assert [[v.name for v in members] for members in packs] == [
        ["no dropna", "mean of x", "head"], ["sum of y", "median of y"]]


def test_code_that_does_not_parse_is_taken_to_touch_every_name_it_mentions():
    broken = variant("syntax error", "ex3-answer", "share = (table['x'].mean(", ("ex3-test",))
    assert {"ex4-answer", "ex4-test"} <= reach(NOTEBOOK, broken)
