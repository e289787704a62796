"""Numbers the notebooks' prose and mark schemes quote about Kanbo's data.

Each claim is a template: the test fills it with the value measured from the frozen data (rounded
as the prose rounds it) and finds the sentence in the master notebook, so a change to the world that
moves a quoted number fails here with the sentence it should now read. The facts use the notebooks'
own definitions, written the plain way. A claim that is a word rather than a number ("lowest", "enters",
"held") is rendered from the data too, with the opposite word when the data says otherwise. Sentences are
compared with whitespace collapsed, so the wrapping of a paragraph does not matter; code cells count too
(capstone's `PLAN_04`). Run this file as a script to print every claim as it should read.
"""

from __future__ import annotations

import json
import math
from functools import cache

import numpy as np
import pandas as pd
import pytest
from kanbo_measures import (
    KANO_ORDER,
    KANO_TABLE,
    TIE_ORDER,
    VW,
    best_sets,
    consistent,
    deps,
    price_points,
    scorecard_p_value,
)
from scipy import stats
from statsmodels.stats.multitest import multipletests

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


def minus(text: str) -> str:
    """Minus signs as in print ("−11", "−0.5")."""
    return text.replace("-", "−")


def sign(value: float, spec: str) -> str:
    """`value` formatted with its sign as in print ("+45", "−11", "+30%")."""
    return minus(format(value, spec))


WORDS = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                       "fifteen sixteen seventeen eighteen nineteen twenty".split()))
FRACTIONS = {"a fifth": 1 / 5, "a quarter": 1 / 4, "a third": 1 / 3, "half": 1 / 2, "two thirds": 2 / 3,
             "three quarters": 3 / 4}


def word(n: float) -> str:
    """A small count in words, as prose writes it ("about three")."""
    return WORDS.get(round(n), f"{round(n)}")


def fraction(share: float) -> str:
    """The nearest plain fraction ("a quarter", "half") of a share between 0 and 1."""
    return min(FRACTIONS, key=lambda name: abs(FRACTIONS[name] - share))


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def said(condition: bool, yes: str, no: str) -> str:
    """The words the prose uses when the data bears it out, the opposite otherwise (so the claim fails)."""
    return yes if condition else no


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
    # Cohort LTV (margin) of the first cohort after 12 months; monthly and trailing NRR/GRR.
    first = mrr[MONTHS[0]]
    base = first > 0
    f["cohort_ltv_12"] = mrr[base].sum().sum() * 0.8 / base.sum()
    f["n_trailing_base"] = base.sum()
    f["nrr_trailing"] = mrr.loc[base, FEB].sum() / first[base].sum()
    f["grr_trailing"] = np.minimum(mrr.loc[base, FEB], first[base]).sum() / first[base].sum()
    change = (mrr - prev).iloc[:, 1:]
    start = prev.iloc[:, 1:]
    expansion = change.where((start > 0) & (change > 0), 0).sum()
    loss = (-change).where((start > 0) & (change < 0), 0).sum()  # contraction and churn
    nrr = (start.sum() + expansion - loss) / start.sum()
    f["nrr_pooled"] = (start.sum() + expansion - loss).sum() / start.sum().sum()
    f["nrr_chained"] = nrr.prod()
    paid_age = pd.DataFrame(np.arange(len(MONTHS))[None, :] - (mrr > 0).to_numpy().argmax(axis=1)[:, None],
                       index=mrr.index, columns=MONTHS).shift(1, axis=1).iloc[:, 1:]  # age in month m − 1
    kept_by_age = {name: ((start + change).where(rows, 0).sum().sum() / start.where(rows, 0).sum().sum())
                   for name, rows in (("young", (start > 0) & (paid_age < 3)), ("old", (start > 0) & (paid_age >= 6)))}
    f["nrr_young"], f["nrr_old"] = kept_by_age["young"], kept_by_age["old"]
    f["young_share"] = ((start > 0) & (paid_age < 3)).sum().sum() / (start > 0).sum().sum()
    f["nrr_month_0"] = (start + change).where((start > 0) & (paid_age == 0), 0).sum().sum() / start.where(
        (start > 0) & (paid_age == 0), 0).sum().sum()
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


def product_claims() -> list[tuple[str, str]]:
    """02's engagement, retention and revenue and the capstone's Android drop, from `facts()`."""
    f = facts()
    pct = lambda key: f"{100 * f[key]:.0f}%"  # noqa: E731
    eng, ret, rev = "02-kpis/engagement", "02-kpis/retention", "02-kpis/revenue"
    cap = "06-capstone/wednesday_to_friday"
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
        (rev, f"with ~{pct('churn')} monthly churn (a typical\n  workspace lasts ~{1 / f['churn']:.0f} months) and a "
              f"trailing NRR of ≈ {pct('nrr_trailing')}"),
        (rev, f"the March 2025 cohort has brought ≈ ${r(f['cohort_ltv_12'], 10):,.0f} of margin per workspace in its "
              f"first 12 months, {said(abs(f['cohort_ltv_12'] / f['cac_partners'] - 1) < 0.1, 'about', 'not')} the "
              f"CAC of partners and about {fraction(f['cohort_ltv_12'] / f['cac_paid_social'])} of paid social's"),
        (rev, f"A monthly NRR of {pct('nrr_pooled')} sounds close"),
        (rev, "their chained product printed above: the trailing figure is "
              f"{said(f['nrr_trailing'] < f['nrr_chained'] - 0.1, 'much lower', 'not much lower')}"),
        (rev, f"each month's base is {said(f['young_share'] > 0.5, 'mostly', 'partly')} workspaces in their first "
              f"months, which {said(f['nrr_month_0'] > 1, 'still add', 'no longer add')} seats, while a base that ages "
              f"through the whole window loses {said(f['nrr_old'] < f['nrr_young'], 'more', 'less')} every month"),
        (rev, f"the base is only the {f['n_trailing_base']:.0f} workspaces that paid in March 2025"),
        (cap, f"about {f['sessions_540']:.1f} vs {f['sessions_53x']:.1f}"),
        (cap, f"Android DAU about {signed(f['android_change'])} (≈ {r(f['android_before'], 10):.0f} → "
              f"≈ {r(f['android_after'], 10):.0f}, ≈ {r(f['android_before'] - f['android_after'], 10):.0f} fewer "
              "daily users)"),
        (cap, f"(≈ {signed(f['ios_change'])} and {signed(f['web_change'])})"),
    ]




# --- 00 · the PM's calendar -----------------------------------------------------------------------------------

FOCUS = {"vision_roadmap": "strategy", "market_research": "strategy", "metrics": "strategy", "backlog": "execution",
         "launch": "execution", "stakeholders": "execution", "team": "execution", "admin": "overhead"}


@cache
def orientation_facts() -> dict[str, object]:
    calendar = load("pm_calendar", start=COURSE_ROOT)
    confirmed = calendar[calendar["status"] == "confirmed"]
    hours = confirmed.groupby("responsibility")["duration_min"].sum() / 60
    focus = hours.groupby(hours.index.map(FOCUS)).sum()
    week = (confirmed["date"] - pd.Timestamp("2026-02-02")).dt.days // 7 + 1
    weekly = confirmed.pivot_table(index=week, columns="responsibility", values="duration_min", aggfunc="sum",
                                   fill_value=0)
    return {"top": hours.idxmax(), "top_share": hours.max() / hours.sum(),
            "strategy_share": focus["strategy"] / (focus["strategy"] + focus["execution"]),
            "research_peak": weekly["market_research"].idxmax(), "roadmap_peak": weekly["vision_roadmap"].idxmax()}


def orientation_claims() -> list[tuple[str, str]]:
    f, nb = orientation_facts(), "00-orientation/pm_job_in_data"
    return [
        (nb, f"the {f['top']} is the largest tag at about {fraction(f['top_share'])} of confirmed hours"),
        (nb, f"strategy share is about {fraction(f['strategy_share'])} of strategy + execution time"),
        (nb, f"research fades after week {f['research_peak']} and roadmap work bunches up in week "
             f"{f['roadmap_peak']}"),
    ]


# --- 01 · market research ---------------------------------------------------------------------------------------

KANO_NAMES = {"M": "Must-be", "O": "One-dimensional", "A": "Attractive", "I": "Indifferent", "R": "Reverse",
              "Q": "Questionable"}


def nps(scores: pd.Series) -> float:
    scores = scores.dropna()
    return 100 * ((scores >= 9).mean() - (scores <= 6).mean())


def kano_category(survey: pd.DataFrame, feature: str) -> str:
    """The most frequent Kano category of a feature (ties M > O > A > I > R > Q)."""
    pairs = survey[[f"kano_{feature}_functional", f"kano_{feature}_dysfunctional"]].dropna()
    cats = [KANO_TABLE[KANO_ORDER.index(f)][KANO_ORDER.index(d)] for f, d in pairs.itertuples(index=False)]
    return str(pd.Series(cats).value_counts().reindex(TIE_ORDER, fill_value=0).idxmax())


@cache
def market_facts() -> dict[str, object]:
    raw = load("survey_responses", start=COURSE_ROOT)
    survey = raw[raw["email_domain"] != "kanbo.io"].sort_values("submitted_at").drop_duplicates("respondent_id")
    customers = survey[survey["respondent_type"] == "customer"]
    kept = consistent(survey)
    sizing = load("market_sizing", start=COURSE_ROOT)
    adopters = sizing["firms"] * sizing["task_tool_adoption"] * 12 * 8.0  # the Team list price, a year
    bottom_up, top_down = adopters * sizing["avg_seats_per_account"], adopters * sizing["avg_employees"] * sizing[
        "knowledge_worker_share"]
    in_sam = sizing["region"].isin(["North America", "Europe"]) & sizing["size_band"].isin(
        ["11-50", "51-200", "201-1000"])
    grid = load("competitors", start=COURSE_ROOT).set_index("product")
    features = grid.filter(like="feat_").rename(columns=lambda c: c.removeprefix("feat_"))
    has = (features.drop(index="Kanbo") == "has").sum()
    return {"nps": customers.groupby("company_size")["nps"].apply(nps),
            "vw": {size: price_points(group[list(VW)]) for size, group in kept.groupby("company_size")},
            "offline_kano": KANO_NAMES[kano_category(survey, "offline_mode")],
            "gaps": {f for f in has.index if features.loc["Kanbo", f] == "none" and has[f] >= 4}, "has": has,
            "competitors": len(grid) - 1, "products": len(grid),
            "price_rank": int((grid["team_price"] < grid.loc["Kanbo", "team_price"]).sum()) + 1,
            "sam": bottom_up[in_sam].sum(), "som": 0.03 * bottom_up[in_sam].sum(),
            "gap_ratio": top_down.sum() / bottom_up.sum()}


def market_claims() -> list[tuple[str, str]]:
    f, nb = market_facts(), "01-market-research/market_research"
    nps_, vw = f["nps"], f["vw"]
    small = vw["1-10"]

    def price(size: str) -> str:
        p = vw[size]
        about = f"${p['OPP']:.0f}" if round(p["OPP"]) == round(p["IPP"]) else f"${p['OPP']:.0f}–{p['IPP']:.0f}"
        return (f"for {size} about {about} (OPP ${p['OPP']:.2f}, IPP ${p['IPP']:.2f}, range ${p['PMC']:.0f}–"
                f"{p['PME']:.0f})")

    def gap(feature: str) -> str:
        return said(feature in f["gaps"], "a Kanbo gap", "not a Kanbo gap")

    lowest = all(small["PME"] <= p["PME"] and small["OPP"] <= p["OPP"] for p in vw.values())
    return [
        (nb, f"{nps_.idxmax()} has the highest NPS (about {sign(nps_[nps_.idxmax()], '+.0f')}) but the "
             f"{said(lowest, 'lowest', 'not the lowest')} acceptable prices (PME about ${small['PME']:.0f}, OPP "
             f"about ${small['OPP']:.0f})"),
        (nb, f"201-1000 and 1000+ have low or negative NPS (about {sign(nps_['201-1000'], '+.0f')} and "
             f"{sign(nps_['1000+'], '+.0f')},"),
        (nb, price("11-50") + ";"),
        (nb, price("51-200") + "."),
        (nb, f"offline mode is a {f['offline_kano']} feature and {gap('offline_mode')} that "
             f"{f['has']['offline_mode']} of {f['competitors']} competitors have"),
        (nb, f"SSO is {said('sso' in f['gaps'], 'a gap', 'not a gap')} too ({f['has']['sso']} of "
             f"{f['competitors']} competitors have it)"),
        (nb, f"Kanbo is {ordinal(f['price_rank'])} of {f['products']} on Team price"),
        (nb, f"bottom-up SAM ≈ ${f['sam'] / 1e9:.2f} bn/yr and SOM ≈ ${f['som'] / 1e6:.0f} m/yr"),
        (nb, f"The methods disagree by a factor of about {word(f['gap_ratio'])}"),
    ]


# --- 02 · retention: sign-up days and the weekly cohort table ---------------------------------------------------

@cache
def cohort_facts() -> dict[str, float]:
    t = tables()
    users, activity = t["users"], t["activity"]
    local = pd.concat([group["signup_at"].dt.tz_convert(zone).dt.tz_localize(None).dt.normalize()
                       for zone, group in users.groupby("timezone")])
    other_day = (local.reindex(users.index) != users["signup_date"]).mean()
    monday = lambda s: s - pd.to_timedelta(s.dt.day_of_week, unit="D")  # noqa: E731
    last_full = pd.Timestamp("2026-02-16")
    weeks = pd.date_range("2025-02-24", last_full, freq="7D")
    cohort = monday(activity["signup_date"])
    week = (monday(activity["date"]) - cohort).dt.days // 7
    active = activity.groupby([cohort, week])["user_id"].nunique().unstack(fill_value=0)
    active = active.reindex(index=weeks, columns=range(52), fill_value=0)
    table = active.div(monday(users["signup_date"]).value_counts().reindex(weeks), axis=0)
    observed = (weeks.to_numpy()[:, None] + pd.to_timedelta(7 * np.arange(52), unit="D").to_numpy()[None, :]
                ) <= last_full.to_datetime64()
    typical = table.where(observed).mean()  # the mean cohort, week by week
    return {"other_day": other_day, "week1": typical[1], "week4": typical[4], "week12": typical[12],
            "late_lo": typical.loc[20:30].min(), "late_hi": typical.loc[20:30].max()}


def cohort_claims() -> list[tuple[str, str]]:
    f, nb = cohort_facts(), "02-kpis/retention"
    return [
        (nb, f"about one user in {word(1 / f['other_day'])} signed up on another calendar day"),
        (nb, f"in the weekly table a cohort falls from ≈ {f['week1']:.0%} in week 1 to ≈ {f['week4']:.0%} in week 4 "
             f"and ≈ {f['week12']:.0%} in week 12, then settles around {100 * f['late_lo']:.0f}–"
             f"{100 * f['late_hi']:.0f}% by weeks 20–30"),
    ]


# --- 03 · A/B testing -------------------------------------------------------------------------------------------

Z95 = stats.norm.ppf(0.975)
BOUNDARY = 0.005  # the readout's practical-significance boundary (+0.5 pp)
# The scorecard's planted truths (docs/world-ground-truth.md): the metrics the redesign really moves, and
# those of them its sample can show.
SCORECARD_DETECTABLE = {"viewed_plan_comparison", "signed_up_14d", "opened_faq", "bounced", "time_on_page_sec"}
SCORECARD_TRUE = SCORECARD_DETECTABLE | {"started_paid_14d", "revenue_14d"}


def experiment(name: str) -> pd.DataFrame:
    return load(f"experiments/{name}", start=COURSE_ROOT)


def srm_p(variants: pd.Series) -> float:
    """χ² goodness of fit of the arm counts against the designed 50/50."""
    return float(stats.chisquare(variants.value_counts().reindex(["control", "treatment"], fill_value=0)).pvalue)


def arms(frame: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series]:
    return frame.loc[frame["variant"] == "control", column], frame.loc[frame["variant"] == "treatment", column]


def two_proportions(control: pd.Series, treatment: pd.Series) -> dict[str, float]:
    """Pooled-SE z-test, unpooled 95% CI of the difference, delta-method 95% CI of the relative lift."""
    n_c, n_t, p_c, p_t = len(control), len(treatment), control.mean(), treatment.mean()
    pooled = (control.sum() + treatment.sum()) / (n_c + n_t)
    z = (p_t - p_c) / np.sqrt(pooled * (1 - pooled) * (1 / n_c + 1 / n_t))
    var_c, var_t = p_c * (1 - p_c) / n_c, p_t * (1 - p_t) / n_t
    half, rel = Z95 * np.sqrt(var_c + var_t), p_t / p_c - 1
    rel_half = Z95 * np.sqrt(var_t / p_c**2 + p_t**2 * var_c / p_c**4)
    return {"p_c": p_c, "p_t": p_t, "diff": p_t - p_c, "p": 2 * stats.norm.sf(abs(z)), "lo": p_t - p_c - half,
            "hi": p_t - p_c + half, "rel": rel, "rel_lo": rel - rel_half, "rel_hi": rel + rel_half}


def decide(low: float, high: float, boundary: float) -> str:
    """The course's decision rule for a CI of the absolute difference."""
    if low > boundary:
        return "ship"
    if high >= boundary:
        return "rerun with more power"
    return "don't ship" if low > 0 or high < 0 else "iterate or abandon"


@cache
def readout_facts() -> dict[str, object]:
    raw = experiment("signup_form_users")
    variants = raw.groupby("visitor_id")["variant"].nunique()
    s = raw[~raw["visitor_id"].isin(variants[variants > 1].index)]  # crossovers belong to neither arm
    revenue_c, revenue_t = arms(s, "revenue_14d")
    guardrail = two_proportions(*arms(s, "contacted_sales_14d"))
    return {"srm": srm_p(s["variant"]), "signup": two_proportions(*arms(s, "signed_up_14d")),
            "revenue_up": revenue_t.mean() > revenue_c.mean(),
            "revenue_p": stats.ttest_ind(revenue_t, revenue_c, equal_var=False).pvalue,
            "payers": int((s["revenue_14d"] > 0).sum()), "guardrail_lo": guardrail["lo"],
            "boundary_per_day": BOUNDARY * s.groupby("assigned_date").size().mean(),
            "per_day": s.groupby("assigned_date").size(), "days": s["assigned_date"].nunique()}


def brief_size(p1: float, delta: float, traffic: float, lehr: bool = False) -> tuple[int, float, int]:
    """The brief's sizing: n per arm (unpooled formula, or Lehr's 16 p(1 − p) / δ²), days, whole weeks."""
    z2 = (Z95 + stats.norm.ppf(0.8)) ** 2
    n = 16 * p1 * (1 - p1) / delta**2 if lehr else z2 * (p1 * (1 - p1) + (p1 + delta) * (1 - p1 - delta)) / delta**2
    n = int(np.ceil(n))
    return n, 2 * n / traffic, int(np.ceil(2 * n / traffic / 7))


def readout_claims() -> list[tuple[str, str]]:
    f, nb = readout_facts(), "03-ab-testing/readout"
    t = f["signup"]
    pp = lambda x: sign(100 * x, "+.2f")  # noqa: E731
    return [
        (nb, f"SRM χ² test {said(f['srm'] > 0.001, 'passed', 'failed')} (p ≈ {f['srm']:.2f}, well above 0.001)"),
        (nb, f"sign-ups ≈ {t['p_c']:.2%} → {t['p_t']:.2%}, {pp(t['diff'])} pp (95% CI ≈ {pp(t['lo'])} to "
             f"{pp(t['hi'])} pp), relative ≈ {sign(t['rel'], '+.0%')} (delta-method CI ≈ "
             f"{sign(t['rel_lo'], '+.0%')} to {sign(t['rel_hi'], '+.0%')}), p ≈ 1e{np.log10(t['p']):.0f} "
             "two-sided"),
        (nb, f"revenue per visitor {said(f['revenue_up'], 'up', 'down')} but "
             f"{said(f['revenue_p'] > 0.05, 'inconclusive', 'significant')} (p ≈ {f['revenue_p']:.2f}, "
             f"{said(24 <= f['payers'] < 100, 'a few dozen', str(f['payers']))} payers"),
        (nb, f"contact-sales not harmed (CI lower bound {said(f['guardrail_lo'] > -0.005, 'above', 'below')} the "
             "−0.5 pp margin)"),
        (nb, f"decision \"{decide(t['lo'], t['hi'], BOUNDARY)}\" justified by the CI's lower bound ({pp(t['lo'])} pp) "
             "clearing the boundary"),
        (nb, f"with +1.0 pp the CI {said(t['lo'] < 0.01 < t['hi'], 'straddles', 'misses')} it"),
        (nb, f"about {word(f['boundary_per_day'])} extra sign-ups a day"),
        (nb, f"A stakeholder reads \"p = {t['p']:.4f}\" and writes: *\"so there is a "
             f"{100 - 100 * round(t['p'], 4):.2f}% chance"),
        *brief_claims(f, nb),
    ]


def brief_claims(f: dict[str, object], nb: str) -> list[tuple[str, str]]:
    """The brief states planning inputs (close to what the test then measured) and its mark scheme sizes from them."""
    daily, z2 = f["per_day"], (Z95 + stats.norm.ppf(0.8)) ** 2
    weekend = daily.index.day_of_week >= 5
    p1, traffic = round(f["signup"]["p_c"], 3), r(daily.mean(), 50)
    n, days, weeks = brief_size(p1, 0.01, traffic)
    n_b, days_b, weeks_b = brief_size(p1, BOUNDARY, traffic)
    n_15, days_15, weeks_15 = brief_size(p1, 0.015, traffic)
    n_l, days_l, weeks_l = brief_size(p1, 0.01, traffic, lehr=True)
    return [
        (nb, f"about {traffic:.0f} pricing-page visitors a day on average over a full week ("
             + said(daily[weekend].mean() < daily[~weekend].mean(), "more on weekdays, fewer",
                    "fewer on weekdays, more")
             + f" at weekends), about {p1:.1%} of whom sign up within 14 days"),
        (nb, f"with (z₁₋α/₂ + z₁₋β)² ≈ {z2:.2f}"),
        (nb, f"MDE +1 pp ({p1:.1%} → {p1 + 0.01:.1%}, about {sign(0.01 / p1, '+.0%')} relative): n ≈ {z2:.2f} × "
             f"({p1 * (1 - p1):.4f} + {(p1 + 0.01) * (0.99 - p1):.4f}) / 0.0001 ≈ {r(n, 10):,} per arm, "
             f"{r(2 * n, 10):,} visitors / {traffic:.0f} a day ≈ {days:.0f} days → **{weeks} weeks** ({7 * weeks} "
             f"days, Monday to Sunday, {said(f['days'] == 7 * weeks, 'as the test ran', 'unlike the test')})"),
        (nb, f"needs ≈ {r(n_b, 100):,} per arm, ≈ {days_b:.0f} days → {weeks_b} weeks"),
        (nb, f"(+1.5 pp: ≈ {r(n_15, 10):,} per arm, ≈ {days_15:.0f} days → {weeks_15} weeks)"),
        (nb, f"Lehr's rule n ≈ 16 p(1 − p) / δ² (≈ {r(n_l, 10):,} per arm, ≈ {days_l:.0f} days → {weeks_l} weeks)"),
    ]


@cache
def pitfalls_facts() -> dict[str, object]:
    onboarding = experiment("onboarding_users")
    by_platform = {name: group for name, group in onboarding.groupby("platform")}
    board = experiment("board_view_daily")
    board = board[board["date"] < board["date"].max()]  # the export's last day is partial
    wide = board.pivot(index="date", columns="variant", values=["tasks_created", "users_active"]).dropna()
    per_user = wide["tasks_created"] / wide["users_active"]
    reminders = experiment("reminders_users")
    rates = reminders.pivot_table(index="segment", columns="variant", values="viewed_plans_14d")
    pooled = reminders.groupby("variant")["viewed_plans_14d"].mean()
    card = experiment("pricing_page_scorecard").set_index("metric")
    p = card.apply(scorecard_p_value, axis=1)
    kept = {method: set(p.index[multipletests(p, alpha=0.05, method=method)[0]])
            for method in ("bonferroni", "holm", "fdr_bh")}
    # Exercise 7's simulation, exactly as the notebook runs it (a simulation, not data: seeded, so stable).
    rng = np.random.default_rng(2026)
    batch = 4000 // 20
    conversions = rng.binomial(batch, 0.05, size=(2, 20_000, 20)).cumsum(axis=2)
    seen = batch * np.arange(1, 21)
    pool = conversions.sum(axis=0) / (2 * seen)
    z = (conversions[1] - conversions[0]) / seen / np.sqrt(pool * (1 - pool) * 2 / seen)
    # Exercise 5: the cleaned sign-up form test's weekly cycle, and the sample size two- and one-sided.
    signup = experiment("signup_form_users")
    crossed = signup.groupby("visitor_id")["variant"].nunique()
    signup = signup[~signup["visitor_id"].isin(crossed[crossed > 1].index)]
    weekend = signup["assigned_date"].dt.day_of_week >= 5
    daily = signup.groupby("assigned_date").size()
    return {"activation": two_proportions(*arms(onboarding, "activated")),
            "weekend_traffic": daily[daily.index.day_of_week >= 5].mean() / daily[daily.index.day_of_week < 5].mean(),
            "weekend_mobile": (signup.loc[weekend, "device"] == "mobile").mean()
            > (signup.loc[~weekend, "device"] == "mobile").mean(),
            "one_sided": ((stats.norm.ppf(0.95) + stats.norm.ppf(0.8)) / (Z95 + stats.norm.ppf(0.8))) ** 2,
            "srm": {name: srm_p(group["variant"]) for name, group in by_platform.items()},
            "web_p": two_proportions(*arms(by_platform["web"], "activated"))["p"],
            "day1": per_user["treatment"].iloc[0] / per_user["control"].iloc[0] - 1,
            "pooled_diff": pooled["treatment"] - pooled["control"],
            "segment_diff": rates["treatment"] - rates["control"],
            "treated_new": (reminders.loc[reminders["variant"] == "treatment", "segment"] == "new").mean(),
            "winners": int((p < 0.05).sum()), "metrics": len(p), "kept": kept, "winner_set": set(p.index[p < 0.05]),
            "fpr_20_looks": (np.abs(z) > Z95).any(axis=1).mean()}


def pitfalls_claims() -> list[tuple[str, str]]:
    f, nb = pitfalls_facts(), "03-ab-testing/pitfalls_and_planning"
    bonferroni, holm, bh = (f["kept"][method] for method in ("bonferroni", "holm", "fdr_bh"))
    a, srm, segments = f["activation"], f["srm"], f["segment_diff"]
    lift = sign(100 * a["diff"], "+.1f")
    held = lambda p: said(p >= 0.001, "held", "broke")  # noqa: E731
    return [
        (nb, f"\"{lift} pp activation, {said(a['p'] < 0.05, 'significant', 'not significant')}!\""),
        (nb, f"\"activation {lift} pp, p = {a['p']:.3f}\""),
        (nb, f"\"{sign(f['day1'], '+.0%')} tasks on day 1!\""),
        (nb, f"\"reminders *{said(f['pooled_diff'] < 0, 'lower', 'raise')}* plan views\" although they "
             f"{said((segments > 0).all(), 'raise them in every segment', 'do not raise them in every segment')}"),
        (nb, f"\"{word(f['winners'])} metrics moved!\" out of {word(f['metrics'])}"),
        (nb, f"The redesign's scorecard reports {f['metrics']} metrics"),
        (nb, f"Raw testing finds {word(f['winners'])} \"winners\""),
        (nb, f"Bonferroni keeps {word(len(bonferroni))} metrics. **Holm** (`method=\"holm\"`), Bonferroni's step-down "
             f"refinement, keeps {word(len(holm))}:"),
        (nb, f"**BH** keeps {word(len(bh))}."),
        (nb, f"the redesign really moved {said(bh <= SCORECARD_TRUE, 'every', 'not every')} metric BH keeps, so "
             f"Bonferroni misses {word(len(SCORECARD_DETECTABLE - bonferroni))} real effects and Holm "
             f"{word(len(SCORECARD_DETECTABLE - holm))}."),
        (nb, f"and here {said(bh <= SCORECARD_TRUE, 'none is', 'some are')}. The "
             f"{word(len(f['winner_set'] - bh))} raw winners that no correction keeps are "
             f"{said(not (f['winner_set'] - bh) & SCORECARD_TRUE, 'noise', 'partly real')}."),
        (nb, f"the split {held(srm['web'])} on the web and "
             f"{said(max(srm['ios'], srm['android']) < 0.001, 'broke', 'held')} on the phones"),
        (nb, f"is the only slice left to read, and it shows {said(f['web_p'] > 0.05, 'nothing', 'an effect')}"),
        (nb, f"Treatment {said((segments > 0).all(), 'wins', 'does not win')} in **both** segments and "
             f"{said(f['pooled_diff'] < 0, 'loses', 'wins')} pooled"),
        (nb, f"The pooled treatment arm is {said(f['treated_new'] > 0.5, 'mostly', 'mostly not')} new users"),
        (nb, f"With 20 looks about {fraction(f['fpr_20_looks'])} of A/A tests \"win\""),
        (nb, f"(a weekend day brings about {fraction(f['weekend_traffic'])} the visitors of a weekday, and "
             f"{said(f['weekend_mobile'], 'more', 'fewer')} of them on a phone)"),
        (nb, f"(one-sided: about {fraction(1 - f['one_sided'])} lower)"),
    ]


# --- 04 · roadmap (and the capstone's re-plan) ------------------------------------------------------------------

CAPACITY_PM = 12.0


@cache
def backlog_table() -> pd.DataFrame:
    b = load("backlog", start=COURSE_ROOT).set_index("item_id")
    effort_pm = b["effort"].where(b["effort_unit"] == "person-months", b["effort"] / 4)
    value = b["reach"] * b["impact"] * b["confidence_pct"] / 100  # the knapsack's value, RICE's numerator
    return b.assign(effort_pm=effort_pm, value=value, rice=value / effort_pm)


def best_two(value: pd.Series) -> tuple[set[str], float, float]:
    """The best set within CAPACITY_PM by total `value` (module 04's exact knapsack), its value and the runner-up's."""
    (best, top), (_, runner_up) = best_sets(value, backlog_table()["effort_pm"], CAPACITY_PM)
    return best, top, runner_up


@cache
def roadmap_facts() -> dict[str, object]:
    b = backlog_table()
    needs = deps(b)
    best, value, runner_up = best_two(b["value"])
    lanes = {i: "Now" if i in best else "Next" if set(needs[i]) <= best and b.loc[i, "rice"] > 1000 else "Later"
             for i in b.index}
    titles = b["title"].str.lower()
    needs_title = lambda word_a, word_b: any(  # noqa: E731
        word_b in titles[d] for i in b.index if titles[i].startswith(word_a) for d in needs[i])
    return {"items": len(b), "quarters": bool(((b["effort_pm"] * 4) % 1 == 0).all()), "best": best,
            "unique": value > runner_up, "lanes": lanes,
            "idle": [t for t in dict.fromkeys(b["theme"]) if t not in set(b.loc[sorted(best), "theme"])],
            "offline_needs_cache": needs_title("offline mode", "cache"),
            "roles_need_access": needs_title("guest roles", "guest access")}


def roadmap_claims() -> list[tuple[str, str]]:
    f, nb = roadmap_facts(), "04-roadmap/roadmap"
    now = lambda item: item if item in f["best"] else f"{item} (not in Now)"  # noqa: E731
    return [
        (nb, f"the planning spreadsheet now holds **{f['items']} candidate items**"),
        (nb, f"With {f['items']} items there are about a million subsets"),
        (nb, f"every effort here is a multiple of a {said(f['quarters'], 'quarter', 'week')} of a person-month"),
        (nb, f"The data is built so that this set is {said(f['unique'], 'unique', 'tied')}"),
        (nb, f"offline mode {said(f['offline_needs_cache'], 'needs', 'does not need')} the local cache, guest roles "
             f"{said(f['roles_need_access'], 'need', 'do not need')} guest access"),
        (nb, f"(Now = {now('KB-105')} Gantt view, {now('KB-108')} free guest access, {now('KB-113')} search, "
             f"{now('KB-115')} onboarding checklist: KB-115 and KB-108 → activation"),
        (nb, f"ideally for a theme with nothing in Now: {f['idle'][0]}"),
        (nb, f"given KB-103 is {said('KB-103' not in f['best'], 'not in', 'in')} Now) or {f['idle'][-1]} (NRR/GRR"),
        (nb, f"with annual billing KB-116 only {f['lanes']['KB-116']})"),
    ]


# --- 06 · capstone: the rest of Monday to Friday ----------------------------------------------------------------

SYNC_WORDS = ("sync", "snyc", "out of date", "not updating", "old version of the board", "reverted")  # its LEXICON
RELEASE = pd.Timestamp("2026-01-20")


def relative_lift(frame: pd.DataFrame) -> float:
    """Mean `tasks_created_7d` of treatment / control − 1."""
    control, treatment = arms(frame, "tasks_created_7d")
    return treatment.mean() / control.mean() - 1


@cache
def incident_facts() -> dict[str, object]:
    """Monday and Tuesday: the release, the holiday dip, the dashboard's all-platform figure, the reviews."""
    activity = tables()["activity"]
    android = activity[activity["platform"] == "android"]
    daily = activity.groupby(["date", "platform"])["user_id"].nunique().unstack(fill_value=0)
    holidays = daily.reindex(pd.date_range("2025-12-22", "2026-01-01"), fill_value=0).mean()
    # "Usual": the two whole weeks before the holidays and the two after (M5's "before" window).
    around = pd.date_range("2025-12-08", "2025-12-21").append(pd.date_range("2026-01-06", "2026-01-19"))
    everyone = activity.groupby("date")["user_id"].nunique()
    before, after = pd.date_range("2026-01-06", "2026-01-19"), pd.date_range("2026-02-03", "2026-02-23")
    reviews = load("app_reviews", start=COURSE_ROOT).drop_duplicates(["reviewer", "text", "rating"])
    words = (reviews["title"].fillna("") + " " + reviews["text"].fillna("")).str.lower()
    sync = words.apply(lambda w: any(k in w for k in SYNC_WORDS))
    period = {"before": reviews["date"].between("2025-11-01", "2026-01-19"),
              "after": reviews["date"].between("2026-01-20", "2026-02-28")}
    on = {p: reviews["platform"] == p for p in ("android", "ios")}
    texted = reviews["text"].notna()
    tickets = load("launch/support_tickets", start=COURSE_ROOT)
    ticket_day = tickets["created_at"].dt.tz_localize(None).dt.floor("D")
    sync_tickets = tickets[tickets["topic"] == "sync"].groupby(ticket_day).size()
    usual = sync_tickets[sync_tickets.index < RELEASE].max()  # the most sync tickets on any day before the release
    surge = sync_tickets[(sync_tickets.index >= RELEASE) & (sync_tickets > 2 * usual)].index.min()
    return {"release": android.loc[android["app_version"] == "5.4.0", "date"].min(),
            "holiday_ratio": holidays / daily.reindex(around, fill_value=0).mean(),
            "all_change": everyone.reindex(after).mean() / everyone.reindex(before).mean() - 1,
            "android_change": daily["android"].reindex(after).mean() / daily["android"].reindex(before).mean() - 1,
            "surge_days": (surge - RELEASE).days,
            "sync": {p: sync[on["android"] & period[p] & texted].mean() for p in period},
            "rating": {(s, p): reviews.loc[on[s] & period[p], "rating"].mean() for s in on for p in period},
            "cite": reviews.loc[on["android"] & period["after"] & texted, "text"].str.contains(
                "5.4", regex=False).mean()}


@cache
def quick_add_facts() -> dict[str, object]:
    """Wednesday: the quick add experiment, pooled, valid (non-Android) and on broken phones."""
    quick = experiment("quick_add_users")
    rest = quick[quick["platform"] != "android"]
    android = quick[quick["platform"] == "android"]
    listed_53 = android[android["app_version"] != "5.4.0"]
    return {"srm": srm_p(quick["variant"]), "pooled": relative_lift(quick), "valid": relative_lift(rest),
            "valid_p": stats.ttest_ind(*arms(rest, "tasks_created_7d")[::-1], equal_var=False).pvalue,
            "broken": relative_lift(android[android["app_version"] == "5.4.0"]),
            "listed_53_updated": bool(listed_53["app_version"].str.startswith("5.3.").all()
                                      and listed_53["sync_errors_7d"].mean() > 5 * rest["sync_errors_7d"].mean())}


@cache
def replan_facts() -> dict[str, object]:
    """Thursday: KB-103 re-scored (reach ×3, impact 3, confidence 100%) and the knapsack re-run."""
    b = backlog_table()
    value = b["value"].copy()
    sync_item = b.loc["KB-103"]
    value["KB-103"] = 3 * sync_item["reach"] * 3 * 1.0
    return {"title": sync_item["title"], "rank": int(b["rice"].rank(ascending=False)["KB-103"]), "items": len(b),
            "plan": best_two(b["value"])[0], "new_rice": value["KB-103"] / sync_item["effort_pm"],
            "new_value": value["KB-103"], "new_plan": best_two(value)[0]}


def capstone_claims() -> list[tuple[str, str]]:
    i, q, p = incident_facts(), quick_add_facts(), replan_facts()
    mon, wed = "06-capstone/monday_tuesday", "06-capstone/wednesday_to_friday"
    ios_holds = abs(i["rating"]["ios", "after"] - i["rating"]["ios", "before"]) < 0.25
    enters, leaves = sorted(p["new_plan"] - p["plan"]), sorted(p["plan"] - p["new_plan"])
    return [
        (mon, f"stopped syncing\" tickets {word(i['surge_days'])} days after the release"),
        (mon, f"(22 December – 1 January, every platform at {100 * min(i['holiday_ratio']):.0f}–"
              f"{100 * max(i['holiday_ratio']):.0f}% of its usual level)"),
        (wed, f"Android 5.4.0, released {i['release'].day} {i['release']:%b %Y} (first 5.4.0 activity that day)"),
        (wed, f"says the all-platform figure {said(i['all_change'] > i['android_change'], 'understates', 'overstates')}"
              " it"),
        (wed, f"Android reviews mentioning sync ≈ {i['sync']['before']:.0%} before → ≈ {i['sync']['after']:.0%} after, "
              f"about {fraction(i['cite'])} cite 5.4, Android rating ≈ {i['rating']['android', 'before']:.1f} → "
              f"≈ {i['rating']['android', 'after']:.1f} while iOS {said(ios_holds, 'holds', 'drops')}"),
        (wed, f"on web and iOS it lifts tasks created in 7 days by ≈ {q['valid']:+.0%} (Welch p ≈ {q['valid_p']:.0e})"),
        (wed, f"the pooled {q['pooled']:+.0%} mixes in the incident and Android 5.4.0 shows a "
              f"{said(q['broken'] < 0, 'reversal', 'lift')}"),
        (wed, f"SRM {said(q['srm'] > 0.001, 'passed', 'failed')} (p ≈ {q['srm']:.2f})"),
        (wed, f"Android users listed as 5.3.x {said(q['listed_53_updated'], 'updated', 'did not update')} to 5.4.0 "
              "during their window"),
        (wed, f"**KB-103** (\"{p['title']}\") came {ordinal(p['rank'])} of {p['items']} by RICE and "
              f"{said('KB-103' not in p['plan'], 'stayed out', 'was in')}"),
        (wed, "PLAN_04 = {" + ", ".join(f'"{item}"' for item in sorted(p["plan"])) + "} # module 04's best set"),
        (wed, f"confidence 100% → RICE {p['new_rice']:,.0f}, value {p['new_value']:,.0f}) "
              f"{said('KB-103' in enters, 'enters', 'stays out of')} the quarter together with "
              f"{' and '.join(item for item in enters if item != 'KB-103')} (annual billing, which now fits); "
              f"{' and '.join(leaves)} (free guest access) leaves"),
    ]


# --- 05 · launch: the 5.4.0 rollout replayed, and the recurring-tasks launch -------------------------------------
MIN_SESSIONS, SYNC_MARGIN, CRASH_FREE_MIN = 200, 0.02, 0.995  # the rollout notebook's pre-set guardrails


@cache
def rollout_facts() -> dict[str, object]:
    """The go/no-go replay: cumulative 5.4.0 vs 5.3.x from 20 January, the halt day, the blast radius."""
    health = load("launch/android_release_health", start=COURSE_ROOT)
    days = pd.date_range(RELEASE, "2026-01-26")
    rows = health[health["date"].isin(days)]
    new = rows[rows["app_version"] == "5.4.0"].groupby("date").sum(numeric_only=True).cumsum()
    old = rows[rows["app_version"].isin(["5.3.0", "5.3.1"])].groupby("date").sum(numeric_only=True).cumsum()
    p1, p0 = new["sync_error_sessions"] / new["sessions"], old["sync_error_sessions"] / old["sessions"]
    se = (p1 * (1 - p1) / new["sessions"] + p0 * (1 - p0) / old["sessions"]) ** 0.5
    lo = p1 - p0 - 1.96 * se
    crash_free = new["crash_free_sessions"] / new["sessions"]
    halt = ((new["sessions"] >= MIN_SESSIONS) & ((lo > SYNC_MARGIN) | (crash_free < CRASH_FREE_MIN))).idxmax()
    android = tables()["activity"]
    android = android[(android["platform"] == "android") & (android["app_version"] == "5.4.0")]
    first = android.groupby("user_id")["date"].min()
    tickets = load("launch/support_tickets", start=COURSE_ROOT)
    wrote = tickets[(tickets["topic"] == "sync") & (tickets["platform"] == "android")
                    & (tickets["app_version"] == "5.4.0")]
    return {"halt": halt, "n": new.loc[halt, "sessions"], "p1": p1[halt], "p0": p0[halt], "diff": (p1 - p0)[halt],
            "lo": lo[halt], "hi": (p1 - p0 + 1.96 * se)[halt], "crash_free": crash_free[halt],
            "min_crash_free": crash_free.min(), "by_halt": int((first <= halt).sum()),
            "spared": int((first > halt).sum()), "users": len(first), "user_days": len(android),
            "writers": wrote["user_id"].nunique(), "tickets": len(wrote),
            "last_520": health.loc[health["app_version"] == "5.2.0", "date"].max()}


@cache
def adoption_facts() -> dict[str, object]:
    """The recurring-tasks funnel and readout, as the feature notebook defines them."""
    exposure = load("launch/recurring_tasks_exposure", start=COURSE_ROOT)
    usage = load("launch/recurring_tasks_usage", start=COURSE_ROOT).merge(exposure, on="user_id",
                                                                          suffixes=("", "_exposed"))
    usage["day"] = (usage["date"] - usage["exposed_on"]).dt.days
    per_user = usage.groupby("user_id").agg(days=("date", "nunique"), last=("day", "max"))
    retained = per_user[(per_user["days"] >= 2) & (per_user["last"] >= 21)].index
    tried7 = usage.loc[usage["day"] <= 6, "user_id"].unique()
    targets = load("launch/recurring_tasks_targets", start=COURSE_ROOT).set_index("metric")["target"]
    by = exposure.assign(tried=exposure["user_id"].isin(tried7), kept=exposure["user_id"].isin(retained))
    trial = by.pivot_table(index="plan", columns="platform", values="tried", aggfunc="mean")
    kept = by.groupby("platform")["kept"].mean()
    actual = {"tried_7d": len(tried7) / len(exposure), "retained_28d": len(retained) / len(exposure),
              "repeat_28d": (per_user["days"] >= 2).sum() / len(per_user)}
    return {"all_met": all(actual[m] >= targets[m] for m in targets.index), "retained": actual["retained_28d"],
            "android_lowest": bool((trial.idxmin(axis=1) == "android").all()),
            "plan_rises": bool((trial.loc["Free"] < trial.loc["Team"]).all()
                               and (trial.loc["Team"] < trial.loc["Business"]).all()),
            "phones_miss": bool((kept[["ios", "android"]] < targets["retained_28d"]).all()
                                and kept["web"] >= targets["retained_28d"])}


def launch_claims() -> list[tuple[str, str]]:
    f, a = rollout_facts(), adoption_facts()
    rollout, feature = "05-launch/rollout_and_incident", "05-launch/feature_adoption"
    return [
        (rollout, f"(the last 5.2.0 rows are from {f['last_520'].day} {f['last_520']:%B})"),
        (rollout, f"{f['n']:,} sessions on 5.4.0 (≥ MIN_SESSIONS = {MIN_SESSIONS})"),
        (rollout, f"sync-error rate about {100 * f['p1']:.1f}% on 5.4.0 vs about {100 * f['p0']:.1f}% on 5.3.x"),
        (rollout, f"difference about {100 * f['diff']:+.1f} pp with a 95% interval of about {100 * f['lo']:+.1f} to "
                  f"{100 * f['hi']:+.1f} pp, so the lower bound clears the 2 pp margin; crash-free "
                  f"{100 * f['crash_free']:.0f}%"),
        (rollout, f"({f['by_halt']} customers by {f['halt'].day} January)"),
        (rollout, f"{f['users']:,} customers used it by 28 Feb over {f['user_days']:,} user-days; {f['writers']:,} of "
                  f"them (about {100 * f['writers'] / f['users']:.0f}%) wrote {f['tickets']:,} sync tickets"),
        (rollout, f"the rule says halt on the data of {f['halt'].day} Jan"),
        (rollout, f"which would have spared about {f['spared']:,} of the {f['users']:,} users"),
        (rollout, f"(cumulative crash-free stayed above {math.floor(1000 * f['min_crash_free']) / 10:.1f}%"),
        (feature, f"For the cohort as a whole {said(a['all_met'], 'all three targets are met', 'a target is missed')}"),
        (feature, f"{said(a['retained'] > 0.25, 'more than', 'less than')} a quarter of everyone who saw it still used "
                  f"it in their fourth week"),
        (feature, f"Trial {said(a['plan_rises'], 'rises', 'does not rise')} with the plan, and Android "
                  f"{said(a['android_lowest'], 'has', 'does not have')} the lowest trial rate in every plan"),
        (feature, "retention " + said(a["phones_miss"], "misses its target on both phone apps while the web clears it",
                                      "meets its target")),
    ]


def claims() -> list[tuple[str, str]]:
    """(master notebook, the sentence as it must read), filled from the measured facts."""
    return [*orientation_claims(), *market_claims(), *product_claims(), *cohort_claims(), *readout_claims(),
            *pitfalls_claims(), *roadmap_claims(), *launch_claims(), *capstone_claims()]


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, so a claim matches however the paragraph is wrapped."""
    return " ".join(text.split())


@cache
def master_text(notebook: str) -> str:
    """Every cell of the master notebook (markdown, mark schemes and code), whitespace collapsed."""
    nb = json.loads((COURSE_ROOT / "solutions" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    return squash("\n".join("".join(cell["source"]) for cell in nb["cells"]))


CLAIM_COUNT = 102


@pytest.mark.parametrize("index", range(CLAIM_COUNT))
def test_a_number_the_prose_quotes_is_the_number_the_data_gives(index):
    notebook, sentence = claims()[index]
    assert squash(sentence) in master_text(notebook), f"{notebook} should say: {sentence!r}"


def test_every_claim_is_tested():
    assert len(claims()) == CLAIM_COUNT


if __name__ == "__main__":
    for notebook, sentence in claims():
        print(f"{notebook}: {sentence}")
