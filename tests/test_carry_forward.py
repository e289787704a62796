"""Error carried forward: which earlier value a later hidden test builds on, and that either route passes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmcourse import checks
from pmcourse.carry_forward import check_carried, own_or_reference

DATES = pd.Series(pd.to_datetime(["2025-03-01", "2025-03-02", "2025-03-04"]), index=pd.Index([1, 2, 3], name="id"))


def _missing():
    raise NameError("name 'signup_date' is not defined")


@pytest.mark.parametrize(("own", "why"), [
    (_missing, "a name the learner never assigned"),
    (lambda: DATES.dt.tz_localize("UTC"), "time-zone-aware where the reference is naive"),
    (lambda: DATES.iloc[:2], "rows missing"),
    (lambda: DATES.astype(str), "strings, not dates"),
    (lambda: pd.Series(pd.NaT, index=DATES.index), "all missing"),
    (lambda: pd.Series(pd.Timestamp("2025-03-01"), index=DATES.index), "constant where the reference varies"),
    (lambda: pd.Series(dtype="datetime64[ns]"), "empty"),
])
def test_an_unusable_earlier_value_falls_back_to_the_reference(own, why):
    assert own_or_reference(own, DATES) is DATES, why


def test_a_usable_earlier_value_is_taken_in_the_reference_order():
    shifted = (DATES + pd.Timedelta(days=1)).iloc[::-1]
    carried = own_or_reference(lambda: shifted, DATES)
    assert list(carried.index) == [1, 2, 3]
    assert (carried == DATES + pd.Timedelta(days=1)).all()


def test_a_cleaned_table_may_have_other_rows_but_not_none():
    table = pd.DataFrame({"user_id": [1, 2, 2], "sessions": [1, 0, 3]})
    kept = table.iloc[:2]
    assert own_or_reference(lambda: kept, table, rows="any") is not table
    assert own_or_reference(lambda: table.iloc[:0], table, rows="any") is table
    assert own_or_reference(lambda: table[["user_id"]], table, rows="any") is table


@pytest.mark.parametrize(("own", "expected"), [(lambda: 2.5, 2.5), (lambda: np.float64(2.5), 2.5),
                                               (lambda: float("nan"), 1.0), (lambda: "2.5", 1.0)])
def test_numbers_must_be_finite_numbers(own, expected):
    assert own_or_reference(own, 1.0) == expected


def _total(earlier: pd.Series) -> float:
    return float(earlier.sum())


def _check(value: float):
    return lambda expected: checks.assert_close(value, expected, 0.01, "total")


def test_either_route_passes_and_a_wrong_value_fails_against_the_learners_own_earlier_value():
    reference = pd.Series([1.0, 2.0, 3.0])
    own = pd.Series([1.0, 2.0, 30.0])
    check_carried(_check(6.0), _total, reference, lambda: own)     # right for the reference
    check_carried(_check(33.0), _total, reference, lambda: own)    # right for their own earlier value
    with pytest.raises(checks.CheckFailed, match="too high"):
        check_carried(_check(60.0), _total, reference, lambda: own)
    with pytest.raises(checks.CheckFailed):
        check_carried(_check(33.0), _total, reference, _missing)  # no earlier value: only the reference counts
