"""Read a learner's code cell for attempts to game the grader, before nbgrader runs it.

nbgrader scores a test cell by whether it raised. Code in the same kernel can make a failing test
look passed: hooks on IPython, redefined builtins or check helpers, values whose `==` is always True,
code built from strings. The lint reads the cell's syntax tree (it never runs it) and names each
such construct; `preprocessors.LintSubmission` then keeps the cell from running.

The rules aim at the machinery the tests use, not at ordinary pandas: reading a column called `type`,
setting `pd.options` or storing a number in a variable called `sum` is not flagged.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass

# Names that reach the kernel, the grader or the interpreter's internals.
FORBIDDEN_NAMES = {
    "get_ipython": "reaches into the IPython kernel",
    "__builtins__": "changes Python's builtins",
    "__import__": "imports a module by a computed name",
    "eval": "runs code built from a string",
    "exec": "runs code built from a string",
    "compile": "runs code built from a string",
    "globals": "edits the notebook's namespace directly",
    "locals": "edits the notebook's namespace directly",
    "vars": "edits the notebook's namespace directly",
    "setattr": "changes attributes by name",
    "delattr": "deletes attributes by name",
}
FORBIDDEN_MODULES = {
    "builtins": "changes Python's builtins",
    "IPython": "reaches into the IPython kernel",
    "ipykernel": "reaches into the IPython kernel",
    "importlib": "imports modules by a computed name",
    "inspect": "inspects the grader's frames and code",
    "gc": "reaches objects through the garbage collector",
}
FORBIDDEN_ATTRIBUTES = {
    "__dict__", "__globals__", "__code__", "__subclasses__", "__builtins__", "__class__", "__bases__",
    "__closure__", "__getattribute__", "f_globals", "f_locals", "f_back", "excepthook", "modules",
    "set_custom_exc", "showtraceback", "custom_exceptions", "ast_transformers", "input_transformers_post",
    "input_transformer_manager", "events",
}
# A value whose comparisons or type checks lie defeats `==` and isinstance in the tests.
LYING_METHODS = {
    "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__instancecheck__",
    "__subclasscheck__", "__abs__", "__float__", "__round__", "__len__", "__getattr__",
}
BUILTIN_NAMES = {name for name in dir(builtins) if not name.startswith("_")}
# Attribute chains under a module that are settings, not functions: setting them is ordinary use.
SETTINGS = {"options", "rcParams", "defaults", "templates", "renderers"}


@dataclass(frozen=True)
class Finding:
    """One construct in a cell that could game the grader, with the line it is on."""

    rule: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message} ({self.rule})"


def _bindings(node: ast.Import | ast.ImportFrom) -> list[tuple[str, str]]:
    """(name bound, what it is bound to) for each alias of an import statement."""
    if isinstance(node, ast.Import):
        return [(alias.asname, alias.name) if alias.asname else (alias.name.split(".")[0], alias.name.split(".")[0])
                for alias in node.names]
    return [(alias.asname or alias.name, f"{node.module}.{alias.name}") for alias in node.names]


def imported_names(sources: list[str]) -> dict[str, str]:
    """What the instructor's cells import, name -> module: the names test cells rely on."""
    names: dict[str, str] = {}
    for source in sources:
        try:
            tree = ast.parse(_without_allowed_magics(source))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names.update(_bindings(node))
    return names


def _root_name(node: ast.expr) -> tuple[str | None, list[str]]:
    """For `a.b.c`, ("a", ["b", "c"]); for anything not rooted in a plain name, (None, path)."""
    path: list[str] = []
    while isinstance(node, ast.Attribute):
        path.insert(0, node.attr)
        node = node.value
    return (node.id if isinstance(node, ast.Name) else None), path


class _Reader(ast.NodeVisitor):
    def __init__(self, protected: dict[str, str]) -> None:
        self.protected = protected
        self.findings: list[Finding] = []

    def flag(self, node: ast.AST, rule: str, message: str) -> None:
        self.findings.append(Finding(rule, getattr(node, "lineno", 0), message))

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in FORBIDDEN_NAMES:
            self.flag(node, "forbidden-name", f"`{node.id}` {FORBIDDEN_NAMES[node.id]}")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in FORBIDDEN_ATTRIBUTES:
            self.flag(node, "forbidden-attribute", f"`.{node.attr}` reaches the interpreter's or kernel's internals")
        self.generic_visit(node)

    def _check_import(self, node: ast.Import | ast.ImportFrom) -> None:
        modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        for module in modules:
            top = module.split(".")[0]
            if top in FORBIDDEN_MODULES:
                self.flag(node, "forbidden-import", f"importing `{module}` {FORBIDDEN_MODULES[top]}")
        for name, target in _bindings(node):
            if target in {"sys.modules", "sys.excepthook"}:
                self.flag(node, "forbidden-import", f"importing `{target}` reaches the interpreter's internals")
            if name in BUILTIN_NAMES:
                self.flag(node, "shadowed-builtin", f"`import ... as {name}` replaces the builtin `{name}`")
            elif name in self.protected and self.protected[name] != target:
                self.flag(node, "rebound-module", f"importing `{target}` as `{name}` replaces a module the tests use")

    def visit_Import(self, node: ast.Import) -> None:
        self._check_import(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self._check_import(node)

    def _check_target(self, node: ast.AST, target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Tuple | ast.List):
            for item in target.elts:
                self._check_target(node, item, None)
            return
        if isinstance(target, ast.Name):
            if target.id in self.protected:
                self.flag(node, "rebound-module", f"assigning to `{target.id}` replaces a module the tests use")
            elif target.id in BUILTIN_NAMES and isinstance(value, ast.Lambda):
                self.flag(node, "shadowed-builtin", f"`{target.id} = lambda ...` replaces the builtin `{target.id}`")
        elif isinstance(target, ast.Attribute):
            root, path = _root_name(target)
            if root in self.protected and not SETTINGS & set(path):
                self.flag(node, "patched-module",
                          f"assigning to `{root}.{'.'.join(path)}` changes a module the tests use")

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._check_target(node, target, node.value)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._check_target(node, node.target, None)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._check_target(node, node.target, node.value)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._check_target(node, target, None)
        self.generic_visit(node)

    def _check_definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        if node.name in BUILTIN_NAMES or node.name in self.protected:
            self.flag(node, "shadowed-builtin", f"defining `{node.name}` replaces the builtin or module `{node.name}`")

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._check_definition(node)
        self.generic_visit(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._check_definition(node)
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._check_definition(node)
        for item in node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name in LYING_METHODS:
                self.flag(item, "lying-value", f"a class defining `{item.name}` can make a wrong value pass a check")
            if isinstance(item, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id in LYING_METHODS for t in item.targets):
                self.flag(item, "lying-value", "a class that redefines comparisons can make a wrong value pass a check")
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            if name in BUILTIN_NAMES or name in self.protected:
                self.flag(node, "shadowed-builtin", f"`global {name}` lets a function replace `{name}`")


def lint_source(source: str, protected: dict[str, str] | None = None) -> list[Finding]:
    """The grader-gaming constructs in one cell's code; `protected` maps the names the tests import to modules.

    Magics other than the harmless ones in ALLOWED_MAGICS and shell escapes (`!cmd`) reach the kernel outside
    Python and are flagged. A cell that does not parse otherwise is left to the kernel, which reports the
    syntax error as the learner would see it.
    """
    plain = _without_allowed_magics(source)
    magic = [number for number, line in enumerate(plain.splitlines(), start=1) if line.lstrip().startswith(("%", "!"))]
    if magic:
        return [Finding("magic", magic[0], "IPython magics and shell commands reach the kernel outside Python")]
    try:
        tree = ast.parse(plain)
    except SyntaxError:
        return []
    reader = _Reader(dict(protected or {}))
    reader.visit(tree)
    return sorted(set(reader.findings), key=lambda f: (f.line, f.rule, f.message))


# Magics that run no code of their own (the cell magics time the Python below them, which is linted).
ALLOWED_MAGICS = ("%matplotlib", "%%time")


def _without_allowed_magics(source: str) -> str:
    """The source with harmless magic lines blanked (kept as empty lines so line numbers still match)."""
    return "\n".join("" if line.lstrip().startswith(ALLOWED_MAGICS) else line for line in source.splitlines())
