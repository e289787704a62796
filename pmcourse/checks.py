"""Checks that test cells call: clear messages for learners, exact types, and misconception hints.

Every check raises AssertionError with a message written for a learner and never prints the
expected value. Types are checked exactly (`type(x) is float`), so an object whose `==` always
answers True cannot pass. Misconception hints compare a fingerprint (a hash of the rounded value),
so the wrong answers they recognise are not readable in the notebook either.
"""

from __future__ import annotations

import hashlib
import math
import numbers
import re
import textwrap
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from itertools import pairwise
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from pmcourse.carry_forward import carried, check_carried, own_or_reference  # noqa: F401  (used by hidden tests)

FINGERPRINT_DECIMALS = 4


class CheckFailed(AssertionError):
    """A learner-facing failure: the message says what to look at, never the answer.

    In a notebook it shows as the message alone, wrapped to short lines (no traceback to read past, and
    nothing for `nbgrader validate` to cut at its line width), then the line of the cell that failed.
    """

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of a traceback
        lines = textwrap.wrap(str(self), width=80) or [type(self).__name__]
        line = _cell_line(self.__traceback__)
        return [*lines, f"(the check on line {line} of this cell)"] if line else lines


def _cell_line(tb: TracebackType | None) -> int | None:
    """The line of the notebook cell (not of this module or a library) where a check was called."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "site-packages" not in filename and not filename.startswith(str(Path(__file__).parent)):
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


def _type_name(kind: type | tuple[type, ...]) -> str:
    if isinstance(kind, tuple):
        return " or ".join(k.__name__ for k in kind)
    return kind.__name__


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _quoted(name: str) -> str:
    """A variable name in backticks; a description that already quotes one ("the `users` column") as it is."""
    return name if "`" in name else f"`{name}`"


def _within(tol: float, per: str = "") -> str:
    """How closely a hidden check compared: "exactly" for a zero tolerance, else "within ±tol per …"."""
    return "exactly" if tol == 0 else f"to within ±{tol:g}{per}"


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
        if int in kinds and isinstance(value, float) and not float(value).is_integer():
            hint = " It has a fractional part: is it the whole number the definition asks for?"
        elif (int in kinds and isinstance(value, float | str)) or (float in kinds and isinstance(value, int | str)):
            hint = f" Convert it with {_type_name(kinds[0])}(...) if it holds a number."
        if type(value).__module__ == "numpy" and bool in kinds:
            hint = " Wrap it in bool(...) to turn a numpy bool into a Python bool."
        if value is None:
            hint = " Did the cell `print` the value instead of assigning it?"
        actual = type(value).__name__
        actual = f"numpy.{actual}" if type(value).__module__ == "numpy" else actual
        wanted = _article(_type_name(kind))
        raise CheckFailed(f"{_quoted(name)} should be {wanted}, but it is {_article(actual)}.{hint}")


def expect_between(value: float, low: float, high: float, name: str, unit: str = "") -> None:
    """Fail unless low <= value <= high (a range check that does not reveal the answer)."""
    if not (isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)
            and low <= value <= high):
        unit = f" {unit}" if unit else ""
        raise CheckFailed(f"{_quoted(name)} should lie between {low} and {high}{unit}; it is {value!r}.")


def expect_series(value: Any, name: str, index_name: str | None = None, numeric: bool = True) -> None:
    """Fail unless `value` is a pandas Series with the given index name and (optionally) numeric values."""
    expect_type(value, pd.Series, name)
    if index_name is not None and value.index.name != index_name:
        raise CheckFailed(f"The index of {_quoted(name)} should be named {index_name!r} (it is {value.index.name!r}).")
    if numeric and not pd.api.types.is_numeric_dtype(value.dtype):
        raise CheckFailed(f"{_quoted(name)} should hold numbers, but its dtype is {value.dtype}.")


def expect_frame(value: Any, name: str, index_name: str | None = None,
                 columns: Iterable[str] | None = None) -> None:
    """Fail unless `value` is a DataFrame with the given index name and exactly these columns, in order."""
    expect_type(value, pd.DataFrame, name)
    if index_name is not None and value.index.name != index_name:
        raise CheckFailed(f"The index of {_quoted(name)} should be named {index_name!r} (it is {value.index.name!r}).")
    if columns is not None and list(value.columns) != list(columns):
        raise CheckFailed(f"{_quoted(name)} should have the columns {list(columns)} in that order; "
                          f"it has {list(value.columns)}.")


def expect_sorted_ints(value: Any, name: str) -> None:
    """Fail unless `value` is a list of Python ints in ascending order without repeats."""
    expect_type(value, list, name)
    if not all(type(item) is int for item in value):
        raise CheckFailed(f"Every item of {_quoted(name)} should be a Python int (use int(...) on numpy numbers).")
    if any(a >= b for a, b in pairwise(value)):
        raise CheckFailed(f"{_quoted(name)} should be in ascending order with no repeats.")


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


KNOWN_MISTAKES = Path(__file__).with_name("known_mistakes")
TABLE_LOOKUP = re.compile(r'flag_misconceptions\(.+?,\s*"([\w-]+)"\)')  # a test cell naming its table


@cache
def known_mistakes() -> dict[str, dict[str, str]]:
    """Every test cell's hint table (grade id -> fingerprint -> hint), from known_mistakes/<assignment>.toml.

    The tables live outside the notebooks so a test cell reads as a few lines of checks.
    """
    tables: dict[str, dict[str, str]] = {}
    for path in sorted(KNOWN_MISTAKES.glob("*.toml")):
        for gid, hints in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if gid in tables:
                raise ValueError(f"{path.name}: the grade id {gid!r} has a hint table in another assignment too")
            tables[gid] = hints
    return tables


def flag_misconceptions(value: Any, hints: Mapping[str, str] | str) -> None:
    """Fail with the hint whose fingerprint matches `value`: a known wrong answer, named without the right one.

    `hints` is a table (fingerprint -> hint) or a test cell's grade id, whose table is in known_mistakes/.
    """
    if isinstance(hints, str):
        hints = known_mistakes()[hints]
    try:
        key = fingerprint(value)
    except Exception:  # an exotic object cannot match a known wrong answer
        return
    if key in hints:
        raise CheckFailed(f"Not yet: {hints[key]}")


@contextmanager
def naming_mistakes(value: Any, hints: Mapping[str, str]) -> Iterator[None]:
    """When a check inside fails, name the mistake if `value` is a known wrong answer, else let it fail as it is.

    For hidden tests that carry an earlier slip forward: the same wrong value can be right for a learner
    whose earlier answer was wrong, so the hint is only given once the value has failed every route.
    """
    try:
        yield
    except AssertionError:
        flag_misconceptions(value, hints)
        raise


# Recognisable slips: a value off from the expected one by one of these factors, and what it suggests.
FACTORS = (
    (100.0, "100 times too large: a percentage where a fraction is asked?"),
    (0.01, "100 times too small: a fraction where a percentage or points are asked?"),
    (60.0, "60 times too large: minutes where hours are asked?"),
    (1 / 60, "60 times too small: hours where minutes are asked?"),
    (24.0, "24 times too large: hours where days are asked?"),
    (1 / 24, "24 times too small: days where hours are asked?"),
    (7.0, "7 times too large: a weekly figure where a daily one is asked?"),
    (1 / 7, "7 times too small: a daily figure where a weekly one is asked?"),
    (12.0, "12 times too large: a yearly figure where a monthly one is asked?"),
    (1 / 12, "12 times too small: a monthly figure where a yearly one is asked?"),
    (4.0, "4 times too large: person-weeks and person-months mixed up (1 person-month = 4 person-weeks)?"),
    (0.25, "4 times too small: person-weeks and person-months mixed up (1 person-month = 4 person-weeks)?"),
    (-1.0, "the right size with the wrong sign"),
)
_SHOWN = 5  # labels named in one message at most


def _labels(labels: Iterable[Any]) -> str:
    shown = [str(label.date()) if isinstance(label, pd.Timestamp) and label == label.normalize() else str(label)
             for label in list(labels)[:_SHOWN]]
    more = len(list(labels)) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _factor(values: Iterable[float], expected: Iterable[float]) -> str | None:
    """The recognisable factor every differing value is off by, if one fits all of them.

    Within 1% when several values agree on it; a single value must fit within 0.1%, since one count that
    happens to be about a seventh of another is no sign of a daily/weekly mix-up.
    """
    pairs = [(v, e) for v, e in zip(values, expected, strict=True) if e != 0 and math.isfinite(v)]
    if not pairs:
        return None
    slack = 0.01 if len(pairs) > 1 else 0.001
    for factor, meaning in FACTORS:
        if all(abs(v / e - factor) <= slack * abs(factor) for v, e in pairs):
            return meaning
    return None


def _direction(values: list[float], expected: list[float]) -> str:
    highs = sum(v > e for v, e in zip(values, expected, strict=True))
    if highs == len(values):
        return "too high"
    if highs == 0:
        return "too low"
    return f"{highs} too high, {len(values) - highs} too low"


def _not_correct(name: str, where: str, tolerance: str) -> CheckFailed:
    """A hidden check's failure: where the value differs, never what the expected value is."""
    return CheckFailed(f"{_quoted(name)} is not right yet: {where} (checked {tolerance}). "
                       "Re-read the definition above the exercise.")


def assert_close(value: Any, expected: float, tol: float, name: str) -> None:
    """Hidden-test check: `value` is a float or int within `tol` of `expected`."""
    expect_type(value, (float, int), name)
    if not math.isfinite(value):
        raise _not_correct(name, f"it is {value!r}, not a number", _within(tol))
    if abs(value - expected) > tol:
        factor = _factor([float(value)], [float(expected)])
        where = f"it looks {factor}" if factor else f"it is {_direction([float(value)], [float(expected)])}"
        raise _not_correct(name, where, _within(tol))


def _collection_difference(value: Any, expected: Any) -> str:
    """How two unequal lists, tuples or sets differ, by counts and positions (naming items would tell)."""
    mine, theirs = list(value), list(expected)
    try:
        have, want = Counter(mine), Counter(theirs)
    except TypeError:  # unhashable items: say only that they differ
        return "its items are not the expected ones"
    missing, extra = len(want - have), len(have - want)
    if not missing and not extra and not isinstance(value, set | frozenset):
        first = next(i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b)
        return f"the right items in another order (the first difference is at position {first})"
    parts = []
    if missing:
        parts.append(f"{missing} item{'s' * (missing != 1)} missing")
    if extra:
        parts.append(f"{extra} item{'s' * (extra != 1)} that should not be there")
    return f"it has {len(mine)} items where {len(theirs)} are expected: " + " and ".join(parts)


def _mapping_difference(value: Mapping, expected: Mapping) -> str:
    """Which keys of two unequal dicts are missing, extra or hold another value (the keys, never the values)."""
    missing, extra = [k for k in expected if k not in value], [k for k in value if k not in expected]
    if missing or extra:
        parts = [f"{len(missing)} key{'s' * (len(missing) != 1)} missing"] if missing else []
        parts += [f"{len(extra)} key{'s' * (len(extra) != 1)} that should not be there"] if extra else []
        return "it has " + " and ".join(parts)
    differ = [k for k in expected if value[k] != expected[k]]
    return f"the value is not the expected one for {_labels(differ)}"


def assert_equal(value: Any, expected: Any, name: str) -> None:
    """Hidden-test check: exact equality of same-typed values (ints, strings, lists of them)."""
    expect_type(value, type(expected), name)
    if value == expected:
        return
    if isinstance(expected, list | tuple | set | frozenset):
        where = _collection_difference(value, expected)
    elif isinstance(expected, dict):
        where = _mapping_difference(value, expected)
    elif isinstance(expected, int | float) and not isinstance(expected, bool):
        factor = _factor([float(value)], [float(expected)])
        where = f"it looks {factor}" if factor else f"it is {_direction([float(value)], [float(expected)])}"
    else:
        where = "it is not the expected one"
    raise _not_correct(name, where, "exactly")


def _label_difference(mine: pd.Index, theirs: pd.Index, what: str) -> str | None:
    """Missing or extra labels, or the right labels in another order; None when they agree."""
    if list(mine) == list(theirs):
        return None
    missing = [label for label in theirs if label not in set(mine)]
    extra = [label for label in mine if label not in set(theirs)]
    parts = []
    if missing:
        parts.append(f"{what} missing: {_labels(missing)}")
    if extra:
        parts.append(f"{what} that should not be there: {_labels(extra)}")
    if not parts:
        if len(mine) != len(theirs) or mine.has_duplicates:
            return f"some {what} appear more than once"
        return f"the right {what} in another order (the order matters here)"
    return "; ".join(parts)


def _value_difference(mine: pd.Series, theirs: pd.Series, tol: float, what: str) -> str | None:
    """Which entries of two aligned Series differ: NaN where a number is expected (or the reverse), or off."""
    a, b = mine.astype(float).to_numpy(), theirs.astype(float).to_numpy()
    nan_mine, nan_theirs = pd.isna(a), pd.isna(b)
    if (nan_mine != nan_theirs).any():
        labels = mine.index[nan_mine != nan_theirs]
        return f"the empty (NaN) {what} are not where they should be, at {_labels(labels)}"
    off = ~nan_mine & (abs(a - b) > tol)
    if not off.any():
        return None
    values, expected = list(a[off]), list(b[off])
    factor = _factor(values, expected)
    how = f"they look {factor}" if factor else _direction(values, expected)
    return f"{int(off.sum())} of {len(a)} {what} differ ({how}), at {_labels(mine.index[off])}"


def assert_series_close(value: Any, expected: pd.Series, tol: float, name: str, check_order: bool = True) -> None:
    """Hidden-test check: same labels (in order, unless check_order=False) and values within `tol`."""
    expect_series(value, name, index_name=expected.index.name)
    if not check_order:
        value, expected = value.sort_index(), expected.sort_index()
    where = _label_difference(value.index, expected.index, "labels")
    if where is None:
        where = _value_difference(value, expected.set_axis(value.index), tol, "entries")
    if where is not None:
        raise _not_correct(name, where, _within(tol, " per entry"))


def assert_frame_close(value: Any, expected: pd.DataFrame, tol: float, name: str) -> None:
    """Hidden-test check: same index, same columns in order, every numeric cell within `tol`."""
    expect_frame(value, name, index_name=expected.index.name, columns=list(expected.columns))
    where = _label_difference(value.index, expected.index, "rows")
    if where is None:
        problems = []
        for column in expected.columns:
            found = _value_difference(value[column], expected[column].set_axis(value.index), tol, "rows")
            if found:
                problems.append(f"column {column}: {found}")
        where = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more columns" if len(problems) > 3 else "")
    if where:
        raise _not_correct(name, where, _within(tol, " per cell"))
