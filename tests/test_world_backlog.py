"""The planted truths of `backlog`, recovered from the frozen file with plain pandas and brute force.

None of this imports the generator: the conventions (1 person-month = 4 person-weeks, confidence
as a fraction, the capacity of 12 person-months the notebook states) are written out here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from kanbo_measures import best_sets, deps, greedy, kahn
from scipy.stats import kendalltau

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

CAPACITY = 12.0  # person-months in the quarter, as the roadmap notebook states
WEEKS_PER_MONTH = 4
KANO = {"offline_mode": "M", "ai_summaries": "A", "gantt_timeline": "O", "time_tracking": "I",
        "guest_access": "A", "custom_fields": "O", "dark_mode": "I"}


@pytest.fixture(scope="module")
def backlog() -> pd.DataFrame:
    frame = load("backlog", start=COURSE_ROOT)
    months = np.where(frame["effort_unit"] == "person-weeks", frame["effort"] / WEEKS_PER_MONTH, frame["effort"])
    frame = frame.assign(effort_pm=months)
    value = frame["reach"] * frame["impact"] * frame["confidence_pct"] / 100
    return frame.assign(value=value, rice=value / frame["effort_pm"],
                        wsjf=(frame["business_value"] + frame["time_criticality"] + frame["risk_reduction"])
                        / frame["job_size"],
                        ice=frame["ice_impact"] * frame["ice_confidence"] * frame["ice_ease"]).set_index("item_id")


def quarter_best(frame: pd.DataFrame, value: str = "value", k: int = 2) -> list[tuple[set[str], float]]:
    """The `k` best sets within the quarter by total `value`, effort in person-months as the weight."""
    return best_sets(frame[value], frame["effort_pm"], CAPACITY, k)


def greedy_value(frame: pd.DataFrame, skip_misfits: bool) -> float:
    """The total value greedy by RICE (value per person-month) takes, skipping or stopping at the first misfit."""
    order = frame["rice"].sort_values(ascending=False, kind="stable").index
    return float(frame.loc[greedy(order, frame["effort_pm"], CAPACITY, skip_misfits), "value"].sum())


def test_the_named_dirt_is_really_there(backlog):
    assert set(backlog["effort_unit"]) == {"person-months", "person-weeks"}
    assert set(backlog.loc[backlog["effort_unit"] == "person-weeks", "team"]) == {"Mobile"}
    assert set(backlog["confidence_pct"]) == {50, 80, 100}, "confidence stored as a percentage"


def test_backlog_is_about_twenty_items_with_the_pinned_scales(backlog):
    assert 18 <= len(backlog) <= 22 and backlog.index.is_unique
    assert set(backlog["impact"]) <= {3, 2, 1, 0.5, 0.25}
    fib = {1, 2, 3, 5, 8, 13, 20}
    for col in ("business_value", "time_criticality", "risk_reduction", "job_size"):
        assert set(backlog[col]) <= fib
    for col in ("ice_impact", "ice_confidence", "ice_ease"):
        assert backlog[col].between(1, 10).all()


def test_backlog_names_features_but_leaves_their_kano_category_to_the_survey(backlog):
    """01 grades each feature's Kano category from the survey: the backlog must not hand the answers out."""
    assert not [c for c in backlog.columns if "kano" in c.lower()], "the backlog gives 01's Kano answers away"
    assert set(backlog["feature"].dropna()) == set(KANO), "every candidate feature should have a backlog item"
    assert (backlog["feature"] == "offline_mode").sum() >= 2, "offline mode (a Must-be) needs more than one item"


def test_exact_knapsack_optimum_is_unique_and_beats_greedy(backlog):
    """Value = reach x impact x confidence (RICE's numerator): a sum of RICE scores would count effort twice."""
    (best, value), (_, second) = quarter_best(backlog)
    assert second < 0.97 * value, "the optimum is unique with a clear margin"
    assert backlog.loc[sorted(best), "effort_pm"].sum() <= CAPACITY
    for skip in (True, False):
        assert greedy_value(backlog, skip) < 0.95 * value, "greedy by RICE (value per person-month) is not optimal"
    for item, needed in deps(backlog).items():
        assert item not in best or set(needed) <= best, "the optimal set respects the dependencies"
    by_rice_sum = quarter_best(backlog, "rice")[0][0]
    assert by_rice_sum != best, "maximising total RICE (effort counted twice) picks another set"
    assert backlog.loc[sorted(by_rice_sum), "value"].sum() < 0.95 * value


def test_the_best_set_leaves_themes_without_work_this_quarter(backlog):
    best = quarter_best(backlog)[0][0]
    assert set(backlog["theme"]) == {"activation", "habit", "reliability", "planning", "revenue"}
    idle = set(backlog["theme"]) - set(backlog.loc[sorted(best), "theme"])
    assert "reliability" in idle and len(idle) == 2


def test_unconverted_person_weeks_change_the_rice_ranking(backlog):
    naive = backlog.assign(rice=backlog["value"] / backlog["effort"])
    naive_rank = naive["rice"].rank(ascending=False)
    assert (naive_rank != backlog["rice"].rank(ascending=False)).sum() >= 3


def test_confidence_as_80_scales_every_rice_score_by_100(backlog):
    wrong = backlog["reach"] * backlog["impact"] * backlog["confidence_pct"] / backlog["effort_pm"]
    assert np.allclose(wrong / backlog["rice"], 100)
    assert backlog["rice"].is_unique, "no ties: the RICE ranking is unambiguous"


def test_rice_ice_and_wsjf_rankings_disagree(backlog):
    tau_wsjf = kendalltau(backlog["rice"], backlog["wsjf"]).statistic
    tau_ice = kendalltau(backlog["rice"], backlog["ice"]).statistic
    assert 0.2 < tau_wsjf < 0.5 and 0.25 < tau_ice < 0.65
    moves = (backlog["rice"].rank(ascending=False) - backlog["wsjf"].rank(ascending=False)).abs()
    assert (moves >= 10).sum() >= 3, "a few items move a long way between RICE and WSJF"


def test_dependencies_are_a_dag_whose_release_order_differs_from_rice_order(backlog):
    known = set(backlog.index)
    assert all(set(d) <= known for d in deps(backlog).values())
    order = kahn(backlog)
    assert order != list(backlog["rice"].sort_values(ascending=False).index)
    position = {item: k for k, item in enumerate(order)}
    assert all(position[d] < position[i] for i, ds in deps(backlog).items() for d in ds)


def test_critical_path_is_longer_than_any_single_item(backlog):
    finish: dict[str, float] = {}
    for item in kahn(backlog):
        start = max((finish[d] for d in deps(backlog)[item]), default=0.0)
        finish[item] = start + backlog.loc[item, "effort_pm"]
    assert max(finish.values()) >= backlog["effort_pm"].max() + 2


def test_android_sync_item_is_modest_until_rescored(backlog):
    sync = backlog[backlog["title"].str.contains("sync", case=False) & (backlog["team"] == "Mobile")]
    assert len(sync) == 1
    item = sync.index[0]
    assert backlog["rice"].rank(ascending=False)[item] > len(backlog) / 2
    assert item not in quarter_best(backlog)[0][0]
    # After the incident: every Android user is hit, massive impact, full confidence.
    rescored = backlog.copy()
    rescored.loc[item, "value"] = 3 * rescored.loc[item, "reach"] * 3 * 1.0
    (best, value), (_, second) = quarter_best(rescored)
    assert item in best and second < 0.99 * value
