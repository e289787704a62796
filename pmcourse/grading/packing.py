"""Pack independent variants of a notebook into one submission, so the self-test runs fewer notebooks.

A variant rewrites one answer cell; what it can change is that cell and every later cell that reads, directly
or through other given cells, a name the rewritten code assigns (a hidden test reads the learner's names
too, through carry-forward). Two variants whose reaches (those cells, plus the test cells the variants file
says they lose) do not meet cannot change each other's grades, so one notebook holding both is graded
exactly as each alone: every cell keeps the score and the output it has in the variant that reaches it.
The analysis over-approximates (any name read anywhere in a cell counts), so it only ever packs less.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

from nbformat import NotebookNode

from pmcourse.grading.cells import grade_id, nbgrader_meta
from pmcourse.grading.variants import Variant


def _base(node: ast.expr) -> set[str]:
    """The name an attribute or subscript chain starts from (`a` in `a.b["c"]`), if any."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return {node.id} if isinstance(node, ast.Name) else set()


def _names(source: str) -> tuple[set[str], set[str]]:
    """(names read, names bound) anywhere in `source`; unparsable code reads and binds everything it mentions."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        words = set(re.findall(r"[A-Za-z_]\w*", source))
        return words, words
    read, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.Subscript | ast.Attribute) and not isinstance(node.ctx, ast.Load):
            bound.update(_base(node))  # table["col"] = …, obj.attr = …: the table itself changes
        elif isinstance(node, ast.Call) and any(k.arg == "inplace" for k in node.keywords):
            bound.update(_base(node.func))  # table.drop(…, inplace=True)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
    return read, bound


def reach(nb: NotebookNode, variant: Variant) -> set[str]:
    """The cells (grade ids, or cell ids of ungraded cells) whose outcome `variant` can change."""
    ids = [grade_id(cell) or cell.get("id", str(i)) for i, cell in enumerate(nb.cells)]
    start = ids.index(variant.cell)
    changed = _names(variant.code)[1] | _names(nb.cells[start].source)[1]
    reached = {variant.cell, *variant.lose, *variant.also_lose}
    for cell, key in zip(nb.cells[start + 1:], ids[start + 1:], strict=True):
        if cell.cell_type != "code":
            continue
        read, bound = _names(cell.source)
        if read & changed:
            reached.add(key)
            if not nbgrader_meta(cell).get("grade"):  # test cells stand alone: nothing later reads their names
                changed |= {name for name in bound if not name.startswith("_")}
    return reached


def pack(nb: NotebookNode, variants: Sequence[Variant]) -> list[list[Variant]]:
    """Variants of one notebook in packs whose reaches are disjoint, first fit, in file order."""
    packs: list[tuple[list[Variant], set[str]]] = []
    for variant in variants:
        cells = reach(nb, variant)
        for members, taken in packs:
            if not cells & taken:
                members.append(variant)
                taken |= cells
                break
        else:
            packs.append(([variant], set(cells)))
    return [members for members, _ in packs]
