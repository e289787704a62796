"""Names a notebook's given code reads: each must be defined by earlier given code or asked of the learner.

A learner who answers an exercise correctly in their own words must not meet a NameError in the lines the
course wrote for them. So the given lines of an answer cell, the locked cells and the test cells may read
only builtins, names that earlier given code defines, and names the notebook's text asks the learner to
create (written in backticks, such as `nps_by_size` or `decide(low, high, boundary)`). A hidden test may
also read names its own cell defines, never one an earlier test cell left behind: every test stands alone.
The learner's own earlier value that a hidden test carries forward (`lambda: confirmed` given to
`pmcourse.carry_forward`) is optional: a NameError there falls back to the reference, so it is not counted.
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
_CARRY_OWN_ARG = {"own_or_reference": 0, "carried": 1, "check_carried": 3}  # where `own` goes, by position
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


def _optional_reads(node: ast.AST) -> set[int]:
    """ids of the Name nodes inside the `own` lambdas of carry-forward calls (optional by construction)."""
    skipped = set()
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
        if name not in _CARRY_OWN_ARG:
            continue
        position = _CARRY_OWN_ARG[name]
        own = [kw.value for kw in call.keywords if kw.arg == "own"]
        own += call.args[position:position + 1]
        for lam in own:
            if isinstance(lam, ast.Lambda):
                skipped |= {id(n) for n in ast.walk(lam.body) if isinstance(n, ast.Name)}
    return skipped


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
        optional = _optional_reads(stmt)
        reads = {n.id for n in ast.walk(stmt)
                 if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and id(n) not in optional}
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
