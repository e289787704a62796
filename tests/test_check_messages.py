"""A failed hidden check says where the value differs (labels, rows, NaN, direction, a recognisable factor)
and never states the expected value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmcourse import checks

MONTHS = pd.DatetimeIndex(["2025-03-01", "2025-04-01", "2025-05-01"], name="month")
EXPECTED = pd.Series([0.1234, 0.2345, np.nan], index=MONTHS)


def message(check, *args) -> str:
    with pytest.raises(checks.CheckFailed) as failure:
        check(*args)
    return str(failure.value)


@pytest.mark.parametrize(("value", "expected", "says"), [
    (4523.4, 45.234, "100 times too large"),
    (0.45234, 45.234, "100 times too small"),
    (-45.234, 45.234, "wrong sign"),
    (7 * 3.21, 3.21, "7 times too large"),
    (45.0, 45.234, "too low"),
    (float("nan"), 45.234, "not a number"),
])
def test_a_number_that_is_off_says_how(value, expected, says):
    text = message(checks.assert_close, value, expected, 0.01, "nps")
    assert says in text and f"{expected}" not in text


def test_a_series_says_which_labels_are_missing_or_extra_and_which_entries_differ():
    assert "labels missing: 2025-05-01" in message(checks.assert_series_close, EXPECTED.iloc[:2], EXPECTED, 1e-3, "r")
    moved = EXPECTED.rename(index={MONTHS[2]: pd.Timestamp("2025-06-01")}).rename_axis("month")
    text = message(checks.assert_series_close, moved, EXPECTED, 1e-3, "r")
    assert "labels missing: 2025-05-01" in text and "should not be there: 2025-06-01" in text
    text = message(checks.assert_series_close, EXPECTED * 100, EXPECTED, 1e-3, "r")
    assert "2 of 3 entries differ" in text and "100 times too large" in text and "0.1234" not in text
    assert "(NaN) entries are not where they should be, at 2025-05-01" in message(
        checks.assert_series_close, EXPECTED.fillna(0.0), EXPECTED, 1e-3, "r")


def test_a_frame_says_which_column_and_rows_differ():
    expected = pd.DataFrame({"android": [1.0, 2.0, 3.0], "web": [4.0, 5.0, 6.0]}, index=MONTHS)
    wrong = expected.assign(web=[4.0, 5.5, 6.5])
    text = message(checks.assert_frame_close, wrong, expected, 0.01, "t")
    assert "column web: 2 of 3 rows differ (too high), at 2025-04-01, 2025-05-01" in text and "android" not in text


def test_a_set_or_list_says_how_many_items_differ_without_naming_them():
    text = message(checks.assert_equal, {"KB-101", "KB-102", "KB-199"}, {"KB-101", "KB-102", "KB-103"}, "best_set")
    assert "1 item missing and 1 item that should not be there" in text and "KB-103" not in text
    text = message(checks.assert_equal, ["a", "c", "b"], ["a", "b", "c"], "order")
    assert "another order (the first difference is at position 1)" in text


def test_numpy_scalars_stand_for_python_numbers_and_strings():
    checks.assert_close(np.float64(0.5), 0.5, 1e-9, "x")
    checks.assert_equal(np.int64(3), 3, "n")
    checks.assert_equal({np.str_("KB-101")}, {"KB-101"}, "best_set")
    assert "numpy.bool" in message(checks.expect_type, np.bool_(True), bool, "flag")


def test_a_dict_that_differs_names_the_keys_never_the_values():
    with pytest.raises(checks.CheckFailed) as failure:
        checks.assert_equal({"KB-1": "Now", "KB-2": "Later", "KB-3": "Next"},
                            {"KB-1": "Now", "KB-2": "Next", "KB-3": "Later"}, "roadmap")
    assert "for KB-2, KB-3" in str(failure.value) and "Next" not in str(failure.value)
    with pytest.raises(checks.CheckFailed, match="1 key missing"):
        checks.assert_equal({"KB-1": "Now"}, {"KB-1": "Now", "KB-2": "Next"}, "roadmap")
