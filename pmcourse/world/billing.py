"""Kanbo's money: monthly `subscriptions` per account and `marketing_spend` per channel, region and month.

Built on the product simulation's members (stream "billing"): a workspace pays for a seat per member
who uses Kanbo, so seats and people agree, and the accounts that pay are the teams whose people stayed.
Planted, for instructors (docs/world-ground-truth.md):

- conversion to a paid plan is far likelier for teams, activated workspaces and larger companies, and
  rare outside the regions Kanbo serves (company.SERVED_REGIONS), where it runs no campaigns;
- seats follow members (expansion as people join, contraction when an admin removes those who left),
  plans change, accounts churn and sometimes come back, so every MRR movement occurs;
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

CONVERT_PER_MONTH = {"1-10": 0.04, "11-50": 0.07, "51-200": 0.09, "201-1000": 0.10, "1000+": 0.10}
CONVERT_IF_NOT_ACTIVATED = 0.2  # multiplier on the monthly conversion chance
CONVERT_CHANNEL = {"organic": 1.0, "paid_search": 1.0, "paid_social": 0.5, "content": 0.9, "referral": 1.1,
                   "partners": 1.9}
CONVERT_BY_MEMBERS = (0.0, 0.2, 0.7, 1.0)  # by members using it that month: 0, 1, 2, 3 or more
CONVERT_UNSERVED = 0.2  # outside the served regions: USD billing only, English support only
BUSINESS_SHARE = {"1-10": 0.03, "11-50": 0.12, "51-200": 0.30, "201-1000": 0.55, "1000+": 0.70}
SEAT_SLACK = (1.0, 1.3)  # seats bought per member using Kanbo: a little ahead of the team
TRIM_SEATS = 0.25  # chance per month that an admin removes the seats of people who left
STARTUP_DISCOUNT, VOLUME_DISCOUNT = 20, 15  # percent off list, for small and for large companies
CHURN = {"Team": 0.035, "Business": 0.018}
CHURN_IF_ACTIVATED, CHURN_IF_NOT, CHURN_IF_ABANDONED = 0.8, 1.5, 0.35
UPGRADE, DOWNGRADE = 0.03, 0.006
DELETE_ON_CHURN, REACTIVATE = 0.5, 0.06

COST_PER_SIGNUP = {"paid_search": 34.0, "paid_social": 41.0, "content": 18.0, "partners": 62.0}  # USD
EUR_RATES = (1.08, 1.13, 1.13, 1.15, 1.17, 1.17, 1.17, 1.16, 1.16, 1.17, 1.17, 1.18)  # USD per EUR, Mar-Feb


@cache
def simulate_billing() -> pd.DataFrame:
    """Month-by-month plans, seats and MRR of every workspace that ever paid: seats follow the members."""
    rng = table_rng("billing")
    members = simulate()[2]
    members = members[~members["staff"]]
    spaces = members.groupby("account_id").agg(size=("company_size", "first"), activated=("activated", "any"))
    creators = members[~members["joined"]].set_index("account_id").reindex(spaces.index)  # a workspace's own
    spaces["channel"] = creators["channel"]
    region = creators["country"].map({code: reg for code, (_name, reg) in company.COUNTRIES.items()})
    served_space = region.isin(company.SERVED_REGIONS).to_numpy()
    alive = _members_by_month(members, spaces.index)
    n = len(spaces)
    size = spaces["size"].to_numpy()
    activated = spaces["activated"].to_numpy()
    convert = (np.vectorize(CONVERT_PER_MONTH.get)(size) * np.where(activated, 1.0, CONVERT_IF_NOT_ACTIVATED)
               * np.vectorize(CONVERT_CHANNEL.get)(spaces["channel"].to_numpy())
               * np.where(served_space, 1.0, CONVERT_UNSERVED))
    small = np.isin(size, ("1-10", "11-50"))
    discount = np.where(rng.random(n) < 0.12, np.where(small, STARTUP_DISCOUNT, VOLUME_DISCOUNT), 0)
    slack = rng.uniform(*SEAT_SLACK, n)

    plan = np.full(n, "", dtype=object)  # "" never paid, "Free" churned, else the paid plan
    seats = np.zeros(n, dtype=np.int64)
    deleted = np.zeros(n, dtype=bool)
    rows = []
    for m in range(len(MONTHS)):
        using = alive[:, m]
        needed = np.maximum(np.maximum(using, 1), np.round(using * slack)).astype(np.int64)
        u = rng.random((7, n))
        # New paying accounts: a team that uses Kanbo buys a seat for each member, a little ahead.
        new = (plan == "") & (u[0] < convert * np.asarray(CONVERT_BY_MEMBERS)[np.minimum(using, 3)])
        plan[new] = np.where(u[1][new] < np.vectorize(BUSINESS_SHARE.get)(size[new]), "Business", "Team")
        seats[new] = needed[new]
        paying = np.isin(plan, company.PLANS[1:]) & ~new
        # Churn (likelier once nobody uses it), then seats follow the team for those who stay.
        churn_p = np.vectorize(lambda p: CHURN.get(p, 0.0))(plan) * np.where(activated, CHURN_IF_ACTIVATED,
                                                                            CHURN_IF_NOT)
        churn_p = np.where(using > 0, churn_p, CHURN_IF_ABANDONED)
        churned = paying & (u[2] < churn_p)
        stay = paying & ~churned
        seats[stay & (needed > seats)] = needed[stay & (needed > seats)]  # new members need seats
        trim = stay & (needed < seats) & (u[3] < TRIM_SEATS)
        seats[trim] = needed[trim]
        plan[stay & (plan == "Team") & (u[4] < UPGRADE)] = "Business"
        plan[stay & ~trim & (plan == "Business") & (u[4] > 1 - DOWNGRADE)] = "Team"
        # Churned accounts drop to Free; some delete their workspace and vanish from the export.
        plan[churned] = "Free"
        deleted |= churned & (u[5] < DELETE_ON_CHURN)
        back = (plan == "Free") & ~churned & ~deleted & (using > 0) & (u[6] < REACTIVATE)
        plan[back] = "Team"
        seats[back] = needed[back]

        listed = (plan != "") & ~deleted
        price = np.vectorize(company.LIST_PRICE_PER_SEAT.get)(np.where(plan == "", "Free", plan))
        billed_seats = np.where(plan == "Free", 0, seats)
        rows.append(pd.DataFrame({
            "account_id": spaces.index.to_numpy()[listed],
            "month": MONTHS[m].date().isoformat(),
            "plan": plan[listed],
            "seats": billed_seats[listed],
            "discount_pct": np.where(plan == "Free", 0, discount)[listed],
            "mrr": np.round(billed_seats * price * (100 - discount) / 100, 2)[listed],
        }))
    return pd.concat(rows).sort_values(["month", "account_id"], kind="stable").reset_index(drop=True)


def _members_by_month(members: pd.DataFrame, accounts: pd.Index) -> np.ndarray:
    """Workspace x month: members who were users of Kanbo at some time in the month (joined, not yet gone)."""
    first = _month_index(members["day0"].to_numpy())
    last = _month_index(members["last_day"].to_numpy())
    row = accounts.get_indexer(members["account_id"])
    change = np.zeros((len(accounts), len(MONTHS) + 1), dtype=np.int64)
    np.add.at(change, (row, first), 1)
    np.add.at(change, (row, last + 1), -1)
    return np.cumsum(change, axis=1)[:, :-1]


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
    grid = pd.MultiIndex.from_product([MONTHS, company.PAID_CHANNELS, company.SERVED_REGIONS],
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
            Column("region", "str", allowed=company.SERVED_REGIONS),
            Column("currency", "str", allowed=("USD", "EUR")),
            Column("spend", "float", min=0),
            Column("usd_per_unit", "float", min=0.5, max=2),
        ),
    ),
)
