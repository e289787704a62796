"""The planted truths of `subscriptions` and `marketing_spend`, recovered from the frozen files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

LIST_PRICE = {"Free": 0.0, "Team": 8.0, "Business": 15.0}  # the data dictionary's price list


@pytest.fixture(scope="module")
def subscriptions() -> pd.DataFrame:
    return load("subscriptions", start=COURSE_ROOT)


@pytest.fixture(scope="module")
def mrr(subscriptions) -> pd.DataFrame:
    """Account x month MRR, a missing row read as 0."""
    return subscriptions.pivot_table(index="account_id", columns="month", values="mrr", aggfunc="sum", fill_value=0)


@pytest.fixture(scope="module")
def bridge(mrr) -> pd.DataFrame:
    """The MRR bridge of spec 5.2, written the plain way: one pass over consecutive month pairs."""
    rows, paid_before = [], pd.Series(False, index=mrr.index)
    for prev, cur in zip(mrr.columns[:-1], mrr.columns[1:], strict=True):
        a, b = mrr[prev], mrr[cur]
        paid_before |= a > 0
        rows.append({
            "month": cur, "start": a.sum(), "end": b.sum(),
            "new": b[(a == 0) & (b > 0) & ~paid_before].sum(),
            "reactivation": b[(a == 0) & (b > 0) & paid_before].sum(),
            "expansion": (b - a)[(a > 0) & (b > a)].sum(),
            "contraction": (a - b)[(b > 0) & (b < a)].sum(),
            "churned": a[(a > 0) & (b == 0)].sum(),
            "logo_churn": ((a > 0) & (b == 0)).sum() / (a > 0).sum(),
        })
    return pd.DataFrame(rows).set_index("month")


def test_mrr_is_seats_times_list_price_less_discount(subscriptions):
    expected = (subscriptions["seats"] * subscriptions["plan"].map(LIST_PRICE)
                * (1 - subscriptions["discount_pct"] / 100)).round(2)
    assert np.allclose(subscriptions["mrr"], expected, atol=0.005)
    assert ((subscriptions["plan"] == "Free") == (subscriptions["mrr"] == 0)).all()


def test_the_bridge_reconciles_to_the_cent_and_every_movement_occurs(bridge):
    moved = bridge["start"] + bridge["new"] + bridge["reactivation"] + bridge["expansion"] \
        - bridge["contraction"] - bridge["churned"]
    assert np.allclose(moved, bridge["end"], atol=0.005)
    for movement in ("new", "expansion", "contraction", "churned"):
        assert (bridge[movement].iloc[2:] > 0).all(), movement
    assert (bridge["reactivation"] > 0).sum() >= 4


def test_churn_and_net_revenue_retention_are_plausible_for_smb_saas(bridge):
    late = bridge.iloc[3:]
    assert late["logo_churn"].between(0.005, 0.09).all(), "a month of a few hundred accounts varies around the rate"
    assert 0.02 < late["logo_churn"].mean() < 0.06
    nrr = (late["start"] + late["expansion"] - late["contraction"] - late["churned"]) / late["start"]
    assert nrr.between(0.9, 1.06).all()


def test_deleted_workspaces_vanish_from_the_export(subscriptions, mrr):
    last_row = subscriptions.sort_values("month").groupby("account_id").tail(1)
    vanished = last_row[(last_row["month"] < mrr.columns[-1]) & (last_row["mrr"] > 0)]
    assert len(vanished) > 25, "accounts whose last row is paid and then have no rows: churned by deletion"


def test_activated_and_larger_workspaces_convert_far_more():
    users = load("users", start=COURSE_ROOT)
    activity = load("activity", start=COURSE_ROOT).drop_duplicates()
    paying = set(load("subscriptions", start=COURSE_ROOT).query("mrr > 0")["account_id"])
    day0 = users.set_index("user_id")["signup_at"].dt.tz_localize(None).dt.floor("D")
    shared = activity[activity["boards_shared"] > 0]
    early = shared[(shared["date"] - shared["user_id"].map(day0)).dt.days < 7]["user_id"]
    spaces = users.assign(activated=users["user_id"].isin(early)).groupby("account_id").agg(
        activated=("activated", "any"), size=("company_size", "first"))
    spaces["paid"] = spaces.index.isin(paying)
    by_activation = spaces.groupby("activated")["paid"].mean()
    assert by_activation[True] > 3 * by_activation[False]
    by_size = spaces.groupby("size")["paid"].mean()
    assert by_size["1-10"] < by_size["11-50"] < by_size["51-200"]


def test_paid_social_has_the_worst_cac_and_partners_the_best():
    spend = load("marketing_spend", start=COURSE_ROOT)
    users = load("users", start=COURSE_ROOT)
    subscriptions = load("subscriptions", start=COURSE_ROOT)
    first_paid = subscriptions[subscriptions["mrr"] > 0].groupby("account_id")["month"].min()
    owners = users[users["joined_via"] == "new_workspace"].set_index("account_id")["channel"]
    new_paying = owners.reindex(first_paid.index).value_counts()
    usd = (spend["spend"] * spend["usd_per_unit"]).groupby(spend["channel"]).sum()
    cac = (usd / new_paying.reindex(usd.index)).sort_values()
    assert cac.index[-1] == "paid_social" and cac.index[0] == "partners"
    assert cac["paid_social"] > 2.5 * cac.drop("paid_social").max()
    local = spend["spend"].groupby(spend["channel"]).sum()
    assert (local / usd).lt(0.99).all(), "EUR rows must be converted: the unconverted total is too low"
