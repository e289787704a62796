"""Checks that test cells call: clear messages for learners, exact types, and misconception hints.

Every check raises AssertionError with a message written for a learner and never prints the
expected value. Types are checked exactly (`type(x) is float`), so an object whose `==` always
answers True cannot pass. Misconception hints compare a fingerprint (a hash of the rounded value),
so the wrong answers they recognise are not readable in the notebook either.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any

import pandas as pd

FINGERPRINT_DECIMALS = 4


class CheckFailed(AssertionError):
    """A learner-facing failure: the message says what to look at, never the answer."""


def _type_name(kind: type | tuple[type, ...]) -> str:
    if isinstance(kind, tuple):
        return " or ".join(k.__name__ for k in kind)
    return kind.__name__


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _numpy_kind(value: Any) -> type | None:
    """The Python type a numpy scalar stands for (float, int or str), or None for anything else."""
    if type(value).__module__ != "numpy":
        return None
    import numpy as np

    for numpy_kind, python_kind in ((np.floating, float), (np.integer, int), (np.str_, str)):
        if isinstance(value, numpy_kind):
            return python_kind
    return None


def expect_type(value: Any, kind: type | tuple[type, ...], name: str) -> None:
    """Fail unless `value` is exactly of type `kind` (subclasses do not count).

    numpy's float, int and string scalars stand for Python's float, int and str: `df["x"].mean()` is a
    correct float. numpy's bool does not stand for a Python bool (`bool(...)` makes one).
    """
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if type(value) not in kinds and _numpy_kind(value) not in kinds:
        hint = ""
        if (int in kinds and isinstance(value, float | str)) or (float in kinds and isinstance(value, str)):
            hint = f" Convert it with {_type_name(kinds[0])}(...) if it holds a number."
        if type(value).__module__ == "numpy" and bool in kinds:
            hint = " Wrap it in bool(...) to turn a numpy bool into a Python bool."
        if value is None:
            hint = " Did the cell `print` the value instead of assigning it?"
        actual = type(value).__name__
        actual = f"numpy.{actual}" if type(value).__module__ == "numpy" else actual
        raise CheckFailed(f"`{name}` should be {_article(_type_name(kind))}, but it is {_article(actual)}.{hint}")


def expect_between(value: float, low: float, high: float, name: str, unit: str = "") -> None:
    """Fail unless low <= value <= high (a range check that does not reveal the answer)."""
    if not (isinstance(value, int | float) and math.isfinite(value) and low <= value <= high):
        unit = f" {unit}" if unit else ""
        raise CheckFailed(f"`{name}` should lie between {low} and {high}{unit}; it is {value!r}.")


def expect_series(value: Any, name: str, index_name: str | None = None, numeric: bool = True) -> None:
    """Fail unless `value` is a pandas Series with the given index name and (optionally) numeric values."""
    expect_type(value, pd.Series, name)
    if index_name is not None and value.index.name != index_name:
        raise CheckFailed(f"The index of `{name}` should be named {index_name!r} (it is {value.index.name!r}).")
    if numeric and not pd.api.types.is_numeric_dtype(value.dtype):
        raise CheckFailed(f"`{name}` should hold numbers, but its dtype is {value.dtype}.")


def expect_frame(value: Any, name: str, index_name: str | None = None,
                 columns: Iterable[str] | None = None) -> None:
    """Fail unless `value` is a DataFrame with the given index name and exactly these columns, in order."""
    expect_type(value, pd.DataFrame, name)
    if index_name is not None and value.index.name != index_name:
        raise CheckFailed(f"The index of `{name}` should be named {index_name!r} (it is {value.index.name!r}).")
    if columns is not None and list(value.columns) != list(columns):
        raise CheckFailed(f"`{name}` should have the columns {list(columns)} in that order; "
                          f"it has {list(value.columns)}.")


def expect_sorted_ints(value: Any, name: str) -> None:
    """Fail unless `value` is a list of Python ints in ascending order without repeats."""
    expect_type(value, list, name)
    if not all(type(item) is int for item in value):
        raise CheckFailed(f"Every item of `{name}` should be a Python int (use int(...) on numpy numbers).")
    if any(a >= b for a, b in pairwise(value)):
        raise CheckFailed(f"`{name}` should be in ascending order with no repeats.")


def _canonical(value: Any) -> str:
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int | float):
        return f"{float(value):.{FINGERPRINT_DECIMALS}f}"
    # Containers are read in label order, so a wrong answer is recognised however it is sorted.
    # By position, so repeated labels are read once each (a label lookup would return them all).
    if isinstance(value, pd.DataFrame):
        columns = sorted(range(value.shape[1]), key=lambda j: str(value.columns[j]))
        return "|".join(f"{value.columns[j]}:{_canonical(value.iloc[:, j])}" for j in columns)
    if isinstance(value, pd.Series):
        rows = sorted(range(len(value)), key=lambda i: str(value.index[i]))
        return ";".join(f"{value.index[i]}={_canonical(value.iloc[i])}" for i in rows)
    if isinstance(value, Mapping):
        return ";".join(f"{key}={_canonical(value[key])}" for key in sorted(value, key=str))
    if isinstance(value, list | tuple):
        return ",".join(_canonical(item) for item in value)
    if isinstance(value, set | frozenset):  # no order of its own: read sorted, like the sorted list
        return ",".join(sorted(_canonical(item) for item in value))
    if getattr(value, "ndim", 0) > 0 and hasattr(value, "tolist"):  # a numpy array: its values in order
        return _canonical(value.tolist())
    if hasattr(value, "item"):  # a numpy scalar
        return _canonical(value.item())
    return repr(value)


def fingerprint(value: Any) -> str:
    """A short hash of `value` rounded to FINGERPRINT_DECIMALS places; used to recognise wrong answers."""
    return hashlib.sha256(_canonical(value).encode("utf-8")).hexdigest()[:16]


def flag_misconceptions(value: Any, hints: Mapping[str, str]) -> None:
    """Fail with the hint whose fingerprint matches `value`: a known wrong answer, named without the right one."""
    try:
        key = fingerprint(value)
    except Exception:  # an exotic object cannot match a known wrong answer
        return
    if key in hints:
        raise CheckFailed(f"Not yet: {hints[key]}")


def _not_correct(name: str, tolerance: str) -> CheckFailed:
    return CheckFailed(f"`{name}` has the right shape but not the right value yet (checked to {tolerance}). "
                       "Re-read the definition above the exercise.")


def assert_close(value: Any, expected: float, tol: float, name: str) -> None:
    """Hidden-test check: `value` is a float or int within `tol` of `expected`."""
    expect_type(value, (float, int), name)
    if not (math.isfinite(value) and abs(value - expected) <= tol):
        raise _not_correct(name, f"within ±{tol:g}")


def assert_equal(value: Any, expected: Any, name: str) -> None:
    """Hidden-test check: exact equality of same-typed values (ints, strings, lists of them)."""
    expect_type(value, type(expected), name)
    if value != expected:
        raise _not_correct(name, "exact equality")


def assert_series_close(value: Any, expected: pd.Series, tol: float, name: str, check_order: bool = True) -> None:
    """Hidden-test check: same labels (in order, unless check_order=False) and values within `tol`."""
    expect_series(value, name, index_name=expected.index.name)
    if not check_order:
        value, expected = value.sort_index(), expected.sort_index()
    if list(value.index) != list(expected.index):
        raise _not_correct(name, "the labels and their order")
    if len(value) and float((value.astype(float) - expected.astype(float).to_numpy()).abs().max()) > tol:
        raise _not_correct(name, f"within ±{tol:g} per entry")


def assert_frame_close(value: Any, expected: pd.DataFrame, tol: float, name: str) -> None:
    """Hidden-test check: same index, same columns in order, every numeric cell within `tol`."""
    expect_frame(value, name, index_name=expected.index.name, columns=list(expected.columns))
    if list(value.index) != list(expected.index):
        raise _not_correct(name, "the row labels and their order")
    diff = (value.astype(float).to_numpy() - expected.astype(float).to_numpy())
    if diff.size and float(abs(diff).max()) > tol:
        raise _not_correct(name, f"within ±{tol:g} per cell")
