"""Error carried forward: a later exercise is graded on the learner's own earlier value when it is usable.

Hidden tests wrap their checks in `check_carried` (or the `@carried` decorator) for each earlier value an
exercise builds on, so one slip costs one step; `own_or_reference` decides which earlier value counts. A
value that cannot be used (missing, of another type or shape, empty, all NaN, constant where the
reference varies) is replaced by the reference: a degenerate earlier answer earns nothing downstream.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Literal

import pandas as pd

Rows = Literal["same", "any"]

# How many checks have passed on the learner's own earlier value rather than the reference's; the
# self-paced verdict reads it to say "Correct, given your earlier answer".
passes_on_own_value = [0]


def own_or_reference(own: Callable[[], Any], reference: Any, rows: Rows = "same") -> Any:
    """The learner's value (`own()`, so a missing name falls back quietly) when well-formed, else `reference`.

    `rows="same"`: a keyed value whose labels must be the reference's (it comes back in the reference's
    order). `rows="any"`: a table made by a cleaning step, whose rows may differ but not be empty.
    """
    try:
        value = own()
    except Exception:  # a NameError, KeyError, AttributeError ...: the learner has no usable value
        return reference
    usable = _usable(value, reference, rows)
    if usable is None:
        return reference
    return usable


def _usable(value: Any, reference: Any, rows: Rows) -> Any:
    if isinstance(reference, pd.Series):
        return _usable_series(value, reference, rows)
    if isinstance(reference, pd.DataFrame):
        return _usable_frame(value, reference, rows)
    if isinstance(reference, bool):
        return value if isinstance(value, bool) else None
    if isinstance(reference, int | float):
        number = _number(value)
        return None if number is None else type(reference)(number)
    if isinstance(reference, list | tuple | set | frozenset | dict):
        return value if isinstance(value, type(reference)) and len(value) > 0 else None
    return value if type(value) is type(reference) else None


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and not isinstance(value, bool | str) else None


def _same_kind(mine: pd.Series, theirs: pd.Series) -> bool:
    if theirs.dtype.kind == "M" or mine.dtype.kind == "M":
        return mine.dtype == theirs.dtype  # time zone included: a naive date is not an aware timestamp
    numeric = pd.api.types.is_numeric_dtype
    return (numeric(mine.dtype) and numeric(theirs.dtype)) or mine.dtype == theirs.dtype


def _degenerate(mine: pd.Series, theirs: pd.Series) -> bool:
    """All missing, more missing than the reference, or constant where the reference varies."""
    if mine.isna().all() or mine.isna().sum() > theirs.isna().sum():
        return True
    return mine.nunique(dropna=True) <= 1 < theirs.nunique(dropna=True)


def _usable_series(value: Any, reference: pd.Series, rows: Rows) -> pd.Series | None:
    if not isinstance(value, pd.Series) or value.empty or not _same_kind(value, reference):
        return None
    if rows == "same":
        if value.index.has_duplicates or set(value.index) != set(reference.index):
            return None
        value = value.reindex(reference.index)
    return None if _degenerate(value, reference) else value


def _usable_frame(value: Any, reference: pd.DataFrame, rows: Rows) -> pd.DataFrame | None:
    if not isinstance(value, pd.DataFrame) or value.empty or not set(reference.columns) <= set(value.columns):
        return None
    value = value[list(reference.columns)]
    if rows == "same":
        if value.index.has_duplicates or set(value.index) != set(reference.index):
            return None
        value = value.reindex(reference.index)
    for column in reference.columns:
        mine, theirs = value[column], reference[column]
        if not isinstance(mine, pd.Series) or not _same_kind(mine, theirs) or mine.isna().all():
            return None
    return value


def check_carried(check: Callable[[Any], None], expected_from: Callable[[Any], Any], reference: Any,
                  own: Callable[[], Any], rows: Rows = "same") -> None:
    """Pass when the value is right for the reference's earlier value or for the learner's own (usable) one.

    `check(expected)` raises when the learner's value is not `expected`; `expected_from(earlier)` computes
    the expected value from an earlier value. Either route passes, so a learner who rebuilt the earlier
    step correctly themselves keeps the marks too. On failure the message is located against the learner's
    own earlier value when it is usable: that is the step they got wrong.
    """
    try:
        check(expected_from(reference))
    except AssertionError:
        mine = own_or_reference(own, reference, rows)
        if mine is reference:
            raise
        check(expected_from(mine))
        passes_on_own_value[0] += 1


def carried(reference: Any, own: Callable[[], Any],
            rows: Rows = "same") -> Callable[[Callable[[Any], None]], None]:
    """`check_carried` for a block of checks: `@carried(ref, lambda: mine)` over `def _checks(earlier): ...`.

    The decorated function runs at once with the reference's earlier value, and again with the learner's
    own usable one if the first run fails; it passes when either run does.
    """
    def run(checks_on: Callable[[Any], None]) -> None:
        check_carried(checks_on, lambda earlier: earlier, reference, own, rows)
    return run
