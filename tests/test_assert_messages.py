"""A failing assert with a message shows the message, not a traceback (pmcourse.assert_messages)."""

from __future__ import annotations

import ast

import pytest
from IPython.core.interactiveshell import InteractiveShell

from pmcourse import assert_messages
from pmcourse.checks import CheckFailed


def run(code: str) -> dict:
    tree = assert_messages.AssertToCheck().visit(ast.parse(code))
    namespace: dict = {}
    exec(compile(tree, "<cell>", "exec"), namespace)
    return namespace


def test_an_assert_with_a_message_fails_as_a_check_at_its_own_line():
    with pytest.raises(CheckFailed) as failure:
        run("x = 3\nassert x == 3, 'fine'\nassert (x ==\n    4), f'`x` should be four, not {x}'\n")
    assert str(failure.value) == "`x` should be four, not 3"
    assert failure.value._render_traceback_() == ["`x` should be four, not 3", "(the check on line 3 of this cell)"]
    assert isinstance(failure.value, AssertionError)  # scores and `except AssertionError` are unchanged


def test_a_passing_assert_and_a_bare_assert_behave_as_before():
    assert run("y = [1]\nassert y, 'a list'\n")["y"] == [1]
    with pytest.raises(AssertionError) as failure:
        run("assert 1 == 2\n")
    assert type(failure.value) is AssertionError


def test_asserts_inside_functions_and_handlers_are_rewritten_too():
    namespace = run("def f(v):\n    assert v > 0, 'positive'\n    return v\ntry:\n    f(-1)\n"
                    "except AssertionError as e:\n    caught = type(e).__name__, str(e)\n")
    assert namespace["caught"] == ("CheckFailed", "positive")


def test_installing_twice_registers_one_transformer():
    shell = InteractiveShell.instance()
    try:
        before = len(shell.ast_transformers)
        assert assert_messages.install(shell) is True
        assert assert_messages.install(shell) is False
        assert len(shell.ast_transformers) == before + 1
    finally:
        shell.ast_transformers[:] = [t for t in shell.ast_transformers
                                     if not isinstance(t, assert_messages.AssertToCheck)]
        InteractiveShell.clear_instance()
