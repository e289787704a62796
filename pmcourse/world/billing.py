"""Kanbo's money: monthly `subscriptions` per account and `marketing_spend` per channel, region and month.

Built on the product simulation's workspaces (stream "billing"), so the accounts that pay are the ones
whose people signed up and stayed. Planted, for instructors (docs/world-ground-truth.md):

- conversion to a paid plan is far likelier for activated workspaces and larger companies;
- paying accounts expand, contract, churn and sometimes come back, so every MRR movement occurs;
- paid social buys cheap sign-ups that rarely pay: its CAC is the worst; partners cost the most per
  sign-up and have the best CAC.

Dirt a real export has: a workspace deleted after it churned has no rows at all from then on (its MRR
is 0, not missing); European spend is booked in EUR, with the month's rate beside it.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.product import simulate
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import table_rng

MONTHS = pd.date_range(company.WORLD_START, company.WORLD_END, freq="MS")

CONVERT_PER_MONTH = {"1-10": 0.02, "11-50": 0.04, "51-200": 0.055, "201-1000": 0.06, "1000+": 0.06}
CONVERT_IF_NOT_ACTIVATED = 0.2  # multiplier on the monthly conversion chance
CONVERT_CHANNEL = {"organic": 1.0, "paid_search": 1.0, "paid_social": 0.5, "content": 0.9, "referral": 1.1,
                   "partners": 1.9}
BUSINESS_SHARE = {"1-10": 0.03, "11-50": 0.12, "51-200": 0.30, "201-1000": 0.55, "1000+": 0.70}
MEDIAN_SEATS = {"1-10": 3, "11-50": 7, "51-200": 14, "201-1000": 26, "1000+": 45}
STARTUP_DISCOUNT, VOLUME_DISCOUNT = 20, 15  # percent off list, for small and for large companies
CHURN = {"Team": 0.03, "Business": 0.015}
CHURN_IF_ACTIVATED, CHURN_IF_NOT, CHURN_IF_ABANDONED = 0.8, 1.5, 0.12
EXPAND, CONTRACT, UPGRADE, DOWNGRADE = 0.11, 0.05, 0.012, 0.006
DELETE_ON_CHURN, REACTIVATE = 0.4, 0.06

COST_PER_SIGNUP = {"paid_search": 34.0, "paid_social": 41.0, "content": 18.0, "partners": 62.0}  # USD
EUR_RATES = (1.08, 1.13, 1.13, 1.15, 1.17, 1.17, 1.17, 1.16, 1.16, 1.17, 1.17, 1.18)  # USD per EUR, Mar-Feb


@cache
def simulate_billing() -> pd.DataFrame:
    """Month-by-month plans, seats and MRR of every workspace that ever paid."""
    rng = table_rng("billing")
    _users, _activity, spaces = simulate()
    spaces = spaces[~spaces["staff"]].reset_index(drop=True)
    n = len(spaces)
    size = spaces["company_size"].to_numpy()
    created = _month_index(spaces["day0"].to_numpy())
    abandoned_from = _month_index(spaces["last_day"].to_numpy()) + 1
    activated = spaces["activated"].to_numpy()
    convert = (np.vectorize(CONVERT_PER_MONTH.get)(size) * np.where(activated, 1.0, CONVERT_IF_NOT_ACTIVATED)
               * np.vectorize(CONVERT_CHANNEL.get)(spaces["channel"].to_numpy()))
    small = np.isin(size, ("1-10", "11-50"))
    discount = np.where(rng.random(n) < 0.12, np.where(small, STARTUP_DISCOUNT, VOLUME_DISCOUNT), 0)

    plan = np.full(n, "", dtype=object)  # "" never paid, "Free" churned, else the paid plan
    seats = np.zeros(n, dtype=np.int64)
    deleted = np.zeros(n, dtype=bool)
    rows = []
    for m in range(len(MONTHS)):
        alive = (created <= m) & (m < abandoned_from)
        u = rng.random((8, n))
        # New paying accounts.
        new = (plan == "") & alive & (u[0] < convert)
        plan[new] = np.where(u[1][new] < np.vectorize(BUSINESS_SHARE.get)(size[new]), "Business", "Team")
        seats[new] = np.maximum(1, np.round(np.vectorize(MEDIAN_SEATS.get)(size[new])
                                            * rng.lognormal(0, 0.5, int(new.sum())))).astype(np.int64)
        paying = np.isin(plan, company.PLANS[1:]) & ~new
        # Churn, then seat and plan changes for those who stay.
        churn_p = np.vectorize(lambda p: CHURN.get(p, 0.0))(plan) * np.where(activated, CHURN_IF_ACTIVATED,
                                                                            CHURN_IF_NOT)
        churn_p = np.where(alive, churn_p, CHURN_IF_ABANDONED)
        churned = paying & (u[2] < churn_p)
        stay = paying & ~churned
        grow = stay & (u[3] < EXPAND)
        seats[grow] += np.maximum(1, np.round(seats[grow] * rng.uniform(0.15, 0.6, int(grow.sum())))).astype(np.int64)
        shrink = stay & ~grow & (u[4] < CONTRACT) & (seats > 1)
        seats[shrink] -= np.maximum(1, np.round(seats[shrink] * rng.uniform(0.1, 0.3, int(shrink.sum())))
                                    ).astype(np.int64)
        seats = np.maximum(seats, 1)
        plan[stay & (plan == "Team") & (u[5] < UPGRADE)] = "Business"
        plan[stay & ~grow & (plan == "Business") & (u[5] > 1 - DOWNGRADE)] = "Team"
        # Churned accounts drop to Free; some delete their workspace and vanish from the export.
        plan[churned] = "Free"
        deleted |= churned & (u[6] < DELETE_ON_CHURN)
        back = (plan == "Free") & ~churned & ~deleted & (u[7] < REACTIVATE)
        plan[back] = "Team"
        seats[back] = np.maximum(1, np.round(seats[back] * rng.uniform(0.5, 1.0, int(back.sum())))).astype(np.int64)

        listed = (plan != "") & ~deleted
        price = np.vectorize(company.LIST_PRICE_PER_SEAT.get)(np.where(plan == "", "Free", plan))
        billed_seats = np.where(plan == "Free", 0, seats)
        rows.append(pd.DataFrame({
            "account_id": spaces["account_id"].to_numpy()[listed],
            "month": MONTHS[m].date().isoformat(),
            "plan": plan[listed],
            "seats": billed_seats[listed],
            "discount_pct": np.where(plan == "Free", 0, discount)[listed],
            "mrr": np.round(billed_seats * price * (100 - discount) / 100, 2)[listed],
        }))
    return pd.concat(rows).sort_values(["month", "account_id"], kind="stable").reset_index(drop=True)


def _month_index(days: np.ndarray) -> np.ndarray:
    """Index into MONTHS of the month holding each day offset from launch."""
    when = np.datetime64(company.WORLD_START.isoformat(), "D") + days.astype("timedelta64[D]")
    first = np.datetime64(company.WORLD_START.isoformat()[:7], "M")
    return (when.astype("datetime64[M]") - first).astype(np.int64)


def build_subscriptions(rng: np.random.Generator) -> pd.DataFrame:
    """The `subscriptions` table (stream "billing"; `rng` is unused)."""
    return simulate_billing()


def build_marketing_spend(rng: np.random.Generator) -> pd.DataFrame:
    """Spend per paid channel, region and month: sign-ups bought times a noisy cost per sign-up."""
    users = simulate()[0]
    month = pd.to_datetime(users["signup_at"]).dt.tz_localize(None).dt.to_period("M").dt.start_time
    region = users["country"].map({code: reg for code, (_name, reg) in company.COUNTRIES.items()})
    paid = users["channel"].isin(company.PAID_CHANNELS)
    bought = (pd.DataFrame({"month": month, "channel": users["channel"], "region": region})[paid]
              .value_counts().rename("signups"))
    grid = pd.MultiIndex.from_product([MONTHS, company.PAID_CHANNELS, company.REGIONS],
                                      names=["month", "channel", "region"])
    frame = bought.reindex(grid, fill_value=0).reset_index()
    usd = (frame["signups"] * frame["channel"].map(COST_PER_SIGNUP) * rng.lognormal(0, 0.12, len(frame))
           + np.where(frame["channel"] == "content", 1500.0, 0.0))  # content has a writer's retainer
    rate = np.where(frame["region"] == "Europe", np.array(EUR_RATES)[MONTHS.get_indexer(frame["month"])], 1.0)
    return pd.DataFrame({
        "month": frame["month"].dt.date.astype(str),
        "channel": frame["channel"],
        "region": frame["region"],
        "currency": np.where(frame["region"] == "Europe", "EUR", "USD"),
        "spend": np.round(usd / rate, 2),
        "usd_per_unit": rate,
    })


TABLES = (
    Table(
        name="subscriptions",
        build=build_subscriptions,
        compress=True,
        description="one row per paying (or once-paying) account per month",
        unique_key=("account_id", "month"),
        columns=(
            Column("account_id", "int", min=1001),
            Column("month", "date", min=company.WORLD_START.isoformat(), max=company.WORLD_END.isoformat()),
            Column("plan", "str", allowed=company.PLANS),
            Column("seats", "int", min=0),
            Column("discount_pct", "int", allowed=(0, STARTUP_DISCOUNT, VOLUME_DISCOUNT)),
            Column("mrr", "float", min=0),
        ),
    ),
    Table(
        name="marketing_spend",
        build=build_marketing_spend,
        description="paid acquisition spend by month, channel and region",
        unique_key=("month", "channel", "region"),
        columns=(
            Column("month", "date", min=company.WORLD_START.isoformat(), max=company.WORLD_END.isoformat()),
            Column("channel", "str", allowed=company.PAID_CHANNELS),
            Column("region", "str", allowed=company.REGIONS),
            Column("currency", "str", allowed=("USD", "EUR")),
            Column("spend", "float", min=0),
            Column("usd_per_unit", "float", min=0.5, max=2),
        ),
    ),
)
