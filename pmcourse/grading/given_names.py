"""Names a notebook's given code reads: each must be defined by earlier given code or asked of the learner.

A learner who answers an exercise correctly in their own words must not meet a NameError in the lines the
course wrote for them. So the given lines of an answer cell, the locked cells and the test cells may read
only builtins, names that earlier given code defines, and names the notebook's text asks the learner to
create (written in backticks, such as `nps_by_size` or `decide(low, high, boundary)`). A hidden test may
also read names its own cell defines, never one an earlier test cell left behind: every test stands alone.
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass

from nbformat import NotebookNode

from pmcourse.grading.cells import cell_kind, grade_id, split_secret_lines

KERNEL_NAMES = frozenset(dir(builtins)) | {"display", "get_ipython", "In", "Out"}
_ASKED = re.compile(r"`([A-Za-z_]\w*)")
_COMPOUND = (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try, ast.FunctionDef,
             ast.AsyncFunctionDef, ast.ClassDef, ast.Match)


@dataclass(frozen=True)
class UnknownName:
    """A name some given code reads that nothing before it defines and the notebook never asks for."""

    cell: str  # grade id or cell id
    part: str  # "given" or "hidden"
    names: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.cell} ({self.part} code) reads {', '.join(self.names)}"


def _stored(node: ast.AST) -> set[str]:
    """Every name a statement binds, including function arguments and comprehension variables."""
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and not isinstance(sub.ctx, ast.Load):
            names.add(sub.id)
        elif isinstance(sub, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in sub.names)
        elif isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(sub.name)
        elif isinstance(sub, ast.arg):
            names.add(sub.arg)
        elif isinstance(sub, ast.ExceptHandler) and sub.name:
            names.add(sub.name)
    return names


def _scoped(node: ast.AST) -> set[str]:
    """Names bound inside a nested scope of a statement (lambda arguments, comprehension variables)."""
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Lambda | ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
            names |= _stored(sub)
    return names


def read_before_defined(code: str, known: set[str]) -> tuple[set[str], set[str]]:
    """(names read before anything binds them, names the code binds), statement by statement.

    A simple statement must not read what it binds itself (`_s = _s[...]` reads an older `_s`); inside a
    compound statement (a loop, a function) any name it binds counts as bound.
    """
    unknown, bound = set(), set()
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]  # IPython magics
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return unknown, bound
    for stmt in tree.body:
        reads = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        allowed = known | bound | _scoped(stmt) | (_stored(stmt) if isinstance(stmt, _COMPOUND) else set())
        unknown |= reads - allowed
        bound |= _stored(stmt)
    return unknown, bound


def unknown_names(master: NotebookNode) -> list[UnknownName]:
    """Given and hidden code in a master notebook that reads a name neither given nor asked for."""
    given: set[str] = set(KERNEL_NAMES)
    asked: set[str] = set()
    found = []
    for cell in master.cells:
        if cell.cell_type == "markdown":
            asked |= set(_ASKED.findall(cell.source))
            continue
        if cell.cell_type != "code":
            continue
        where = grade_id(cell) or cell.get("id", "?")
        public, secret = split_secret_lines(cell.source)
        unknown, bound = read_before_defined("\n".join(public), given | asked)
        if unknown:
            found.append(UnknownName(where, "given", tuple(sorted(unknown))))
        if cell_kind(cell) == "autograded_test" and secret:
            hidden = "\n".join(line for line in secret if not line.strip().startswith("###"))
            missing, _ = read_before_defined(hidden, given | asked | bound)
            if missing:
                found.append(UnknownName(where, "hidden", tuple(sorted(missing))))
        given |= bound
    return found
