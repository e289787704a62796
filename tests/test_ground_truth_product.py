"""The ground-truth document's product and billing numbers, recomputed from the frozen data.

docs/world-ground-truth.md tells instructors what the data shows. Each "what the data shows" cell of
its Product and Billing sections is rendered here from the frozen files (plain pandas, the definitions
of tests/test_world_product.py and tests/test_world_billing.py) and must appear in the document word
for word, so the document cannot drift from the data. Run this file as a script to print the cells.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd
import pytest

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

DOC = COURSE_ROOT / "docs" / "world-ground-truth.md"
STAFF = ["kanbo.io", "qa.kanbo.io"]
INCIDENT = pd.Timestamp("2026-01-20")
SERVED = {"US", "CA", "GB", "DE", "FR", "NL", "ES"}


def pct(value: float, digits: int = 1) -> str:
    return f"{100 * value:.{digits}f}%"


def signed_pct(value: float) -> str:
    return f"{100 * value:+.1f}%".replace("-", "−")


@cache
def frames() -> dict[str, pd.DataFrame]:
    users = load("users", start=COURSE_ROOT)
    users = users.assign(signup_day=users["signup_at"].dt.tz_localize(None).dt.floor("D"))
    raw = load("activity", start=COURSE_ROOT)
    staff_ids = users.loc[users["email_domain"].isin(STAFF), "user_id"]
    clean = raw.drop_duplicates()
    clean = clean[(clean["sessions"] > 0) & ~clean["user_id"].isin(staff_ids)]
    clean = clean.merge(users[["user_id", "signup_day"]], on="user_id").assign(
        age=lambda f: (f["date"] - f["signup_day"]).dt.days)
    subs = load("subscriptions", start=COURSE_ROOT)
    mrr = subs.pivot_table(index="account_id", columns="month", values="mrr", aggfunc="sum", fill_value=0)
    return {"users": users, "raw": raw, "activity": clean, "subs": subs, "mrr": mrr,
            "spend": load("marketing_spend", start=COURSE_ROOT)}


def product_cells() -> dict[str, str]:
    """Product section: the 'what the data shows' cell of each planted truth, and the workspaces line."""
    f = frames()
    users, raw, activity = f["users"], f["raw"], f["activity"]
    real = users[~users["email_domain"].isin(STAFF)]
    daily = real.groupby("signup_day").size()
    weekly = daily.rolling(28).mean()
    dau = activity.groupby(["date", "platform"])["user_id"].nunique().unstack()
    dau_all = activity.groupby("date")["user_id"].nunique()
    weekend = dau.index.day_of_week >= 5
    ratio = dau[~weekend].mean() / dau[weekend].mean()
    ratio_all = dau_all[~weekend].mean() / dau_all[weekend].mean()
    holidays = dau.loc["2025-12-22":"2026-01-01"].mean()
    around = pd.concat([dau.loc["2025-12-01":"2025-12-14"], dau.loc["2026-01-05":"2026-01-18"]]).mean()
    dip = holidays / around
    last_day = activity["date"].max()
    cohort = real[real["signup_day"] + pd.Timedelta(days=60) <= last_day].set_index("user_id")
    aha = activity[(activity["age"] < 7) & (activity["boards_shared"] > 0)]["user_id"].unique()
    retained = activity[activity["age"] >= 30]["user_id"].unique()
    table = pd.DataFrame({"activated": cohort.index.isin(aha), "retained": cohort.index.isin(retained)})
    rates = table.groupby("activated")["retained"].mean()

    def classic(n: int) -> float:
        ids = real.loc[real["signup_day"] + pd.Timedelta(days=n) <= last_day, "user_id"]
        return activity[(activity["age"] == n) & activity["user_id"].isin(ids)]["user_id"].nunique() / len(ids)

    ids30 = real.loc[real["signup_day"] + pd.Timedelta(days=30) <= last_day, "user_id"]
    unbounded30 = activity[(activity["age"] >= 30) & activity["user_id"].isin(ids30)]["user_id"].nunique() / len(ids30)
    before = dau.loc[INCIDENT - pd.Timedelta(days=21):INCIDENT - pd.Timedelta(days=1)].mean()
    after = dau.loc[INCIDENT + pd.Timedelta(days=14):INCIDENT + pd.Timedelta(days=34)].mean()
    change = after / before - 1
    staff = users["email_domain"].isin(STAFF)
    staff_rows = raw["user_id"].isin(users.loc[staff, "user_id"]).mean()
    dup = raw.duplicated()
    push = raw["sessions"] == 0
    local_day = pd.concat([group["signup_at"].dt.tz_convert(zone).dt.tz_localize(None).dt.floor("D")
                           for zone, group in users.groupby("timezone")]).reindex(users.index)
    other_day = (local_day != users["signup_day"]).mean()
    members = real.groupby("account_id").size()
    invited = (real["joined_via"] == "invite").mean()
    return {
        "workspaces": (f"{len(users):,} sign-ups in {members.size:,} workspaces; {pct(invited, 0)} of sign-ups "
                       f"accepted an invitation; {pct((members >= 2).mean(), 0)} of workspaces have 2 or more members "
                       f"(largest {members.max()})"),
        "growth": (f"28-day average of daily sign-ups, end of Feb 2026 / end of April 2025: "
                   f"{weekly.loc['2026-02-27'] / weekly.loc['2025-04-30']:.2f}; 2–6 March / 6–10 April: "
                   f"{daily.loc['2025-03-02':'2025-03-06'].mean() / daily.loc['2025-04-06':'2025-04-10'].mean():.2f}"),
        "weekday": (f"DAU weekday/weekend: web {ratio['web']:.2f}, iOS {ratio['ios']:.2f}, Android "
                    f"{ratio['android']:.2f} (all platforms {ratio_all:.2f})"),
        "holidays": f"holiday DAU / surrounding weeks: {dip.min():.2f}–{dip.max():.2f} on every platform",
        "aha": (f"activation {pct(table['activated'].mean())} (cohorts ≥ 60 days old); unbounded day-30 retention "
                f"{pct(rates[True])} activated vs {pct(rates[False])} not"),
        "curves": ("classic N-day: " + ", ".join(f"D{n} {pct(classic(n))}" for n in (1, 7, 14, 30, 60, 90))
                   + f"; unbounded D30 {pct(unbounded30)}"),
        "incident": (f"Android DAU, days +14…+34 vs the 3 weeks before: {signed_pct(change['android'])} (≈ "
                     f"{round(before['android'] - after['android'], -1):.0f} fewer daily users); iOS "
                     f"{signed_pct(change['ios'])}, web {signed_pct(change['web'])}"),
        "staff": f"{int(staff.sum())} users; {pct(staff_rows)} of activity rows",
        "duplicates": f"{int(dup.sum()):,} exact duplicate rows ({pct(dup.mean(), 2)})",
        "push": f"{int(push.sum()):,} rows ({pct(push.mean())}), all iOS/Android",
        "timezones": f"{pct(other_day)} of users signed up on another calendar day locally",
    }


def billing_cells() -> dict[str, str]:
    """Billing section: the 'what the data shows' cell of each planted truth."""
    f = frames()
    users, activity, subs, mrr, spend = f["users"], f["activity"], f["subs"], f["mrr"], f["spend"]
    real = users[~users["email_domain"].isin(STAFF)]
    feb_month = mrr.columns[-1]
    feb = mrr[feb_month]
    prev, cur = mrr.shift(1, axis=1).fillna(0).iloc[:, 3:], mrr.iloc[:, 3:]  # June 2025 on
    logo = ((prev > 0) & (cur == 0)).sum() / (prev > 0).sum()
    change = cur - prev
    kept = prev.sum() + change.where((prev > 0) & (change > 0), 0).sum() - (-change).where(
        (prev > 0) & (cur > 0) & (change < 0), 0).sum() - prev.where((prev > 0) & (cur == 0), 0).sum()
    nrr = kept / prev.sum()
    first = mrr[mrr.columns[0]]
    base = first > 0
    trailing_nrr = mrr.loc[base, feb_month].sum() / first[base].sum()
    trailing_grr = np.minimum(mrr.loc[base, feb_month], first[base]).sum() / first[base].sum()
    paid_rows = subs[(subs["month"] == feb_month) & (subs["mrr"] > 0)]
    month = activity["date"].dt.to_period("M").dt.to_timestamp()
    account = activity["user_id"].map(real.set_index("user_id")["account_id"])
    active_feb = activity[month == feb_month].assign(account_id=account).groupby("account_id")["user_id"].nunique()
    active_paying = active_feb.reindex(paid_rows["account_id"], fill_value=0).sum()
    creators = real[real["joined_via"] == "new_workspace"].set_index("account_id")["country"]
    outside = ~feb.index.map(creators).isin(SERVED)
    last_row = subs.sort_values("month").groupby("account_id").tail(1)
    vanished = last_row[(last_row["month"] < feb_month) & (last_row["mrr"] > 0)]
    first_paid = subs[subs["mrr"] > 0].groupby("account_id")["month"].min()
    owners = real[real["joined_via"] == "new_workspace"].set_index("account_id")["channel"]
    new_paying = owners.reindex(first_paid.index).value_counts()
    usd = (spend["spend"] * spend["usd_per_unit"]).groupby(spend["channel"]).sum()
    cac = (usd / new_paying.reindex(usd.index)).sort_values()
    local = spend["spend"].groupby(spend["channel"]).sum()
    too_low = 1 - local / usd
    spaces = real.assign(paid=real["account_id"].isin(first_paid.index)).groupby("account_id").agg(
        members=("user_id", "size"), paid=("paid", "first"))
    paid_by_team = spaces.groupby(np.minimum(spaces["members"], 3))["paid"].mean()
    return {
        "conversion": (f"{pct(paid_by_team[1])} of one-member workspaces ever paid, {pct(paid_by_team[2])} of "
                       f"two-member ones, {pct(paid_by_team[3])} of larger teams; activated workspaces pay > 3× as "
                       "often; conversion rises with company size"),
        "movements": (f"{mrr.shape[0]:,} workspaces ever paid, {int((feb > 0).sum()):,} paying in Feb 2026, MRR "
                      f"${feb.sum():,.2f} in Feb 2026; logo churn {pct(logo.min())}–{pct(logo.max())} a month "
                      f"(June 2025 on, mean {pct(logo.mean())}); monthly NRR {nrr.min():.3f}–{nrr.max():.3f}; "
                      f"trailing NRR {trailing_nrr:.3f} and GRR {trailing_grr:.3f} (the {int(base.sum())} workspaces "
                      "paying in March 2025, March 2025 → Feb 2026)"),
        "seats": (f"Feb 2026: {paid_rows['seats'].sum():,} billed seats in {len(paid_rows):,} paying workspaces "
                  f"({paid_rows['seats'].mean():.1f} each); {active_paying / paid_rows['seats'].sum():.2f} members "
                  "active in the month per billed seat; revenue per billed seat "
                  f"${feb.sum() / paid_rows['seats'].sum():.2f}"),
        "markets": (f"{pct(feb[outside].sum() / feb.sum())} of Feb 2026 MRR from workspaces created outside North "
                    "America and Europe; spend only in those two regions"),
        "deleted": f"{len(vanished)} accounts whose last row is paid and before Feb 2026",
        "cac": "CAC (USD): " + ", ".join(f"{name.replace('_', ' ')} {value:,.0f}" for name, value in cac.items()),
        "eur": (f"unconverted totals are {pct(too_low.min())}–{pct(too_low.max())} too low for each channel"),
    }


@cache
def cells() -> list[tuple[str, str]]:
    return [*(("product", c) for c in product_cells().values()), *(("billing", c) for c in billing_cells().values())]


@pytest.mark.parametrize("index", range(18))
def test_the_document_states_what_the_data_shows(index):
    section, cell = cells()[index]
    assert cell in DOC.read_text(encoding="utf-8"), f"{section}: the document should say {cell!r}"


def test_every_cell_is_checked():
    assert len(cells()) == 18


def test_every_number_in_the_product_and_billing_tables_is_one_of_these_cells():
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index("## People and product:"), text.index("## Market research:")
    rendered = " ".join(cell for _, cell in cells())
    for line in text[start:end].splitlines():
        if not line.startswith("| ") or line.startswith("| ---") or line.startswith("| planted truth"):
            continue
        shown = line.split(" | ")[2]
        for number in re.findall(r"\d[\d,.]*\d|\d", shown):
            assert number in rendered, f"{number} in {shown!r} is not measured by this test"


if __name__ == "__main__":
    for section, cell in cells():
        print(f"[{section}] {cell}")
