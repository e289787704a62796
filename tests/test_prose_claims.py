"""Numbers the notebooks' prose and mark schemes quote about Kanbo's product and billing data.

Each claim is a template: the test fills it with the value measured from the frozen data (rounded
as the prose rounds it) and finds the sentence in the master notebook, so a change to the world that
moves a quoted number fails here with the sentence it should now read. The facts use the notebooks'
own definitions, written the plain way. Run this file as a script to print every claim as it should read.
"""

from __future__ import annotations

import json
from functools import cache

import pandas as pd
import pytest

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

STAFF = ["kanbo.io", "qa.kanbo.io"]
EXPORT_END = pd.Timestamp("2026-02-28")
FEB = pd.Timestamp("2026-02-01")
MONTHS = pd.date_range("2025-03-01", "2026-02-01", freq="MS")


def signed(value: float) -> str:
    """A whole percentage with its sign, minus as in print ("−4%", "+1%")."""
    return f"{value:+.0f}%".replace("-", "−")


def r(value: float, step: float) -> float:
    """`value` rounded to the nearest multiple of `step`, as prose rounds ("about 540")."""
    return round(value / step) * step


@cache
def tables() -> dict[str, pd.DataFrame]:
    users = load("users", start=COURSE_ROOT)
    users = users[~users["email_domain"].isin(STAFF)].copy()
    users["signup_date"] = users["signup_at"].dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
    raw = load("activity", start=COURSE_ROOT)
    activity = raw.drop_duplicates()
    activity = activity[(activity["sessions"] > 0) & activity["user_id"].isin(users["user_id"])]
    activity = activity.merge(users[["user_id", "signup_date", "channel"]], on="user_id")
    activity["day"] = (activity["date"] - activity["signup_date"]).dt.days
    subs = load("subscriptions", start=COURSE_ROOT)
    mrr = subs.pivot_table(index="account_id", columns="month", values="mrr", aggfunc="sum").reindex(
        columns=MONTHS).fillna(0.0)
    return {"users": users, "raw": raw, "activity": activity, "mrr": mrr,
            "spend": load("marketing_spend", start=COURSE_ROOT)}


@cache
def facts() -> dict[str, float]:
    t = tables()
    users, activity, mrr, spend = t["users"], t["activity"], t["mrr"], t["spend"]
    f: dict[str, float] = {"raw_rows": len(t["raw"])}
    # Engagement: activation, its retention gap, stickiness.
    sharers = activity.loc[activity["day"].between(0, 6) & (activity["boards_shared"] > 0), "user_id"].unique()
    signup = users.set_index("user_id")["signup_date"]
    activated = pd.Series(signup.index.isin(sharers), index=signup.index)
    f["activation"] = activated[signup <= EXPORT_END - pd.Timedelta(days=6)].mean()
    last_day = activity.groupby("user_id")["day"].max()
    eligible = signup[signup <= EXPORT_END - pd.Timedelta(days=30)].index
    kept = last_day.reindex(eligible, fill_value=-1) >= 30
    by_activation = kept.groupby(activated[eligible]).mean()
    f["d30_activated"], f["d30_not"] = by_activation[True], by_activation[False]
    dau = activity.groupby("date")["user_id"].nunique()
    month = activity["date"].dt.to_period("M").dt.to_timestamp()
    stickiness = dau.groupby(dau.index.to_period("M").to_timestamp()).mean() / activity.groupby(month)[
        "user_id"].nunique()
    f["stick_lo"], f["stick_hi"] = stickiness.min(), stickiness.max()
    # Retention: classic day-N (pooled over the users old enough), unbounded D30, by channel.
    age = (EXPORT_END - signup).dt.days
    days = activity[["user_id", "day", "channel"]].drop_duplicates(["user_id", "day"])
    for n in (1, 7, 30, 60, 90):
        f[f"d{n}"] = days.loc[days["day"] == n, "user_id"].nunique() / (age >= n).sum()
    f["unbounded_d30"] = (last_day.reindex(signup.index, fill_value=-1)[age >= 30] >= 30).mean()
    channel = users.set_index("user_id")["channel"]
    d30_channel = (days[days["day"] == 30].groupby("channel")["user_id"].nunique()
                   / channel[age >= 30].value_counts())
    f["d30_paid_social"] = d30_channel["paid_social"]
    f["d30_others_lo"], f["d30_others_hi"] = d30_channel.drop("paid_social").min(), d30_channel.drop(
        "paid_social").max()
    # Revenue: churn, ARPA, LTV, CAC and payback by channel.
    prev = mrr.shift(1, axis=1).fillna(0.0)
    lost = ((prev > 0) & (mrr == 0)).sum().iloc[1:]
    f["churn"] = lost.sum() / (prev > 0).sum().iloc[1:].sum()
    feb = mrr[FEB]
    f["arpa"] = feb.sum() / (feb > 0).sum()
    f["ltv"] = f["arpa"] * 0.8 / f["churn"]
    creators = users[users["joined_via"] == "new_workspace"].set_index("account_id")["channel"]
    paying = mrr.index.to_series().map(creators).value_counts()
    usd = (spend["spend"] * spend["usd_per_unit"]).groupby(spend["channel"]).sum()
    cac = usd / paying.reindex(usd.index)
    for name in cac.index:
        f[f"cac_{name}"] = cac[name]
        f[f"payback_{name}"] = cac[name] / (f["arpa"] * 0.8)
        f[f"ltv_cac_{name}"] = f["ltv"] / cac[name]
    f["paying_paid_social"] = paying["paid_social"]
    others = cac.drop("paid_social")
    f["cac_ratio_lo"], f["cac_ratio_hi"] = cac["paid_social"] / others.max(), cac["paid_social"] / others.min()
    f["payback_others_lo"] = (others / (f["arpa"] * 0.8)).min()
    f["payback_others_hi"] = (others / (f["arpa"] * 0.8)).max()
    f["ltv_cac_others_lo"], f["ltv_cac_others_hi"] = (f["ltv"] / others).min(), (f["ltv"] / others).max()
    # Capstone: the Android drop over the pinned whole-week windows, sessions by version.
    before, after = pd.date_range("2026-01-06", "2026-01-19"), pd.date_range("2026-02-03", "2026-02-23")
    daily = activity.groupby(["date", "platform"])["user_id"].nunique().unstack(fill_value=0)
    for name in ("android", "ios", "web"):
        b, a = daily[name].reindex(before, fill_value=0).mean(), daily[name].reindex(after, fill_value=0).mean()
        f[f"{name}_before"], f[f"{name}_after"], f[f"{name}_change"] = b, a, 100 * (a / b - 1)
    late = activity[(activity["platform"] == "android") & activity["date"].between("2026-01-27", EXPORT_END)]
    sessions = late.groupby("app_version")["sessions"].mean()
    f["sessions_540"], f["sessions_53x"] = sessions["5.4.0"], sessions.drop("5.4.0").mean()
    return f


def claims() -> list[tuple[str, str]]:
    """(master notebook, the sentence as it must read), filled from the measured facts."""
    f = facts()
    pct = lambda key: f"{100 * f[key]:.0f}%"  # noqa: E731
    eng, ret, rev = "02-kpis/engagement", "02-kpis/retention", "02-kpis/revenue"
    cap = "05-capstone/wednesday_to_friday"
    return [
        (eng, f"about {r(f['raw_rows'], 1000):,.0f} of them"),
        (eng, f"activation (board shared in days\n  0–6; about {pct('activation')})"),
        (eng, f"stickiness or weekly frequency (about {f['stick_lo']:.2f}–{f['stick_hi']:.2f})"),
        (eng, f"unbounded D30 ≈ {pct('d30_activated')} vs ≈ {pct('d30_not')}"),
        (ret, f"(D1 ≈ {pct('d1')}, D7 ≈ {pct('d7')})"),
        (ret, f"(D30 ≈ {pct('d30')}, D60 ≈ {pct('d60')}, D90 ≈ {pct('d90')}; "
              f"unbounded D30 ≈ {pct('unbounded_d30')})"),
        (rev, f"its CAC (≈ ${r(f['cac_paid_social'], 10):,.0f}) is about "
              f"{f['cac_ratio_lo']:.0f}–{f['cac_ratio_hi']:.0f}× the others"),
        (rev, f"(partners\n  ≈ ${r(f['cac_partners'], 10):,.0f}, paid search ≈ ${r(f['cac_paid_search'], 10):,.0f}, "
              f"content ≈ ${r(f['cac_content'], 10):,.0f})"),
        (rev, f"its payback (≈ {f['payback_paid_social']:.0f} months)"),
        (rev, f"(≈ {f['payback_others_lo']:.0f}–{f['payback_others_hi']:.0f} months)"),
        (rev, f"({f['paying_paid_social']:.0f} paying workspaces from it)"),
        (rev, f"(classic D30 ≈ {pct('d30_paid_social')} vs ≈ {100 * f['d30_others_lo']:.0f}–"
              f"{100 * f['d30_others_hi']:.0f}% for the other channels)"),
        (rev, f"(≈ ${r(f['ltv'], 10):,.0f} simple LTV on margin): LTV/CAC ≈ {f['ltv_cac_paid_social']:.1f} for paid "
              f"social vs ≈ {f['ltv_cac_others_lo']:.0f}–{f['ltv_cac_others_hi']:.0f}"),
        (rev, f"with ~{pct('churn')} monthly churn (a typical\n  workspace lasts ~{1 / f['churn']:.0f} months)"),
        (cap, f"about {f['sessions_540']:.1f} vs {f['sessions_53x']:.1f}"),
        (cap, f"Android DAU about {signed(f['android_change'])} (≈ {r(f['android_before'], 10):.0f} → "
              f"≈ {r(f['android_after'], 10):.0f}, ≈ {r(f['android_before'] - f['android_after'], 10):.0f} fewer "
              "daily users)"),
        (cap, f"(≈ {signed(f['ios_change'])} and {signed(f['web_change'])})"),
    ]


def master_text(notebook: str) -> str:
    nb = json.loads((COURSE_ROOT / "solutions" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in nb["cells"])


@pytest.mark.parametrize("index", range(17))
def test_a_number_the_prose_quotes_is_the_number_the_data_gives(index):
    notebook, sentence = claims()[index]
    assert sentence in master_text(notebook), f"{notebook} should say: {sentence!r}"


def test_every_claim_is_tested():
    assert len(claims()) == 17


if __name__ == "__main__":
    for notebook, sentence in claims():
        print(f"{notebook}: {sentence}")
