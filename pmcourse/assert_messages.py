"""In a notebook kernel, a failing `assert cond, "message"` shows its message, not a traceback.

Test cells state most checks as plain asserts. IPython prints an AssertionError as a full traceback, so
the learner's sentence came last in the Validate dialog, the feedback page and the command line, and
`nbgrader validate` cut long lines at 87 characters. An IPython AST transformer rewrites each assert
that has a message into `if not cond: raise CheckFailed(message)`: the same failure (CheckFailed is an
AssertionError, so scores do not change), rendered as the message wrapped to short lines and the line
of the cell. Asserts without a message keep their traceback, which is all they have to say.
"""

from __future__ import annotations

import ast
from typing import Any

_RAISE = "__import__('pmcourse.checks', fromlist=['CheckFailed']).CheckFailed"


class AssertToCheck(ast.NodeTransformer):
    """`assert test, msg` -> `if not test: raise CheckFailed(msg)`, at the assert's own line."""

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        self.generic_visit(node)
        if node.msg is None:
            return node
        check_failed = ast.parse(_RAISE, mode="eval").body
        for child in ast.walk(check_failed):  # at the assert's line, not line 1
            ast.copy_location(child, node)
        failure = ast.copy_location(ast.Call(func=check_failed, args=[node.msg], keywords=[]), node)
        test = ast.copy_location(ast.UnaryOp(op=ast.Not(), operand=node.test), node)
        stop = ast.copy_location(ast.Raise(exc=failure, cause=None), node)
        return ast.copy_location(ast.If(test=test, body=[stop], orelse=[]), node)


def install(shell: Any) -> bool:
    """Register the transformer in an IPython shell, once; say whether it was added."""
    if shell is None or any(isinstance(t, AssertToCheck) for t in shell.ast_transformers):
        return False
    shell.ast_transformers.append(AssertToCheck())
    return True
