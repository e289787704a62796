"""Every number `docs/world-ground-truth.md` states for the market research, reviews and experiments tables.

The instructors' ground-truth document quotes many values "measured on the frozen files". So that it cannot
drift from the data again, each value is recomputed here from `datasets/` with plain pandas / scipy /
statsmodels (never by calling the generator), formatted as the document prints it (same rounding, "1,480",
"+27.4", "2.4e-39", "41.8%") inside a short template of the surrounding words, and looked up in the
document. Generator parameters the document states ("σ 0.28", "`VISITORS_PER_DAY` 650") are read from the
generator modules instead. A last test checks that every number in these sections lies inside such a claim.
The definitions are the ones the document states (cleaning rules, windows, pooled SE for z, unpooled SE for
the CI, delta method, Welch, χ² goodness of fit for SRM, CUPED θ pooled over arms, BH via statsmodels).
Run this file as a script to print every claim as it should read, marking those the document lacks.
"""

from __future__ import annotations

import numbers
import re
import string
from collections.abc import Callable
from functools import cache

import numpy as np
import pandas as pd
import pytest
from kanbo_measures import (
    KANO_ORDER,
    KANO_TABLE,
    LEXICON,
    TIE_ORDER,
    VW,
    consistent,
    price_points,
    scorecard_p_value,
    top2,
)
from scipy import stats
from statsmodels.stats.multitest import multipletests

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

TEAM_PRICE = 8.0  # checked against company.LIST_PRICE_PER_SEAT in the parameter claims
DOC = COURSE_ROOT / "docs" / "world-ground-truth.md"
DATASETS = COURSE_ROOT / "datasets"
WORLD = COURSE_ROOT / "pmcourse" / "world"
Facts = dict[str, object]


class _Prose(string.Formatter):
    """str.format as the document prints numbers: minus as "−", exponents unpadded ("9.0e-5")."""

    def format_field(self, value: object, format_spec: str) -> str:
        text = format(value, format_spec)
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            text = re.sub(r"e([+-])0*(\d)", lambda m: "e" + m[1].replace("+", "") + m[2], text)
            text = re.sub(r"(?<!e)-", "−", text)
        return text


PROSE = _Prose()


def table(name: str) -> pd.DataFrame:
    """A frozen table, parsed once per process by `load` (which hands out copies)."""
    return load(name, start=COURSE_ROOT)


def file_size(name: str, unit: float) -> float:
    """Size of a frozen file in decimal units (1e3 = KB, 1e6 = MB)."""
    return (DATASETS / name).stat().st_size / unit


def r(value: float, step: float) -> float:
    """`value` rounded to the nearest multiple of `step`, as prose rounds ("≈ 60–100")."""
    return round(value / step) * step


def day_month(day: pd.Timestamp | str) -> str:
    """"21 Jan" as the document writes dates."""
    return f"{pd.Timestamp(day).day} {pd.Timestamp(day):%b}"


# --- survey_responses ---------------------------------------------------------------------------------------

STAFF_DOMAIN = "kanbo.io"
FEATURES = ("offline_mode", "ai_summaries", "gantt_timeline", "time_tracking", "guest_access", "custom_fields",
            "dark_mode")
OUTCOMES = ("see_workload", "plan_timeline", "work_offline", "onboard_guests", "report_status", "find_tasks")
SIZES = ("1-10", "11-50", "51-200", "201-1000", "1000+")
LIKERT = ("easy_to_start", "see_priorities", "worth_price", "trust_ai", "too_many_tools")


@cache
def survey_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(raw file, cleaned): no kanbo.io test submissions, each respondent's earliest submission."""
    raw = table("survey_responses")
    clean = raw[raw["email_domain"] != STAFF_DOMAIN].sort_values("submitted_at")
    return raw, clean.drop_duplicates("respondent_id", keep="first").reset_index(drop=True)


def nps_parts(scores: pd.Series, detractor_max: int = 6) -> tuple[float, float, int]:
    """(promoter share, detractor share, n) of the answered 0-10 scores."""
    scores = scores.dropna()
    return (scores >= 9).mean(), (scores <= detractor_max).mean(), len(scores)


def nps(scores: pd.Series, detractor_max: int = 6, drop_passives: bool = False) -> float:
    """NPS in points; the keyword arguments reproduce two common mistakes."""
    scores = scores.dropna()
    promoters, detractors = (scores >= 9).sum(), (scores <= detractor_max).sum()
    base = promoters + detractors if drop_passives else len(scores)
    return 100 * (promoters - detractors) / base


def kano_shares(survey: pd.DataFrame, feature: str) -> pd.Series:
    """Category shares of one feature over the answered pairs, in TIE_ORDER."""
    pairs = survey[[f"kano_{feature}_functional", f"kano_{feature}_dysfunctional"]].dropna()
    cats = [KANO_TABLE[KANO_ORDER.index(f)][KANO_ORDER.index(d)] for f, d in pairs.itertuples(index=False)]
    counts = pd.Series(cats).value_counts().reindex(TIE_ORDER, fill_value=0)
    return counts / counts.sum()


def points_text(points: dict[str, float]) -> str:
    return "/".join(f"{points[k]:.2f}" for k in ("PMC", "OPP", "IPP", "PME"))


@cache
def survey_facts() -> Facts:
    raw, survey = survey_tables()
    staff = raw["email_domain"] == STAFF_DOMAIN
    f: Facts = {"rows": len(raw), "columns": raw.shape[1], "mb": file_size("survey_responses.csv", 1e6),
                "staff": int(staff.sum()), "repeats": int(raw[~staff].duplicated("respondent_id").sum()),
                "respondents": len(survey)}
    kind = survey["respondent_type"].value_counts()
    f["customers"], f["prospects"] = kind["customer"], kind["prospect"]
    # Kano: modal vs runner-up, R and Q minorities, Better / Worse.
    shares = {feature: kano_shares(survey, feature) for feature in FEATURES}
    modal = []
    for feature, s in shares.items():
        first = s.idxmax()  # ties broken by TIE_ORDER (index order)
        second = s.drop(first).idxmax()
        modal.append(f"{feature} {first} {s[first]:.1%} vs {second} {s[second]:.1%}")
    f["kano_modal"] = "; ".join(modal)
    r_share = pd.Series({k: s["R"] for k, s in shares.items()})
    f["r_ai"], f["r_time"] = r_share["ai_summaries"], r_share["time_tracking"]
    rest = r_share.drop(["ai_summaries", "time_tracking"])
    f["r_lo"], f["r_hi"] = 100 * rest.min(), 100 * rest.max()
    q_share = pd.Series({k: s["Q"] for k, s in shares.items()})
    f["q_lo"], f["q_hi"] = 100 * q_share.min(), 100 * q_share.max()
    label = {"offline_mode": "offline", "ai_summaries": "AI", "gantt_timeline": "Gantt",
             "time_tracking": "time tracking", "guest_access": "guest", "custom_fields": "custom fields",
             "dark_mode": "dark mode"}
    better_worse = []
    for feature, s in shares.items():
        base = s[["A", "O", "M", "I"]].sum()
        better, worse = (s["A"] + s["O"]) / base, -(s["O"] + s["M"]) / base
        better_worse.append(PROSE.format("{} {:.2f} / {:.2f}", label[feature], better, worse))
    f["better_worse"] = "; ".join(better_worse)
    f["ai_better_rq"] = shares["ai_summaries"][["A", "O"]].sum()
    f["time_better_rq"] = shares["time_tracking"][["A", "O"]].sum()
    # NPS, by size, and its misconceptions.
    customers = survey[survey["respondent_type"] == "customer"]
    p, d, n = nps_parts(customers["nps"])
    f.update(nps_n=n, nps=100 * (p - d), nps_p=p, nps_d=d, nps_se=100 * np.sqrt((p + d - (p - d) ** 2) / n))
    by_size = []
    for k, size in enumerate(SIZES):
        scores = customers.loc[customers["company_size"] == size, "nps"]
        n_text = f"n {scores.notna().sum()}" if k == 0 else f"{scores.notna().sum()}"
        by_size.append(PROSE.format("{} {:+.1f} ({})", size, nps(scores), n_text))
    f["nps_by_size"] = ", ".join(by_size)
    f["sixes"] = (customers["nps"].dropna() == 6).mean()
    f["nps_lt6"], f["nps_no_passives"] = nps(customers["nps"], 5), nps(customers["nps"], drop_passives=True)
    f["nps_fraction"] = nps(customers["nps"]) / 100
    raw_customers = raw[raw["respondent_type"] == "customer"]
    f["nps_raw"] = nps(raw_customers["nps"])
    no_staff = raw_customers[raw_customers["email_domain"] != STAFF_DOMAIN]
    f["staff_moves_nps"] = "under a point" if abs(nps(raw_customers["nps"]) - nps(no_staff["nps"])) < 1 else "more"
    # Van Westendorp.
    kept = consistent(survey)
    complete = survey[list(VW)].dropna()
    f["vw_consistent"] = len(kept)
    right = price_points(kept[list(VW)])
    f.update({f"vw_{k}": v for k, v in right.items()})
    f["vw_by_size"] = "; ".join(
        f"{size} {points_text(price_points(kept.loc[kept['company_size'] == size, list(VW)]))}" for size in SIZES)
    f["vw_customers"] = points_text(price_points(kept.loc[kept["respondent_type"] == "customer", list(VW)]))
    f["vw_prospects"] = points_text(price_points(kept.loc[kept["respondent_type"] == "prospect", list(VW)]))
    wrong = price_points(complete)
    f.update({f"vw_wrong_{k}": v for k, v in wrong.items()})
    f["vw_opp_moves"] = wrong["OPP"] - right["OPP"]
    f["vw_complete"], f["vw_inconsistent"] = len(complete), len(complete) - len(kept)
    f["vw_inconsistent_share"] = 1 - len(kept) / len(complete)
    # Likert: trust_ai by role, ranked by top-2-box and by mean; the other items overall.
    item = survey.groupby("role")["likert_trust_ai"]
    t2b = item.apply(top2).sort_values(ascending=False)
    mean = item.mean().sort_values(ascending=False)
    f["trust_top2"] = ", ".join(f"{role} {share:.1%}" + (" (highest)" if k == 0 else "")
                                for k, (role, share) in enumerate(t2b.items()))
    f["trust_mean"] = ", ".join(f"{role} {value:.2f}" + {0: " (highest)", len(mean) - 1: " (lowest)"}.get(k, "")
                                for k, (role, value) in enumerate(mean.items()))
    f["likert_top2"] = ", ".join(f"{name} {top2(survey[f'likert_{name}']):.1%}" for name in LIKERT)
    # ... and within each respondent type, as 01 grades it: the leading role by top-2-box and by mean.
    by_type = survey.groupby(["respondent_type", "role"])["likert_trust_ai"]
    for measure, values in (("t2b", by_type.apply(top2)), ("mean", by_type.mean())):
        leaders = {kind: values[kind].idxmax() for kind in ("customer", "prospect")}
        f[f"trust_{measure}_leader"] = leaders["customer"] if len(set(leaders.values())) == 1 else "?"
        f.update({f"trust_{measure}_{kind}": values[kind].max() for kind in ("customer", "prospect")})
    # Opportunity scores on the 0-10 scale.
    imp = pd.Series({o: 10 * top2(survey[f"imp_{o}"]) for o in OUTCOMES})
    sat = pd.Series({o: 10 * top2(survey[f"sat_{o}"]) for o in OUTCOMES})
    score = (imp + (imp - sat).clip(lower=0)).sort_values(ascending=False)
    f["opportunity"] = "; ".join(f"{o} {imp[o]:.2f}, {sat[o]:.2f}, " + (f"**{s:.2f}** (top)" if k == 0 else f"{s:.2f}")
                                 for k, (o, s) in enumerate(score.items()))
    no_max = imp + (imp - sat)
    f["find_tasks_no_max"] = no_max["find_tasks"]
    f["falls_below"] = "onboard_guests" if no_max["find_tasks"] < no_max["onboard_guests"] else "?"
    # Pain points, on the raw file.
    pain = raw["pain_point"]
    f["pain_filled"], f["pain_empty"] = pain.notna().sum(), pain.isna().mean()
    f["pain_distinct"] = pain.nunique()
    f["pain_android"] = pain.str.contains("android", case=False, na=False).sum()
    # Test submissions and repeats.
    tests = raw[staff]
    f["test_rows"] = len(tests)
    f["test_sec_lo"], f["test_sec_hi"] = tests["duration_sec"].min(), tests["duration_sec"].max()
    f["test_nps"] = "/".join(str(int(v)) for v in sorted(tests["nps"].dropna().unique()))
    f["test_prices"] = "/".join(f"{v:g}" for v in tests[list(VW)].drop_duplicates().iloc[0]) if len(
        tests[list(VW)].drop_duplicates()) == 1 else "?"
    kano_columns = [c for c in raw.columns if c.startswith("kano_")]
    f["test_kano"] = "all Kano \"like\"" if (tests[kano_columns] == "like").all().all() else "?"
    later = raw[~staff].sort_values("submitted_at").groupby("respondent_id")["submitted_at"].agg(["min", "max"])
    gaps = (later["max"] - later["min"])[later["max"] > later["min"]]
    f["repeat_ids"] = len(gaps)
    f["within_5min"] = "half" if 0.35 <= (gaps < pd.Timedelta(minutes=5)).mean() <= 0.65 else "?"
    items = [c for c in survey.columns if c.startswith(("likert_", "kano_", "imp_", "sat_"))]
    empty = survey[items].isna().mean()
    f["empty_lo"], f["empty_hi"] = 100 * empty.min(), 100 * empty.max()
    return f


SURVEY = [
    ("heading", "### `survey_responses` ({rows:,} rows × {columns} columns, {mb:.2f} MB)"),
    ("cleaning", "drop the {staff}\n`kanbo.io` test submissions, keep each `respondent_id`'s earliest submission "
                 "({repeats} repeats dropped) →\n{respondents:,} respondents ({customers} customers, {prospects} "
                 "prospects)"),
    ("kano modal", "modal share vs runner-up: {kano_modal} |"),
    ("R and Q", "R {r_ai:.1%} (AI summaries) and {r_time:.1%} (time tracking), {r_lo:.0f}–{r_hi:.0f}% elsewhere; "
                "Q {q_lo:.1f}–{q_hi:.1f}%"),
    ("better worse", "Better / Worse: {better_worse}. With R and Q in the denominator AI Better drops to "
                     "{ai_better_rq:.2f} (time tracking {time_better_rq:.2f})"),
    ("nps", "{nps_n} customers answered: NPS **{nps:+.1f}** (P {nps_p:.1%}, D {nps_d:.1%}, SE {nps_se:.1f} points); "
            "by size {nps_by_size} |"),
    ("nps sixes", "many 6s ({sixes:.1%} of answers)"),
    ("nps mistakes", "detractors as < 6: {nps_lt6:+.1f}; passives dropped: {nps_no_passives:+.1f}; as a fraction: "
                     "{nps_fraction:.3f}. Keeping staff and repeats: {nps_raw:+.1f}"),
    ("van westendorp", "consistent respondents ({vw_consistent:,}): **PMC ${vw_PMC:.2f}, OPP ${vw_OPP:.2f}, "
                       "IPP ${vw_IPP:.2f}, PME ${vw_PME:.2f}**. By size (PMC/OPP/IPP/PME): {vw_by_size}. "
                       "Customers {vw_customers}, prospects {vw_prospects} |"),
    ("vw inconsistent", "{vw_inconsistent} of {vw_complete:,} complete answer sets ({vw_inconsistent_share:.1%}) not "
                        "strictly rising. Keeping them: PMC {vw_wrong_PMC:.2f}, **OPP {vw_wrong_OPP:.2f}** "
                        "(+${vw_opp_moves:.2f}), IPP {vw_wrong_IPP:.2f}, PME {vw_wrong_PME:.2f}"),
    ("trust_ai", "top-2-box: {trust_top2}. Mean: {trust_mean}. Within each respondent type (as 01 grades it): "
                 "top-2-box highest for {trust_t2b_leader} (customers {trust_t2b_customer:.1%}, prospects "
                 "{trust_t2b_prospect:.1%}), mean highest for {trust_mean_leader} (customers "
                 "{trust_mean_customer:.2f}, prospects {trust_mean_prospect:.2f}) |"),
    ("likert", "top-2-box overall: {likert_top2} |"),
    ("opportunity", "on the 0–10 scale (imp, sat, opportunity): {opportunity}. Without max(): find_tasks "
                    "{find_tasks_no_max:.2f}, falls below {falls_below} |"),
    ("pain points", "raw file: {pain_filled:,} non-empty ({pain_empty:.1%} empty), {pain_distinct} distinct texts; "
                    "{pain_android} mention Android"),
    ("test submissions", "{test_rows} rows at `kanbo.io`, {test_sec_lo}–{test_sec_hi} s, NPS {test_nps}, prices "
                         "{test_prices}, {test_kano} | {test_rows} rows; removing them moves NPS by {staff_moves_nps}"),
    ("repeats", "{repeat_ids} respondents submitted twice ({within_5min} within 5 minutes"),
    ("repeat ids", "| {repeat_ids} repeated `respondent_id`s |"),
    ("item non-response", "| {empty_lo:.0f}–{empty_hi:.0f}% empty per item column |"),
]


# --- market_sizing -----------------------------------------------------------------------------------------

SERVICEABLE_REGIONS = ("North America", "Europe")


@cache
def sizing_facts() -> Facts:
    sizing = table("market_sizing")
    price = 12 * TEAM_PRICE  # the Team list price per seat, a year
    adopters = sizing["firms"] * sizing["task_tool_adoption"]
    top_down = adopters * sizing["avg_employees"] * sizing["knowledge_worker_share"] * price
    bottom_up = adopters * sizing["avg_seats_per_account"] * price
    band = sizing["size_band"]
    us = sizing[sizing["country"] == "US"].set_index("size_band")["firms"]
    region = sizing["region"].isin(SERVICEABLE_REGIONS)
    sam_bands = band.isin(["11-50", "51-200", "201-1000"])
    f: Facts = {
        "rows": len(sizing), "kb": file_size("market_sizing.csv", 1e3),
        "firms_m": sizing["firms"].sum() / 1e6,
        "share_small": sizing.loc[band == "1-10", "firms"].sum() / sizing["firms"].sum(),
        "us_small_m": us["1-10"] / 1e6, "us_large": us["1000+"],
        "employees_m": (sizing["firms"] * sizing["avg_employees"]).sum() / 1e6,
        "knowledge_m": (sizing["firms"] * sizing["avg_employees"] * sizing["knowledge_worker_share"]).sum() / 1e6,
        "top_down": top_down.sum() / 1e9, "bottom_up": bottom_up.sum() / 1e9,
        "ratio": top_down.sum() / bottom_up.sum(),
        "td_large": top_down[band == "1000+"].sum() / 1e9, "bu_large": bottom_up[band == "1000+"].sum() / 1e9,
        "td_small": top_down[band == "1-10"].sum() / 1e9, "bu_small": bottom_up[band == "1-10"].sum() / 1e9,
        "seats_large": r(sizing.loc[band == "1000+", "avg_seats_per_account"].mean(), 5),
        "adopters_m": adopters.sum() / 1e6,
        "sam": bottom_up[region & sam_bands].sum() / 1e9,
        "sam_share": bottom_up[region & sam_bands].sum() / bottom_up.sum(),
        "sam_td": top_down[region & sam_bands].sum() / 1e9,
        "sam_with_small": bottom_up[region & (band != "1000+")].sum() / 1e9,
        "price": TEAM_PRICE,
    }
    return f


SIZING = [
    ("heading", "### `market_sizing` ({rows} rows, {kb:.1f} KB)"),
    ("magnitudes", "{firms_m:.1f} M firms in all, {share_small:.0%} of them 1-10; US 1-10 {us_small_m:.1f} M, "
                   "US 1000+ {us_large:,}; {employees_m:.0f} M employees, {knowledge_m:.0f} M knowledge workers"),
    ("formulas", "top-down = Σ firms × adoption × avg_employees × knowledge_worker_share × ${price:.0f} × 12; "
                 "bottom-up = Σ firms × adoption × avg_seats_per_account × ${price:.0f} × 12"),
    ("tams", "**top-down ${top_down:.2f} bn vs bottom-up ${bottom_up:.2f} bn (ratio {ratio:.1f})**. The gap is the "
             "1000+ band: top-down ${td_large:.2f} bn vs bottom-up ${bu_large:.2f} bn (a large firm buys "
             "~{seats_large:.0f} seats, not thousands); in 1-10 top-down is lower (${td_small:.2f} bn vs "
             "${bu_small:.2f} bn: everybody in a tiny firm is a seat). {adopters_m:.2f} M firms buy a tool"),
    ("sam", "bottom-up SAM for North America + Europe, 11-50 … 201-1000: ${sam:.2f} bn ({sam_share:.0%} of "
            "bottom-up TAM); top-down ${sam_td:.2f} bn. North America + Europe, 1-10 … 201-1000: "
            "${sam_with_small:.2f} bn"),
]


# --- app_reviews -------------------------------------------------------------------------------------------

INCIDENT = pd.Timestamp("2026-01-20")  # Android 5.4.0, from the story
BEFORE = (pd.Timestamp("2025-11-01"), pd.Timestamp("2025-12-21"))  # a quiet window before the incident
FOREIGN_WORDS = (r"(?i)[àáâãçéèêíñóôõöúüäß]|\b(?:und|nicht|der|ich|unseren|pour|les|muy|para|sem|muito|uso|"
                 r"trava|il|manque)\b")
# The app release calendar (the story's, as in tests/test_world_reviews.py): newest version on each day.
RELEASES = {"ios": ["2025-02-25", "2025-05-13", "2025-06-03", "2025-08-19", "2025-10-28", "2025-11-18", "2026-01-14"],
            "android": ["2025-02-26", "2025-05-14", "2025-06-10", "2025-08-20", "2025-10-29", "2025-11-25",
                        "2026-01-20"]}
VERSIONS = ["5.0.0", "5.1.0", "5.1.1", "5.2.0", "5.3.0", "5.3.1", "5.4.0"]


@cache
def review_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(raw file with a lower-case `words` column of title + text, repeated posts dropped)."""
    raw = table("app_reviews")
    raw["words"] = (raw["title"].fillna("") + " " + raw["text"].fillna("")).str.lower()
    return raw, raw.drop_duplicates(["reviewer", "text", "rating"])


def labels(frame: pd.DataFrame) -> pd.Series:
    return frame["gold_topics"].str.split(";")


def topic_share(frame: pd.DataFrame, topic: str) -> float:
    return labels(frame).apply(lambda t: topic in t).mean()


@cache
def review_facts() -> Facts:
    raw, clean = review_tables()
    after_end = clean["date"].max()
    f: Facts = {"clean": len(clean), "incident": day_month(INCIDENT), "before_from": f"{BEFORE[0].day} {BEFORE[0]:%b}",
                "before_to": f"{BEFORE[1].day} {BEFORE[1]:%b %Y}", "after_from": day_month(INCIDENT + pd.Timedelta(
                    days=1)), "after_to": f"{after_end.day} {after_end:%b %Y}", "mb": file_size("app_reviews.csv", 1e6)}
    # Volume.
    f["rows"], f["ios_rows"], f["android_rows"] = len(raw), (raw["platform"] == "ios").sum(), (
        raw["platform"] == "android").sum()
    quiet = clean[clean["date"] < "2026-01-14"]
    per_day = quiet.groupby("date").size().reindex(pd.date_range("2025-03-01", "2026-01-13"), fill_value=0)
    weekend = per_day.index.day_of_week >= 5
    f["weekday_ratio"] = per_day[~weekend].mean() / per_day[weekend].mean()
    f["growth_ratio"] = per_day["2025-09":"2025-11"].mean() / per_day["2025-04":"2025-06"].mean()
    # Ratings.
    share = clean["rating"].value_counts(normalize=True)
    f["stars"] = ", ".join(f"{k}★ {share[k]:.1%}" for k in range(1, 6))
    f["mean_rating"] = clean["rating"].mean()
    # iOS 5.1.0.
    ios = clean[clean["platform"] == "ios"]
    crashy, on_510 = ios["words"].str.contains("crash|closes|quit"), ios["app_version"] == "5.1.0"
    ios_versions = sorted(set(ios["app_version"].dropna()), key=VERSIONS.index)
    f["fix_version"] = ios_versions[ios_versions.index("5.1.0") + 1]
    f.update(n_510=on_510.sum(), crash_510=crashy[on_510].mean(), crash_other=crashy[~on_510].mean(),
             rating_510=ios.loc[on_510, "rating"].mean(), rating_other=ios.loc[~on_510, "rating"].mean())
    # Before / after the incident, per platform.
    days_after = (after_end - INCIDENT).days
    days_before = (BEFORE[1] - BEFORE[0]).days + 1
    for platform in ("android", "ios"):
        mine = clean[clean["platform"] == platform]
        before, after = mine[mine["date"].between(*BEFORE)], mine[mine["date"] > INCIDENT]
        f[f"{platform}_pd_before"], f[f"{platform}_pd_after"] = len(before) / days_before, len(after) / days_after
        f[f"{platform}_pd_ratio"] = f[f"{platform}_pd_after"] / f[f"{platform}_pd_before"]
        f[f"{platform}_rating_before"], f[f"{platform}_rating_after"] = before["rating"].mean(), after["rating"].mean()
        f[f"{platform}_sync_after"] = after["words"].str.contains("sync").mean()
        f[f"{platform}_cite_after"] = after["words"].str.contains(r"5\.4").mean()
        gold_after = after[after["is_gold"]]
        f[f"{platform}_gold_after"], f[f"{platform}_gold_sync_after"] = len(gold_after), topic_share(gold_after, "sync")
    android = clean[clean["platform"] == "android"]
    after = android[android["date"] > INCIDENT]
    f["android_54_after"] = (after["app_version"] == "5.4.0").mean()
    all_before = android[android["date"] < INCIDENT]
    f["android_sync_before"] = all_before["words"].str.contains("sync").mean()
    ios_before = ios[ios["date"] < INCIDENT]
    f["ios_sync_before"] = ios_before["words"].str.contains("sync").mean()
    counts = {t: after["words"].str.contains("|".join(map(re.escape, w))).sum() for t, w in LEXICON.items()
              if t != "praise"}
    ranked = sorted(counts, key=counts.get, reverse=True)
    f["sync_is_top"] = "the top lexicon topic after" if ranked[0] == "sync" else "not the top lexicon topic"
    f["top_count"], f["crash_count"] = counts["sync"], counts["crash"]
    gold_counts = labels(after[after["is_gold"]]).explode().value_counts()
    f["gold_sync_labels"], f["gold_next"], f["gold_next_count"] = gold_counts["sync"], gold_counts.index[1], \
        gold_counts.iloc[1]
    gold_before = all_before[all_before["is_gold"]]
    f["android_gold_before"], f["android_gold_sync_before"] = len(gold_before), topic_share(gold_before, "sync")
    ios_after = clean[(clean["platform"] == "ios") & (clean["date"] > INCIDENT)]
    f["ios_cite_after"] = ios_after["words"].str.contains(r"5\.4").mean()
    f["cite_before"] = clean.loc[clean["date"] < INCIDENT, "words"].str.contains(r"5\.4").mean()
    # The lexicon against the gold labels.
    gold = raw[raw["is_gold"]]
    truth = labels(gold)
    tp = fp = fn = 0
    for topic, words in LEXICON.items():
        predicted = gold["words"].str.contains(r"\b(?:" + "|".join(map(re.escape, words)) + ")")
        actual = truth.apply(lambda t, topic=topic: topic in t)
        hits = (predicted & actual).sum()
        tp, fp, fn = tp + hits, fp + (predicted & ~actual).sum(), fn + (~predicted & actual).sum()
        f[f"P_{topic}"], f[f"R_{topic}"] = hits / max(predicted.sum(), 1), hits / max(actual.sum(), 1)
    f["micro_p"], f["micro_r"] = tp / (tp + fp), tp / (tp + fn)
    sync_word, sync_label = gold["words"].str.contains("sync"), truth.apply(lambda t: "sync" in t)
    f["sync_word_no_label"], f["sync_label_no_word"] = (sync_word & ~sync_label).sum(), (~sync_word & sync_label).sum()
    f["foreign"] = raw["text"].fillna("").str.contains(FOREIGN_WORDS).sum()
    # Gold subset.
    f["gold"] = len(gold)
    f["gold_quarters"], f["gold_stores"] = gold["date"].dt.quarter.nunique(), gold["platform"].nunique()
    f["gold_ratings"] = "every rating" if gold["rating"].nunique() == 5 else "?"
    f["multi_topic"] = (truth.str.len() > 1).mean()
    topic_counts = truth.explode().value_counts()
    f["gold_topic_counts"] = ", ".join(f"{t} {n}" for t, n in topic_counts.items())
    # Late updaters: the version against the newest release on the review's day.
    known = raw[raw["app_version"].notna()]
    newest = [sum(pd.Timestamp(day) <= d for day in RELEASES[p]) - 1
              for p, d in zip(known["platform"], known["date"], strict=True)]
    f["newest"] = (known["app_version"].map(VERSIONS.index).to_numpy() == np.array(newest)).mean()
    # Dirt.
    twice = raw.duplicated(["reviewer", "text", "rating"], keep=False) & raw["text"].notna()
    f["copies"], f["copy_rows"] = len(raw) - len(clean), twice.sum()
    empty = raw["text"].isna()
    f["star_only"] = empty.sum()
    f["star_only_platform"] = "all Android" if set(raw.loc[empty, "platform"]) == {"android"} else "?"
    f["star_only_gold"] = "`none`" if (raw.loc[empty & raw["is_gold"], "gold_topics"] == "none").all() else "?"
    no_version = raw["app_version"].isna()
    f["no_version"] = no_version.sum()
    f["no_version_platform"] = "all Android" if set(raw.loc[no_version, "platform"]) == {"android"} else "?"
    return f


REVIEWS = [
    ("cleaning", "(repeated posts dropped on reviewer + text + rating: {clean:,} reviews;\n\"before\" = "
                 "{before_from}–{before_to}, \"after\" = {after_from}–{after_to})"),
    ("volume", "| {rows:,} rows ({ios_rows} iOS, {android_rows:,} Android); weekday/weekend reviews per day "
               "{weekday_ratio:.2f}; Sep–Nov vs Apr–Jun per day {growth_ratio:.2f} |"),
    ("ratings", "| share {stars}; mean {mean_rating:.2f} |"),
    ("ios fix", "(a small distractor, fixed in {fix_version})"),
    ("ios 5.1.0", "| {n_510} reviews on 5.1.0: crash words in {crash_510:.1%} (other iOS {crash_other:.1%}), mean "
                  "rating {rating_510:.2f} vs {rating_other:.2f} |"),
    ("volume spike", "| Android per day {android_pd_before:.2f} before → {android_pd_after:.2f} after "
                     "(×{android_pd_ratio:.2f}); iOS {ios_pd_before:.2f} → {ios_pd_after:.2f} (×{ios_pd_ratio:.2f}, "
                     "growth) |"),
    ("rating collapse", "| Android mean rating {android_rating_before:.2f} → {android_rating_after:.2f}; iOS "
                        "{ios_rating_before:.2f} → {ios_rating_after:.2f}; {android_54_after:.0%} of Android \"after\" "
                        "reviews run 5.4.0 |"),
    ("sync dominates", "| reviews containing \"sync\": Android {android_sync_before:.1%} before (all pre-incident "
                       "Android) → {android_sync_after:.1%} after, {sync_is_top} ({top_count} vs "
                       "{crash_count} for crash); iOS {ios_sync_before:.1%} → {ios_sync_after:.1%}. Gold: Android "
                       "after n = {android_gold_after}, sync in {android_gold_sync_after:.0%} "
                       "({gold_sync_labels} labels, next {gold_next} {gold_next_count}); Android before n = "
                       "{android_gold_before}, sync {android_gold_sync_before:.1%}; iOS after n = {ios_gold_after}, "
                       "sync {ios_gold_sync_after:.0%} |"),
    ("cite 5.4.0", "| \"5.4\" in {android_cite_after:.1%} of Android \"after\" reviews; {ios_cite_after:.0%} of iOS "
                   "\"after\" reviews and of any review before {incident} |"),
    ("lexicon", "| the test's plain lexicon on the {gold} gold reviews (title + text): micro precision {micro_p:.2f}, "
                "recall {micro_r:.2f}; sync P {P_sync:.2f} / R {R_sync:.2f}; praise P {P_praise:.2f} / R "
                "{R_praise:.2f}; collaboration P {P_collaboration:.2f} / R {R_collaboration:.2f}; "
                "{sync_word_no_label} gold reviews say \"sync\" without a sync label, {sync_label_no_word} "
                "sync-labelled ones never say \"sync\" |"),
    ("non-English in lexicon row", ", {foreign} non-English reviews |"),
    ("gold subset", "| {gold} gold reviews in all {gold_quarters} quarters, both stores, {gold_ratings}; "
                    "{multi_topic:.0%} multi-topic; topic counts: {gold_topic_counts} |"),
    ("late updaters", "| {newest:.1%} of reviews with a version run the newest release of that day |"),
    ("repeated posts", "| {copies} extra copies ({copy_rows} rows in pairs) |"),
    ("star-only", "| {star_only} rows, {star_only_platform}, gold label {star_only_gold} when labelled |"),
    ("no version", "| {no_version} rows, {no_version_platform} |"),
    ("not in English", "| {foreign} reviews |"),
    ("file size", "{mb:.2f} MB CSV."),
]


# --- experiments/* -----------------------------------------------------------------------------------------

Z95 = stats.norm.ppf(0.975)
SPAN = ("2025-05", "2026-02")  # the months the six experiments run in
BOUNDARY, MARGIN = 0.005, -0.005  # the practical boundary and the guardrail's non-inferiority margin
SRM_ALPHA = 0.001


def experiment(name: str) -> pd.DataFrame:
    return table(f"experiments/{name}")


def srm_p(variants: pd.Series) -> float:
    """χ² goodness of fit of the arm counts against a 50/50 design."""
    counts = variants.value_counts().reindex(["control", "treatment"], fill_value=0).to_numpy()
    return float(stats.chisquare(counts).pvalue)


def two_proportions(control: pd.Series, treatment: pd.Series) -> dict[str, float]:
    """z-test with the pooled SE, unpooled 95% CI of the difference, delta-method 95% CI of the relative lift."""
    n_c, n_t, p_c, p_t = len(control), len(treatment), control.mean(), treatment.mean()
    pooled = (control.sum() + treatment.sum()) / (n_c + n_t)
    z = (p_t - p_c) / np.sqrt(pooled * (1 - pooled) * (1 / n_c + 1 / n_t))
    var_c, var_t = p_c * (1 - p_c) / n_c, p_t * (1 - p_t) / n_t
    half = Z95 * np.sqrt(var_c + var_t)
    rel = p_t / p_c - 1
    rel_half = Z95 * np.sqrt(var_t / p_c**2 + p_t**2 * var_c / p_c**4)
    return {"p_c": p_c, "p_t": p_t, "diff": p_t - p_c, "z": z, "p": 2 * stats.norm.sf(abs(z)), "lo": p_t - p_c - half,
            "hi": p_t - p_c + half, "rel": rel, "rel_lo": rel - rel_half, "rel_hi": rel + rel_half}


def arms(frame: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series]:
    return frame.loc[frame["variant"] == "control", column], frame.loc[frame["variant"] == "treatment", column]


def welch(frame: pd.DataFrame, column: str) -> tuple[float, float, float]:
    """(control mean, treatment mean, Welch two-sided p)."""
    control, treatment = arms(frame, column)
    return control.mean(), treatment.mean(), float(stats.ttest_ind(treatment, control, equal_var=False).pvalue)


def lift(frame: pd.DataFrame, column: str = "tasks_created_7d") -> float:
    control, treatment = arms(frame, column)
    return treatment.mean() / control.mean() - 1


def weekday_and_weekend(daily: pd.Series) -> tuple[float, float]:
    weekend = daily.index.day_of_week >= 5
    return daily[~weekend].mean(), daily[weekend].mean()


def p2(p: float) -> str:
    """A p-value to two significant figures, as the scorecard table prints it ("2.4e-39", "2.0e-5", "0.021")."""
    return PROSE.format("{:.1e}", p) if p < 0.001 else f"{p:.2g}"


def sample_size(p1: float, delta: float) -> int:
    """Per arm: (z₁₋α/₂ + z₁₋β)² (p₁q₁ + p₂q₂) / δ², rounded up (glossary; α 0.05 two-sided, power 0.8)."""
    p2_ = p1 + delta
    z = stats.norm.ppf(0.975) + stats.norm.ppf(0.8)
    return int(np.ceil(z**2 * (p1 * (1 - p1) + p2_ * (1 - p2_)) / delta**2))


@cache
def product() -> dict[str, pd.Series]:
    """Kanbo's clean daily actives, sign-ups and new paying accounts, for the "sized to Kanbo" comparisons."""
    users = table("users")
    users = users[~users["email_domain"].str.endswith("kanbo.io")]
    activity = table("activity").drop_duplicates()
    activity = activity[(activity["sessions"] > 0) & activity["user_id"].isin(users["user_id"])]
    signup_day = users["signup_at"].dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
    subs = table("subscriptions")
    paid = subs[subs["mrr"] > 0]
    return {"dau": activity.groupby("date")["user_id"].nunique(),
            "dau_platform": activity.groupby(["date", "platform"])["user_id"].nunique().unstack(),
            "mau": activity.groupby(activity["date"].dt.to_period("M"))["user_id"].nunique(),
            "signups": signup_day.value_counts().sort_index(),
            "new_paying": paid.groupby("account_id")["month"].min().value_counts().sort_index(),
            "paid": paid, "activity": activity, "users": users}


@cache
def intro_facts() -> Facts:
    p = product()
    months = lambda s: s[(s.index >= SPAN[0]) & (s.index <= SPAN[1] + "-28")]  # noqa: E731
    dau_m = months(p["dau"]).groupby(months(p["dau"]).index.to_period("M")).mean()
    mau = p["mau"][(p["mau"].index >= pd.Period(SPAN[0])) & (p["mau"].index <= pd.Period(SPAN[1]))]
    signups = months(p["signups"])
    signups_m = signups.groupby(signups.index.to_period("M")).mean()
    new_paying = p["new_paying"][(p["new_paying"].index >= SPAN[0]) & (p["new_paying"].index <= SPAN[1])]
    per_day = new_paying / new_paying.index.days_in_month
    ids = [experiment(n)[c] for n, c in (("signup_form_users", "visitor_id"), ("onboarding_users", "user_id"),
                                        ("reminders_users", "user_id"), ("quick_add_users", "user_id"))]
    digits = {len(i) for s in ids for i in s.str.split("-").str[1]}
    return {"span": f"{pd.Timestamp(SPAN[0]):%b %Y}–{pd.Timestamp(SPAN[1]):%b %Y}",
            "dau_lo": r(dau_m.min(), 100), "dau_hi": r(dau_m.max(), 100), "mau_lo": mau.min() / 1e3,
            "mau_hi": mau.max() / 1e3, "signups_lo": r(signups_m.min(), 10), "signups_hi": r(signups_m.max(), 10),
            "paying_lo": per_day.min(), "paying_hi": per_day.max(),
            "id_digits": digits.pop() if len(digits) == 1 else 0,
            "paying_month_lo": r(new_paying.min(), 10), "paying_month_hi": r(new_paying.max(), 10)}


@cache
def signup_facts() -> Facts:
    raw = experiment("signup_form_users")
    variants = raw.groupby("visitor_id")["variant"].nunique()
    crossed = variants[variants > 1].index
    s = raw[~raw["visitor_id"].isin(crossed)]
    daily = s.groupby("assigned_date").size()
    weekday, weekend = weekday_and_weekend(daily)
    weekend_rows = s["assigned_date"].dt.day_of_week >= 5
    f: Facts = {"logged_in": s["logged_in"].mean(), "prospects": 1 - s["logged_in"].mean(), "visitors": len(s),
                "logged_in_signups": s.loc[s["logged_in"], "signed_up_14d"].max(),
                "per_day": daily.mean(), "weekday": weekday, "weekend": weekend,
                "mobile": (s["device"] == "mobile").mean(), "mobile_weekend": (s.loc[weekend_rows, "device"] ==
                                                                               "mobile").mean()}
    counts = s["variant"].value_counts()
    f.update(n_c=counts["control"], n_t=counts["treatment"], srm=srm_p(s["variant"]))
    t = two_proportions(*arms(s, "signed_up_14d"))
    f.update({f"su_{k}": v for k, v in t.items()})
    f["su_pp"] = 100 * t["diff"]
    f["su_lo_pp"], f["su_hi_pp"] = 100 * t["lo"], 100 * t["hi"]
    prospects = s[~s["logged_in"]]
    tp = two_proportions(*arms(prospects, "signed_up_14d"))
    f.update(pr_c=tp["p_c"], pr_t=tp["p_t"], pr_rel=tp["rel"])
    f["signups_day"] = s["signed_up_14d"].sum() / s["assigned_date"].nunique()
    f["signups_day_control"] = t["p_c"] * daily.mean()
    kanbo = product()["signups"]
    f["kanbo_signups"] = kanbo[s["assigned_date"].min():s["assigned_date"].max()].mean()
    f["boundary_pp"], f["boundary_rel"] = 100 * BOUNDARY, BOUNDARY / t["p_c"]
    f["boundary_day"] = BOUNDARY * daily.mean()
    f["verdict"] = "clears it → ship" if t["lo"] > BOUNDARY else "?"
    f["one_pp"] = "straddled" if t["lo"] < 2 * BOUNDARY < t["hi"] else "?"
    payers = s[s["revenue_14d"] > 0]
    plan = payers["paid_plan_14d"].value_counts()
    f.update(payers=len(payers), payers_c=(payers["variant"] == "control").sum(),
             payers_t=(payers["variant"] == "treatment").sum(), team=plan.get("Team", 0),
             business=plan.get("Business", 0), pay_zero=(s["revenue_14d"] == 0).mean(),
             median_payer=payers["revenue_14d"].median(), max_payer=payers["revenue_14d"].max())
    f["rev_c"], f["rev_t"], f["rev_p"] = welch(s, "revenue_14d")
    y, x = s["visits_14d"].astype(float), s["visits_pre_28d"].astype(float)
    rho = np.corrcoef(x, y)[0, 1]
    theta = np.cov(y, x)[0, 1] / x.var()  # both arms pooled
    adjusted = s.assign(cuped=y - theta * (x - x.mean()))
    f.update(rho=rho, theta=theta, var_ratio=1 - rho**2, narrower=1 - np.sqrt(1 - rho**2), zero_pre=(x == 0).mean())
    f["visits_c"], f["visits_t"], f["visits_p"] = welch(s, "visits_14d")
    f["cuped_p"] = welch(adjusted, "cuped")[2]
    g = two_proportions(*arms(s, "contacted_sales_14d"))
    f.update(cs_c=g["p_c"], cs_t=g["p_t"], cs_p=g["p"], cs_lo=100 * g["lo"], cs_hi=100 * g["hi"],
             margin=100 * MARGIN, cs_verdict="clears" if g["lo"] > MARGIN else "?")
    identified = raw.groupby("visitor_id")[["logged_in", "signed_up_14d"]].max().any(axis=1)
    f.update(crossovers=len(crossed), raw_rows=len(raw),
             crossed_who="all identified" if identified[crossed].all() else "?")
    f["n_1pp"], f["n_half_pp"] = sample_size(t["p_c"], 0.01), sample_size(t["p_c"], BOUNDARY)
    f["days_1pp"], f["days_half_pp"] = 2 * f["n_1pp"] / daily.mean(), 2 * f["n_half_pp"] / daily.mean()
    f["weeks_1pp"], f["weeks_half_pp"] = int(np.ceil(f["days_1pp"] / 7)), int(np.ceil(f["days_half_pp"] / 7))
    f["run_1pp"], f["run_half_pp"] = 7 * f["weeks_1pp"], 7 * f["weeks_half_pp"]   # whole weeks (glossary)
    f["n_half_pp_round"], f["n_1pp_2"], f["one"] = r(f["n_half_pp"], 1000), 2 * f["n_1pp"], 200 * BOUNDARY
    f["months_half_pp"] = {2: "two", 3: "three", 4: "four"}.get(round(f["days_half_pp"] / 30), "?")
    return f


EXPERIMENTS_INTRO = [
    ("ids", "(`vis-`, `onb-`, `rem-`, `qad-` + {id_digits} digits)"),
    ("sized to Kanbo", "Every test's population fits the product tables (over {span}: monthly mean DAU ≈ "
                       "{dau_lo:,.0f}–{dau_hi:,.0f}, MAU {mau_lo:.1f}k–{mau_hi:.1f}k, ≈ {signups_lo:.0f}–"
                       "{signups_hi:.0f} sign-ups and {paying_lo:.1f}–{paying_hi:.1f} new paying accounts a day)"),
]
SIGNUP = [
    ("size lesson", "a +{boundary_pp:.1f} pp change on a {su_p_c:.0%} conversion needs ~{n_half_pp_round:,.0f} "
                    "visitors per arm, about {months_half_pp} months of pricing-page traffic"),
    ("visitors", "Visitors: {prospects:.0%} logged-out prospects (cookie ids),\n{logged_in:.0%} logged-in Free users"),
    ("logged in", "(who cannot sign up: `signed_up_14d` is {logged_in_signups} for them by definition)"),
    ("mobile", "; {mobile:.0%} mobile ({mobile_weekend:.0%} at weekends) |"),
    ("traffic", "| {visitors:,} visitors after cleaning, {per_day:.0f}/day: {weekday:.0f} per weekday, "
                "{weekend:.0f} per "
                "weekend day |"),
    ("randomisation", "| {n_c:,} control / {n_t:,} treatment, χ² p = {srm:.2f} |"),
    ("sign-up lift", "| all visitors {su_p_c:.3%} → {su_p_t:.3%}: {su_pp:+.2f} pp, z = {su_z:.2f}, p = {su_p:.1e}; "
                     "unpooled 95% CI [{su_lo_pp:+.2f}, {su_hi_pp:+.2f}] pp; relative {su_rel:+.1%}, delta-method CI "
                     "[{su_rel_lo:+.1%}, {su_rel_hi:+.1%}]. Prospects only {pr_c:.2%} → {pr_t:.2%} ({pr_rel:+.1%}). "
                     "≈ {signups_day:.0f} sign-ups a day come through the pricing page "
                     "({signups_day_control:.0f}/day at "
                     "the control rate), of Kanbo's ≈ {kanbo_signups:.0f} |"),
    ("boundary", "| suggest **+{boundary_pp:.1f} pp** (≈ {boundary_rel:+.0%} relative, ~{boundary_day:.0f} extra "
                 "sign-ups a day): the CI's lower bound {su_lo_pp:+.2f} pp {verdict}. A +{one:.1f} pp boundary "
                 "would be "
                 "{one_pp}"),
    ("revenue", "| {payers} payers ({payers_c} control / {payers_t} treatment; {team} Team, {business} Business); "
                "{pay_zero:.1%} of visitors pay 0; ${rev_c:.3f} → ${rev_t:.3f} per visitor, Welch p = {rev_p:.2f}; "
                "median payer ${median_payer:.0f}, max ${max_payer:.0f} |"),
    ("cuped", "| ρ(visits_pre_28d, visits_14d) = {rho:.3f}, θ = {theta:.3f}, variance ratio 1 − ρ² = {var_ratio:.3f} "
              "(CI {narrower:.0%} narrower); {zero_pre:.0%} of visitors have 0 pre-period visits. visits_14d: "
              "{visits_c:.3f} → {visits_t:.3f}, Welch p = {visits_p:.2f} raw, {cuped_p:.2f} CUPED |"),
    ("guardrail", "| {cs_c:.3%} → {cs_t:.3%}, p = {cs_p:.2f}; CI [{cs_lo:+.2f}, {cs_hi:+.2f}] pp {cs_verdict} a "
                  "{margin:.1f} pp non-inferiority margin |"),
    ("crossovers", "| {crossovers} visitors listed twice ({raw_rows:,} rows), {crossed_who} |"),
    ("sample size", "Sample size (spec formula, baseline {su_p_c:.3%}, α 0.05 two-sided, power 0.8): δ = +1 pp → "
                    "{n_1pp:,} per arm\n= {n_1pp_2:,} visitors ≈ {days_1pp:.1f} days at {per_day:.0f}/day, rounded up "
                    "to whole weeks: {weeks_1pp} weeks = {run_1pp} days; δ = +{boundary_pp:.1f} pp →\n"
                    "{n_half_pp:,} per arm ≈ {days_half_pp:.1f} days: {weeks_half_pp} weeks = {run_half_pp} days."),
]


@cache
def onboarding_facts() -> Facts:
    o = experiment("onboarding_users")
    daily = o.groupby("assigned_date").size()
    weekday, weekend = weekday_and_weekend(daily)
    counts = o["variant"].value_counts()
    f: Facts = {"rows": len(o), "per_day": daily.mean(), "weekday": weekday, "weekend": weekend,
                "n_c": counts["control"], "n_t": counts["treatment"], "share_t": counts["treatment"] / len(o),
                "srm": srm_p(o["variant"])}
    f["srm_verdict"] = "fails" if f["srm"] < SRM_ALPHA else "passes"
    for platform in ("web", "ios", "android"):
        group = o[o["platform"] == platform]["variant"]
        f[f"{platform}_c"], f[f"{platform}_t"] = (group == "control").sum(), (group == "treatment").sum()
        f[f"{platform}_p"] = srm_p(group)
    mobile = o[o["platform"] != "web"]
    f["mobile_c"], f["mobile_t"] = (mobile["variant"] == "control").sum(), (mobile["variant"] == "treatment").sum()
    f["mobile_lost"] = 1 - f["mobile_t"] / f["mobile_c"]
    naive = two_proportions(*arms(o, "activated"))
    f.update({f"a_{k}": v for k, v in naive.items()})
    f["a_pp"] = 100 * naive["diff"]
    f["a_verdict"] = "\"significant win\"" if naive["p"] < 0.05 else "?"
    m = two_proportions(*arms(mobile, "activated"))
    f.update(m_c=m["p_c"], m_t=m["p_t"], m_pp=100 * m["diff"])
    w = two_proportions(*arms(o[o["platform"] == "web"], "activated"))
    f.update(w_c=w["p_c"], w_t=w["p_t"], w_pp=100 * w["diff"], w_p=w["p"])
    # Kanbo's own activation (board shared in days 0-6), by how people joined: the checklist's audience
    # (people who create a workspace) activates less than invited teammates.
    kanbo = product()
    users, activity = kanbo["users"], kanbo["activity"]
    day0 = users.set_index("user_id")["signup_at"].dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
    age = (activity["date"] - activity["user_id"].map(day0)).dt.days
    sharers = activity.loc[(age < 7) & (activity["boards_shared"] > 0), "user_id"].unique()
    complete = users[users["user_id"].map(day0) <= activity["date"].max() - pd.Timedelta(days=6)]
    rate = complete.assign(active=complete["user_id"].isin(sharers)).groupby("joined_via")["active"].mean()
    f.update(kanbo_creators=rate["new_workspace"], kanbo_invited=rate["invite"])
    f["s_c"], f["s_t"], f["s_p"] = welch(o, "sessions_7d")
    f["b_c"], f["b_t"], f["b_p"] = welch(o, "boards_created_7d")
    return f


ONBOARDING = [
    ("population", "| {rows:,} logged rows, {per_day:.0f}/day logged ({weekday:.0f} per weekday, "
                   "{weekend:.0f} per weekend "
                   "day) |"),
    ("srm", "| {n_c:,} control / {n_t:,} treatment ({share_t:.1%} treatment), χ² p = {srm:.1e} |"),
    ("by platform", "| web {web_c} vs {web_t} (p = {web_p:.2f}); iOS {ios_c} vs {ios_t} (p = {ios_p:.1e}); Android "
                    "{android_c} vs {android_t} (p = {android_p:.1e}); mobile {mobile_c} vs {mobile_t}: "
                    "{mobile_lost:.0%} of mobile treatment users lost |"),
    ("activation", "(≈ {a_p_c:.0%}; in `activity`, {kanbo_creators:.0%} of the people who create a workspace and "
                   "{kanbo_invited:.0%} of invited teammates activate)"),
    ("spurious win", "| naive activation {a_p_c:.2%} → {a_p_t:.2%} ({a_pp:+.2f} pp, z = {a_z:.2f}, p = {a_p:.4f}, "
                     "{a_verdict}, relative {a_rel:+.1%}); mobile {m_c:.1%} → {m_t:.1%} ({m_pp:+.1f} pp); web "
                     "{w_c:.2%} → {w_t:.2%} ({w_pp:+.1f} pp, p = {w_p:.2f}). sessions_7d {s_c:.2f} → {s_t:.2f} (Welch "
                     "p = {s_p:.3f}) and boards_created_7d {b_c:.2f} → {b_t:.2f} (p = {b_p:.2f}) show the same bias |"),
    ("lesson", "Lesson: the SRM check {srm_verdict} at p < 0.001"),
]


@cache
def board_view_facts() -> Facts:
    raw = experiment("board_view_daily")
    rows = raw.groupby("date")["variant"].size()
    missing = rows[rows == 1].index
    last = raw["date"].max()
    tasks = raw.groupby("date")["tasks_created"].sum()
    wide = raw.pivot(index="date", columns="variant").dropna()
    wide = wide[wide.index < last]  # the export's last day is partial
    lift_tasks = (wide["tasks_created"] / wide["users_active"]).pipe(lambda d: d["treatment"] / d["control"] - 1)
    lift_sessions = (wide["sessions"] / wide["users_active"]).pipe(lambda d: d["treatment"] / d["control"] - 1)
    late = wide.iloc[-14:]
    pooled = late["tasks_created"].sum() / late["users_active"].sum()
    fit = stats.linregress((lift_tasks.index - lift_tasks.index[0]).days, lift_tasks.to_numpy())
    control = raw[(raw["variant"] == "control") & (raw["date"] < last)].set_index("date")["users_active"]
    weekday, weekend = weekday_and_weekend(control)
    both = raw.groupby("date")["users_active"].sum()[rows == 2]
    dau = product()["dau"].reindex(both.index)
    share = both / dau
    week1 = product()["dau_platform"].loc[raw["date"].min():raw["date"].min() + pd.Timedelta(days=4)].mean()
    design = pd.Series({"web": 335, "ios": 104, "android": 143}) / week1[["web", "ios", "android"]]
    sunday_before = last - pd.Timedelta(days=7)
    missing_arm = set(raw["variant"]) - set(raw.loc[raw["date"].isin(missing), "variant"])
    return {"rows": len(raw), "days": len(rows), "missing": f"{missing_arm.pop()} row of {missing[0]:%Y-%m-%d}",
            "last": f"{last:%Y-%m-%d}", "last_ratio": tasks[last] / tasks[sunday_before],
            "complete_days": len(lift_tasks), "day1": lift_tasks.iloc[0], "week1": lift_tasks.iloc[:7].mean(),
            "last14": lift_tasks.iloc[-14:].mean(), "pooled14": pooled["treatment"] / pooled["control"] - 1,
            "slope": fit.slope, "slope_p": fit.pvalue, "s_week1": lift_sessions.iloc[:7].mean(),
            "s_last14": lift_sessions.iloc[-14:].mean(), "weekday": weekday, "weekend": weekend,
            "dau_mean": share.mean(), "dau_max": share.max(), "above": "never above" if share.max() <= 1 else "?",
            "design_lo": design.min(), "design_hi": design.max(),
            "noise_lo": 100 * lift_tasks.iloc[-14:].std(), "noise_hi": 100 * lift_tasks.iloc[:14].std(),
            "late_lo": 100 * min(pooled["treatment"] / pooled["control"] - 1, lift_tasks.iloc[-14:].mean()),
            "late_hi": 100 * max(pooled["treatment"] / pooled["control"] - 1, lift_tasks.iloc[-14:].mean())}


BOARD_VIEW = [
    ("design share", "(≈ {design_lo:.2f}–{design_hi:.2f} of each platform's weekday DAU that week)"),
    ("sized to DAU", "| control {weekday:.0f} per weekday, {weekend:.0f} per weekend day; both arms together = "
                     "{dau_mean:.0%} of clean DAU from `activity` on average, {dau_max:.0%} at most ({above}) |"),
    ("novelty", "| daily lift in tasks/active user ({complete_days} complete days with both arms): day 1 {day1:+.1%}, "
                "first week mean {week1:+.1%}, last 14 days mean {last14:+.1%} (pooled ratio over the last 14 complete "
                "days {pooled14:+.1%}); OLS slope {slope:.4f}/day, p = {slope_p:.1e}. Sessions/user lift: first week "
                "{s_week1:+.1%}, last two weeks {s_last14:+.1%} |"),
    ("long run", "| the last two weeks' {late_lo:+.1f}–{late_hi:.1f}% is consistent with it (SD of the daily lift "
                 "{noise_lo:.0f}–{noise_hi:.0f}% over the last and first two weeks) |"),
    ("dirt", "| {missing} dropped; last day ({last}) exported at 11:00 UTC | {rows} rows ({days} days × 2 − 1); last "
             "day's tasks {last_ratio:.2f} × the Sunday before |"),
]


@cache
def reminders_facts() -> Facts:
    rem = experiment("reminders_users")
    p = product()
    start, end = rem["assigned_date"].min(), rem["assigned_date"].max()
    daily = rem.groupby("assigned_date").size()
    returning = rem[rem["account_age_days"] > 0]
    months = pd.date_range(start.to_period("M").to_timestamp(), end, freq="MS")
    paying = set(p["paid"].loc[p["paid"]["month"].isin(months), "account_id"])
    window = p["activity"][p["activity"]["date"].between(start, end)]
    active = p["users"][p["users"]["user_id"].isin(window["user_id"])]
    f: Facts = {"window": f"{day_month(start)}–{day_month(end)} {end:%Y}",
                "free_active": (~active["account_id"].isin(paying)).sum(), "returning": len(returning),
                "first3": ", ".join(str(n) for n in daily.iloc[:3]), "after_week1": daily.iloc[7:].mean(),
                "signups_day": (rem["account_age_days"] == 0).sum() / len(daily),
                "new_share": (rem["segment"] == "new").mean(), "weeks": len(daily) / 7,
                "upgrades": rem["upgraded_14d"].sum(), "paying_month_lo": intro_facts()["paying_month_lo"],
                "paying_month_hi": intro_facts()["paying_month_hi"]}
    week = (rem["assigned_date"] - start).dt.days // 7
    established = rem[rem["segment"] == "established"]
    realised = (established["variant"] == "treatment").groupby(week[established.index]).mean()
    f["realised"] = ", ".join(f"{v:.0%}" for v in realised)
    for segment, group in [*rem.groupby("segment"), ("pooled", rem)]:
        counts = group["variant"].value_counts()
        f[f"{segment}_c"], f[f"{segment}_t"] = counts["control"], counts["treatment"]
        t = two_proportions(*arms(group, "viewed_plans_14d"))
        f.update({f"{segment}_{k}": v for k, v in t.items()})
        f[f"{segment}_pp"] = 100 * t["diff"]
        up_c, up_t = arms(group, "upgraded_14d")
        f[f"{segment}_up_c"], f[f"{segment}_up_t"] = up_c.sum(), up_t.sum()
        with np.errstate(divide="ignore", invalid="ignore"):  # no upgrades among new control users
            u = two_proportions(up_c, up_t)
        f[f"{segment}_up_rate_c"], f[f"{segment}_up_rate_t"], f[f"{segment}_up_p"] = u["p_c"], u["p_t"], u["p"]
    return f


REMINDERS = [
    ("population", "Free-plan users active {window} (the product data has {free_active:,} users active then whose "
                   "workspace paid in neither month), enrolled on their first active day: "
                   "{returning:,} returning users "
                   "(front-loaded: {first3} enrolments on the first three days, "
                   "≈ {after_week1:.0f}/day after the first "
                   "week; 45% signed up in the 30 days before) plus ≈ {signups_day:.0f} sign-ups a day (age 0)"),
    ("ramp made", "(account < 30 days, {new_share:.0%})"),
    ("ramp", "| new: {new_c} control / {new_t:,} treatment; established: {established_c:,} / {established_t} "
             "(realised {realised} by week). Overall {pooled_c:,} / {pooled_t:,} |"),
    ("segments", "| new {new_p_c:.2%} → {new_p_t:.2%} ({new_pp:+.1f} pp, z = {new_z:.2f}); established "
                 "{established_p_c:.2%} → {established_p_t:.2%} ({established_pp:+.1f} pp, z = {established_z:.2f}) |"),
    ("pooled", "| pooled {pooled_p_c:.2%} → {pooled_p_t:.2%} ({pooled_pp:+.1f} pp, z = {pooled_z:.2f}) |"),
    ("upgrades", "| {upgrades} upgrades in {weeks:.0f} weeks (Kanbo gains "
                 "≈ {paying_month_lo:.0f}–{paying_month_hi:.0f} "
                 "paying accounts a month); new {new_up_c}/{new_c} → {new_up_t}/{new_t:,}, established "
                 "{established_up_c}/{established_c:,} → {established_up_t}/{established_t}; "
                 "pooled {pooled_up_rate_c:.2%} → "
                 "{pooled_up_rate_t:.2%} (p = {pooled_up_p:.2f}): not testable at this size |"),
]


@cache
def scorecard_facts() -> Facts:
    card = experiment("pricing_page_scorecard").set_index("metric")
    p = card.apply(scorecard_p_value, axis=1)
    kept = {method: pd.Series(multipletests(p, alpha=0.05, method=method)[0], index=p.index)
            for method in ("fdr_bh", "holm", "bonferroni")}
    modest = ["opened_faq", "time_on_page_sec", "bounced"]
    detectable = ["viewed_plan_comparison", "signed_up_14d", *modest]
    true = [*detectable, "started_paid_14d", "revenue_14d"]
    rows = []
    for metric, kind in (("viewed_plan_comparison", "true"), ("signed_up_14d", "true"),
                         *((m, "true, modest") for m in modest), ("returned_7d", "null"), ("site_visits_14d", "null"),
                         ("revenue_14d", "true, rare"), ("started_paid_14d", "true, rare")):
        row = card.loc[metric]
        if metric == "revenue_14d":
            change = f"${row['mean_control']:.3f} → ${row['mean_treatment']:.3f} per visitor"
        elif metric == "started_paid_14d":
            change = (f"{row['successes_control']:.0f} → {row['successes_treatment']:.0f} visitors "
                      f"({row['mean_control']:.2%} → {row['mean_treatment']:.2%})")
        elif metric == "time_on_page_sec":
            change = PROSE.format("{:.1f} s → {:.1f} s ({:+.0%})", row["mean_control"], row["mean_treatment"],
                                  row["mean_treatment"] / row["mean_control"] - 1)
        elif metric == "site_visits_14d":
            change = f"{row['mean_control']:.2f} → {row['mean_treatment']:.2f} visits"
        else:
            change = f"{row['mean_control']:.2%} → {row['mean_treatment']:.2%}"
            if metric == "signed_up_14d":
                change += PROSE.format(" ({:+.0%})", row["mean_treatment"] / row["mean_control"] - 1)
        flags = " | ".join(["yes" if p[metric] < 0.05 else "—",
                            *("kept" if kept[method][metric] else "—" for method in ("fdr_bh", "holm", "bonferroni"))])
        rows.append(f"| {metric} ({kind}) | {change} | {p2(p[metric])} | {flags} |")
    others = p.drop([m for m in p.index if f"| {m} (" in "".join(rows)])
    winners = p.index[p < 0.05]
    bh, holm, bonferroni = (set(p.index[kept[method]]) for method in ("fdr_bh", "holm", "bonferroni"))
    third = p.sort_values().index[2]
    first = card.iloc[0]
    days = 28
    return {"rows": " ".join(rows), "others": len(others), "others_lo": others.min(), "others_hi": others.max(),
            "others_flags": "— | — | — | —" if (others >= 0.05).all() and not bh & set(others.index) else "?",
            "n_c": first["n_control"], "n_t": first["n_treatment"],
            "per_day": r((first["n_control"] + first["n_treatment"]) / days, 10),
            "signup_base": card.loc["signed_up_14d", "mean_control"], "winners": len(winners),
            "false_winners": len(set(winners) - set(true)), "bh": len(bh), "holm": len(holm),
            "bonferroni": len(bonferroni), "third": third if holm - bonferroni == {third} else "?",
            "bh_which": "the" if bh == set(detectable) else "?", "metrics": len(p),
            "missed_holm": len(set(detectable) - holm), "missed_bonferroni": len(set(detectable) - bonferroni)}


SCORECARD = [
    ("population", "n = {n_c:,} control / {n_t:,}\ntreatment (≈ {per_day:.0f}/day)"),
    ("signup base", "(logit\n+0.25, base {signup_base:.1%})"),
    ("rows", "{rows}"),
    ("the other", "| the other {others} | | {others_lo:.2f}–{others_hi:.2f} | {others_flags} |"),
    ("verdicts", "Raw testing: {winners} winners ({false_winners} false). Bonferroni keeps {bonferroni}; Holm "
                 "{holm} (a step-down: with two metrics rejected it tests `{third}` at 0.05/18 ≈ 0.0028 instead "
                 "of 0.05/{metrics} = 0.0025); BH (`multipletests(..., method=\"fdr_bh\")`) {bh}: exactly "
                 "{bh_which} {bh} detectable true effects, no false discovery. The price of controlling the "
                 "family-wise error rate: Holm misses {missed_holm} real effects, Bonferroni {missed_bonferroni}."),
]


@cache
def quick_add_facts() -> Facts:
    q = experiment("quick_add_users")
    platform = q["platform"].value_counts()
    rest, android = q[q["platform"] != "android"], q[q["platform"] == "android"]
    broken = android[android["app_version"] == "5.4.0"]
    ios54 = q[(q["platform"] == "ios") & (q["app_version"] == "5.4.0")]
    counts = q["variant"].value_counts()
    f: Facts = {"users": len(q), "web": platform["web"], "ios": platform["ios"], "android": platform["android"],
                "new": q["new_user"].mean(), "full_day": day_month(q["assigned_date"].value_counts().idxmax()),
                "n_c": counts["control"], "n_t": counts["treatment"], "srm": srm_p(q["variant"]),
                "android_share": platform["android"] / len(q)}
    f["day19"] = q["assigned_date"].value_counts().max()
    for name in ("web", "ios", "android"):
        f[f"srm_{name}"] = srm_p(q.loc[q["platform"] == name, "variant"])
    f["rest_c"], f["rest_t"], f["rest_p"] = welch(rest, "tasks_created_7d")
    f["rest_lift"] = lift(rest)
    for name in ("web", "ios"):
        group = q[q["platform"] == name]
        f[f"{name}_lift"], f[f"{name}_p"] = lift(group), welch(group, "tasks_created_7d")[2]
    for name, group in (("rest", rest), ("all", q)):
        t = two_proportions(*arms(group, "retained_d7"))
        f[f"ret_{name}_c"], f[f"ret_{name}_t"], f[f"ret_{name}_p"], f[f"ret_{name}_rel"] = t["p_c"], t["p_t"], t["p"], \
            t["rel"]
    f["b_c"], f["b_t"], f["b_p"] = welch(broken, "tasks_created_7d")
    f["b_lift"] = lift(broken)
    f["ios54_c"] = arms(ios54, "tasks_created_7d")[0].mean()
    f["sync_c"], f["sync_t"], _ = welch(broken, "sync_errors_7d")
    f["sync_else"] = rest["sync_errors_7d"].mean()
    f["android_lift"], f["android_p"] = lift(android), welch(android, "tasks_created_7d")[2]
    f["android_late"] = lift(android[android["assigned_date"] >= INCIDENT])
    f["all_c"], f["all_t"], f["all_p"] = welch(q, "tasks_created_7d")
    f["all_lift"] = lift(q)
    f["ratio"] = f["all_lift"] / f["rest_lift"]
    pre = q[q["assigned_date"] < q["assigned_date"].value_counts().idxmax()]  # the safety ramp's week
    f["pre_lift"], f["pre_p"] = lift(pre), welch(pre, "tasks_created_7d")[2]
    f["pre_n"] = len(pre)
    f["incident"] = day_month(INCIDENT)
    older = android[android["app_version"].str.startswith("5.3")]
    f["older_c"], f["older_t"], _ = welch(older, "sync_errors_7d")
    return f


QUICK_ADD = [
    ("population", "(≈ the users active in the window: {users:,}; web {web:,}, iOS {ios:,},\nAndroid {android:,}; "
                   "{new:.0%} new sign-ups)"),
    ("ramp", "everyone from {full_day} ({day19:,}\nassignments that day)"),
    ("balanced", "| {n_c:,} / {n_t:,}, χ² p = {srm:.2f}; per platform p = {srm_web:.2f} (web), {srm_ios:.2f} (iOS), "
                 "{srm_android:.2f} (Android) |"),
    ("real effect", "| tasks_created_7d non-Android {rest_c:.2f} → {rest_t:.2f} ({rest_lift:+.1%}, Welch p = "
                    "{rest_p:.0e}); web {web_lift:+.1%} (p = {web_p:.0e}), iOS {ios_lift:+.1%} (p = {ios_p:.1e}); "
                    "retained_d7 non-Android {ret_rest_c:.1%} → {ret_rest_t:.1%} (p = {ret_rest_p:.4f}) |"),
    ("incident", "| Android 5.4.0 control {b_c:.2f} tasks vs iOS 5.4.0 control {ios54_c:.2f}; sync errors "
                 "Android 5.4.0 "
                 "{sync_c:.2f} (control) / {sync_t:.2f} (treatment) per user vs {sync_else:.2f} on web and iOS |"),
    ("reverses", "| Android 5.4.0: {b_c:.2f} → {b_t:.2f} tasks ({b_lift:+.1%}, p = {b_p:.0e}); Android overall "
                 "{android_lift:+.1%} (p = {android_p:.2f}); Android assigned ≥ {incident} {android_late:+.1%} |"),
    ("pooled", "| Android is {android_share:.0%} of users | pooled {all_c:.2f} → {all_t:.2f} ({all_lift:+.1%}, p = "
               "{all_p:.0e}) vs {rest_lift:+.1%} without Android (ratio {ratio:.2f}); retained_d7 pooled "
               "{ret_all_rel:+.1%} (p = {ret_all_p:.2f}) vs {ret_rest_rel:+.1%} (p = {ret_rest_p:.4f}) |"),
    ("pre-incident", "| the {pre_n:,} users assigned in the ramp week, before {full_day}: {pre_lift:+.1%} "
                     "(p = {pre_p:.0e});"),
    ("capstone note", "so Android users listed as 5.3.x also show sync errors "
                      "({older_c:.2f} / {older_t:.2f} per user)."),
]


# --- generator parameters the document states ---------------------------------------------------------------

def literal(module: str, pattern: str) -> str:
    """A number written inline in a generator module (not a named constant), found by a regex with one group."""
    match = re.search(pattern, (WORLD / module).read_text(encoding="utf-8"))
    assert match, f"{module}: no match for {pattern!r}"
    return match[1]


def dots(shares: tuple[float, ...]) -> str:
    """(0.08, 0.04) → ".08/.04", as the document writes probabilities."""
    return "/".join(f"{p:.2f}".lstrip("0") for p in shares)


@cache
def parameter_facts() -> Facts:
    from pmcourse.world import company, reviews
    from pmcourse.world.experiments import (
        _common,
        board_view,
        onboarding,
        pricing_page,
        quick_add,
        reminders,
        signup_form,
    )
    from pmcourse.world.market import sizing, survey

    f: Facts = {"coin": f"{100 // len(_common.VARIANTS)}/{100 // len(_common.VARIANTS)}",
                "team_price": company.LIST_PRICE_PER_SEAT["Team"], "business_price": company.LIST_PRICE_PER_SEAT[
                    "Business"], "test_team_price": TEAM_PRICE, "incident": day_month(company.INCIDENT_DATE),
                "incident_year": company.INCIDENT_DATE.year}
    # survey and market_sizing
    f.update(sixes=survey.DETRACTOR_SCORES[6], vw_spread=survey.VW_SPREAD, vw_anchor=survey.VW_CUSTOMER_ANCHOR,
             vw_bad=survey.VW_INCONSISTENT_SHARE, **{f"vw_{k}": v for k, v in survey.VW_INCONSISTENT_KINDS.items()},
             exec_1=survey.TRUST_AI_BY_ROLE["executive"][0], exec_5=survey.TRUST_AI_BY_ROLE["executive"][4],
             ic_3=survey.TRUST_AI_BY_ROLE["individual contributor"][2], topics=len(survey.PAIN_TOPICS),
             phrasings_lo=min(map(len, survey.PAIN_TOPICS.values())),
             phrasings_hi=max(map(len, survey.PAIN_TOPICS.values())), android_mention=survey.ANDROID_SYNC_MENTION,
             sync_from=day_month(literal("market/survey.py", r'sync_from = pd.Timestamp\("([\d-]+)"\)')),
             quick_repeat_min=int(literal("market/survey.py", r"rng.integers\(15, (\d+), N_DUPLICATES\)")) // 60,
             nonresponse=survey.ITEM_NONRESPONSE,
             skippers=float(literal("market/survey.py", r"skipper = rng.random\(len\(frame\)\) < ([\d.]+)")),
             skip_factor=int(literal("market/survey.py", r"ITEM_NONRESPONSE \* (\d+),")),
             skip_prices=float(literal("market/survey.py", r"skip_prices = rng.random\(n\) < ([\d.]+)")),
             firms_noise=float(literal("market/sizing.py", r"firms \* rng.lognormal\(0, ([\d.]+)\)")),
             seats_large=sizing.SEATS_PER_ACCOUNT["1000+"],
             cents_text=dots((1 - float(literal("market/survey.py", r"ninety_nine = .*?whole - ([\d.]+)")),)))
    # app_reviews
    f.update(base_ios=reviews.BASE_PER_DAY["ios"], base_android=reviews.BASE_PER_DAY["android"],
             growth=reviews.GROWTH, launch=reviews.LAUNCH_SPIKE, launch_days=reviews.LAUNCH_DECAY_DAYS,
             bump=reviews.RELEASE_BUMP, bump_days=reviews.RELEASE_DECAY_DAYS, monday=reviews.WEEKDAY[0],
             sunday=reviews.WEEKDAY[-1], august=reviews.AUGUST_FACTOR,
             holidays=f"{day_month(reviews.HOLIDAYS[0])}–{day_month(reviews.HOLIDAYS[1])}",
             holiday_factor=reviews.HOLIDAY_FACTOR, rating_ios=dots(reviews.RATING_P["ios"]),
             rating_android=dots(reviews.RATING_P["android"]), crash_weight=reviews.IOS_CRASH_WEIGHT,
             crash_one=dots(reviews.IOS_CRASH_RATING_P[:1]), peak=reviews.INCIDENT_PEAK_PER_DAY,
             lag=reviews.INCIDENT_LAG_DAYS, decay=reviews.INCIDENT_DECAY_DAYS,
             half="half" if reviews.INCIDENT_SHARE_OF_54_REVIEWS == 0.5 else "?",
             incident_rating=dots(reviews.INCIDENT_RATING_P),
             **{f"extra_{k}": v for k, v in reviews.INCIDENT_EXTRA_TOPIC_P.items() if k},
             incident_sentences=len(reviews.INCIDENT),
             sync_sentences=sum("sync" in s.lower() for s in reviews.INCIDENT),
             shout=reviews.INCIDENT_SHOUT_SHARE, cited=reviews.INCIDENT_VERSION_CITED,
             praise_mention=reviews.PRAISE_MENTION_SHARE,
             praise_from=int(literal("reviews.py", r"rating >= (\d) and rng.random\(\) < PRAISE_MENTION_SHARE")),
             typo=float(literal("reviews.py", r"if rng.random\(\) < ([\d.]+):\n\s+words = ")),
             gold=reviews.GOLD_SIZE, update_lag=reviews.UPDATE_LAG_MEAN_DAYS, late=reviews.LATE_UPDATER_SHARE,
             late_lo=reviews.LATE_LAG_DAYS[0], late_hi=reviews.LATE_LAG_DAYS[1], duplicate=reviews.DUPLICATE_SHARE,
             star_only=reviews.STAR_ONLY_SHARE, no_version=reviews.NO_VERSION_SHARE,
             non_english=reviews.NON_ENGLISH_SHARE,
             foreign_countries=", ".join(sorted({c for row in reviews.FOREIGN for c in row[0]},
                                                key=["DE", "FR", "ES", "MX", "BR"].index)),
             foreign_sentences=len(reviews.FOREIGN))
    # experiments
    s = signup_form
    f.update(su_start=s.START.day, su_end=f"{day_month(s.END)} {s.END.year}", visitors=s.VISITORS_PER_DAY,
             su_weekend=np.mean(s.WEBSITE_WEEKDAY[5:]) / s.WEBSITE_WEEKDAY[0], lift=s.SIGNUP_LIFT,
             base_signup=s.BASE_SIGNUP, elasticity=s.INTEREST_ELASTICITY, mobile_factor=s.MOBILE_SIGNUP_FACTOR,
             paid_after=s.PAID_AFTER_SIGNUP, free_upgrade=s.FREE_USER_UPGRADE, business=s.BUSINESS_SHARE,
             seats_median=s.SEATS_MEDIAN, seats_sigma=s.SEATS_SIGMA, seats_max=s.SEATS_MAX,
             interest=s.INTEREST_SHAPE, period_noise=s.PERIOD_NOISE_SIGMA, pre_prospect=s.PRE_VISITS_28D["prospect"],
             pre_free=s.PRE_VISITS_28D["free_user"], post_prospect=s.POST_VISITS_14D["prospect"],
             post_free=s.POST_VISITS_14D["free_user"], signed_up_visits=s.SIGNED_UP_VISIT_FACTOR,
             contact=s.CONTACT_SALES, crossover=s.CROSSOVER_SHARE)
    o = onboarding
    days = (o.END - o.START).days + 1
    f.update(ob_users=o.USERS, ob_window=f"{day_month(o.START)}–{day_month(o.END)} {o.END.year}", ob_weeks=days / 7,
             ob_per_day=o.USERS / days, ob_web=o.PLATFORM_SHARE["web"], ob_ios=o.PLATFORM_SHARE["ios"],
             ob_android=o.PLATFORM_SHARE["android"], loss_logit=o.LOSS_LOGIT, loss_slope=o.LOSS_SLOPE,
             true_effect=o.TRUE_ACTIVATION_EFFECT, act_logit=o.ACTIVATION_LOGIT, act_slope=o.ACTIVATION_SLOPE)
    b = board_view
    f.update(bv_web=b.ARM_BOARD_USERS["web"], bv_ios=b.ARM_BOARD_USERS["ios"], bv_android=b.ARM_BOARD_USERS["android"],
             we_web=b.WEEKEND_FACTOR["web"], we_ios=b.WEEKEND_FACTOR["ios"], we_android=b.WEEKEND_FACTOR["android"],
             bv_growth=b.GROWTH_PER_WEEK, long_run=b.LONG_RUN_LIFT, novelty=b.FIRST_DAY_LIFT - b.LONG_RUN_LIFT,
             novelty_days=b.NOVELTY_DAYS, bv_start=day_month(b.START), active_first=b.ACTIVE_FIRST_DAY_LIFT,
             active_long=b.ACTIVE_LONG_RUN_LIFT, sessions_first=b.SESSIONS_FIRST_DAY_LIFT,
             sessions_long=b.SESSIONS_LONG_RUN_LIFT, tasks_mean=b.TASKS_PER_ACTIVE_USER, tasks_shape=b.TASKS_DISPERSION,
             partial_hour=round(24 * b.PARTIAL_LAST_DAY))
    m = reminders
    f.update(returning=m.RETURNING_USERS, recent=m.RECENT_SIGNUP_SHARE, new_days=m.NEW_USER_DAYS,
             new_treat=m.NEW_TREATMENT_SHARE, est_treat=", ".join(f"{v:.2f}" for v in m.ESTABLISHED_TREATMENT_SHARE),
             weeks=len(m.ESTABLISHED_TREATMENT_SHARE), base_new=m.BASELINE["new"], base_est=m.BASELINE["established"],
             lift_new=100 * m.LIFT["new"], lift_est=100 * m.LIFT["established"], upgrade=m.UPGRADE_GIVEN_PLANS,
             upgrade_lift=m.UPGRADE_LIFT, signups_day=m.SIGNUPS_PER_DAY)
    p = pricing_page
    f.update(pp_window=literal("experiments/pricing_page.py", r"VISITORS = [\d_]+  # (\d+-\d+ \w+ \d+)").replace(
        "-", "–").replace("December", "Dec"), compare_lift=p.COMPARE_LOGIT_LIFT, signup_logit_lift=p.SIGNUP_LOGIT_LIFT,
        true_max=p.TRUE_MAX_P, rare_min=p.TRUE_RARE_MIN_P, null_lo=p.NULL_WINS[0], null_hi=p.NULL_WINS[1],
        null_min=p.NULL_WIN_MIN_P, faq_lift=p.FAQ_LOGIT_LIFT, bounce_lift=p.BOUNCE_LOGIT_LIFT,
        time_lift=p.TIME_LOG_LIFT, holm_lo=p.HOLM_ONLY_P[0], holm_hi=p.HOLM_ONLY_P[1], bh_lo=p.BH_ONLY_P[0],
        bh_hi=p.BH_ONLY_P[1])
    q = quick_add
    f.update(ramp=q.RAMP_EXPOSURE, ramp_window=f"{q.START.day}–{day_month(q.RAMP_END)}", active_lift=1 + q.ACTIVE_LIFT,
             tasks_lift=1 + q.TASKS_LIFT, qa_lag=q.UPDATE_LAG_MEAN_DAYS, slow=q.SLOW_UPDATER_SHARE,
             slow_lag=q.SLOW_UPDATER_LAG, broken_active=q.BROKEN_ACTIVE, broken_tasks=q.BROKEN_TASKS,
             errors_c=q.SYNC_ERRORS_PER_ACTIVE_DAY["broken_control"],
             errors_t=q.SYNC_ERRORS_PER_ACTIVE_DAY["broken_treatment"], broken_active_effect=1 + q.BROKEN_ACTIVE_EFFECT,
             broken_tasks_effect=1 + q.BROKEN_TASKS_EFFECT)
    return f


PARAMETERS = [
    ("Team price", "× ${team_price:.0f}/${business_price:.0f} |"),
    ("the test's Team price", "× ${test_team_price:.0f} × 12; bottom-up = Σ firms × adoption × avg_seats_per_account × "
                              "${team_price:.0f} × 12"),
    ("NPS_MIX", "detractors are {sixes:.0%} 6s"),
    ("VW_REFERENCE_PRICE", "σ {vw_spread}), customers pulled {vw_anchor:.0%} towards ${team_price:.0f}"),
    ("VW_INCONSISTENT_SHARE", "`VW_INCONSISTENT_SHARE` {vw_bad:.0%} of respondents: same number in every box "
                              "({vw_same:.0%}), reversed ({vw_reversed:.0%}), swapped cheap/expensive "
                              "({vw_swapped:.0%}), expensive = too expensive ({vw_tied:.0%})"),
    ("TRUST_AI_BY_ROLE", "executives {exec_1:.0%} 1s and {exec_5:.0%} 5s; individual contributors {ic_3:.0%} 3s"),
    ("PAIN_TOPICS", "{topics} topics × {phrasings_lo}–{phrasings_hi} phrasings"),
    ("ANDROID_SYNC_MENTION", "{android_mention:.0%} of customers answering from {sync_from} mention Android sync"),
    ("repeat delay", "(half within {quick_repeat_min} minutes"),
    ("ITEM_NONRESPONSE", "{nonresponse:.1%} per item on average ({skippers:.0%} of respondents skip {skip_factor}× as "
                         "often); {skip_prices:.0%} skip the price page"),
    ("price typing", "rounded as people type prices (whole, {cents_text}, halves)"),
    ("FIRMS noise", "(`FIRMS`, ±{firms_noise:.0%} noise)"),
    ("SEATS_PER_ACCOUNT", "(a large firm buys ~{seats_large:.0f} seats"),
    ("review volume", "{base_ios} (iOS) / {base_android} (Android) reviews/day at launch, {growth:+.0%} by year end, "
                      "launch spike ×(1 + {launch}e^(−t/{launch_days:.0f})), ×(1 + {bump}e^(−t/{bump_days:.0f})) after "
                      "each release, weekday factors {monday}…{sunday} (Mon…Sun), August ×{august}, {holidays} "
                      "×{holiday_factor}"),
    ("RATING_P", "P(1…5) = {rating_ios} (iOS), {rating_android} (Android)"),
    ("IOS_CRASH", "crash weight ×{crash_weight:.0f}, P(1★) {crash_one}"),
    ("incident volume", "from {incident} {incident_year}: {peak:.0f}/day × (1 − e^(−(t+½)/{lag:.0f})) × "
                        "e^(−t/{decay:.0f}) × weekday; and {half} of ordinary"),
    ("INCIDENT_RATING_P", "incident reviews P(1…5) = {incident_rating}"),
    ("incident topics", "(+ crash {extra_crash:.0%}, performance {extra_performance:.0%}, notifications "
                        "{extra_notifications:.0%}); {incident_sentences} incident sentences, {sync_sentences} "
                        "with a \"sync\" word, plus {shout:.0%} get a shout"),
    ("INCIDENT_VERSION_CITED", "{cited:.0%} of incident reviews add a version sentence"),
    ("praise mentions and typos", "{praise_mention:.0%} of {praise_from}–5★ praise sentences name a topic word"),
    ("typos", "{typo:.0%} of texts get a typo"),
    ("GOLD_SIZE", "| {gold} rows drawn uniformly at random"),
    ("update lag", "lag ~ Exp({update_lag:.0f} days), {late:.0%} lag {late_lo}–{late_hi} days"),
    ("DUPLICATE_SHARE", "| {duplicate:.1%} of reviews copied"),
    ("STAR_ONLY_SHARE", "| {star_only:.0%} of ordinary Android reviews lose their text"),
    ("NO_VERSION_SHARE", "| {no_version:.1%} of Android reviews |"),
    ("NON_ENGLISH_SHARE", "| {non_english:.0%} of Android reviews from {foreign_countries} replaced by a review in the "
                          "local language ({foreign_sentences} sentences"),
    ("SIGNUP_LIFT in the intro", "(the sign-up lift is {lift:+.0%} relative)"),
    ("signup window", "kanbo.com/pricing, {su_start}–{su_end}"),
    ("signup traffic", "`VISITORS_PER_DAY` {visitors} × weekday rhythm (weekend ≈ {su_weekend:.2f} of weekdays)"),
    ("coin", "| {coin} coin per visitor |"),
    ("SIGNUP_LIFT", "(1 + `SIGNUP_LIFT` = {lift:.2f}); base {base_signup:.1%} × interest^{elasticity} × "
                    "{mobile_factor} on mobile"),
    ("paid starts", "paid starts: {paid_after:.0%} of new sign-ups and {free_upgrade:.1%} of logged-in Free users; "
                    "{business:.0%} Business; seats lognormal (median {seats_median:.0f}, σ {seats_sigma}, cap "
                    "{seats_max})"),
    ("visits", "interest ~ Gamma({interest}, mean 1) drives both periods, each with lognormal noise σ {period_noise}; "
               "pre = Poisson({pre_prospect} prospects / {pre_free} logged-in × rate), post = 1 + Poisson("
               "{post_prospect} / {post_free} × rate, × {signed_up_visits} after signing up)"),
    ("CONTACT_SALES", "contact-sales rate {contact:.1%} in both arms"),
    ("CROSSOVER_SHARE", "`CROSSOVER_SHARE` {crossover:.0%} of identified visitors"),
    ("onboarding population", "{ob_users:,} new sign-ups designed {coin}, {ob_window} ({ob_weeks:.0f} weeks, ≈ "
                              "{ob_per_day:.0f}/day, as in `users`); platforms {ob_web:.0%} web / {ob_ios:.0%} iOS / "
                              "{ob_android:.0%} Android"),
    ("LOSS_LOGIT", "sigmoid({loss_logit} − {loss_slope}·z)"),
    ("activation", "`TRUE_ACTIVATION_EFFECT` = {true_effect:.0f}; activation logit {act_logit} + {act_slope} z"),
    ("ARM_BOARD_USERS", "web {bv_web}, iOS {bv_ios}, Android {bv_android}"),
    ("WEEKEND_FACTOR", "weekend × {we_web} web, × {we_ios} iOS, × {we_android} Android; {bv_growth:+.0%}/week"),
    ("novelty", "× (1 + {long_run} + {novelty:.2f}·e^(−t/{novelty_days:.0f})), t = days since {bv_start}; smaller "
                "fading lifts on users opening a board ({active_first:+.0%} → {active_long:.0f}) and sessions "
                "({sessions_first:+.0%} → {sessions_long:+.1%}); user-day tasks negative binomial (mean {tasks_mean}, "
                "shape {tasks_shape:.0f})"),
    ("LONG_RUN_LIFT", "`LONG_RUN_LIFT` = {long_run:+.0%}"),
    ("PARTIAL_LAST_DAY", "exported at {partial_hour}:00 UTC"),
    ("RETURNING_USERS", "{returning:,} returning users"),
    ("reminders sign-ups", "{recent:.0%} signed up in the 30 days before) plus ≈ {signups_day} sign-ups a day"),
    ("NEW_USER_DAYS", "new users (account < {new_days} days,"),
    ("uneven ramp", "get treatment at {new_treat}; established at {est_treat} in weeks 1–{weeks}"),
    ("BASELINE", "plans-page rate {base_new:.0%} new / {base_est:.0%} established (constant over weeks); "
                 "+{lift_new:.1f} pp / +{lift_est:.0f} pp in treatment"),
    ("UPGRADE", "{upgrade:.0%} of plans-page visitors upgrade (× {upgrade_lift} in treatment)"),
    ("pricing window", "pricing-page population, {pp_window}:"),
    ("pricing logits", "(logit +{compare_lift}) and `signed_up_14d` (logit\n+{signup_logit_lift},"),
    ("pricing builder", "had p ≥ {true_max} or a rare one p ≤ {rare_min}: it did not)"),
    ("NULL_WINS", "until {null_lo}–{null_hi} null metrics have p < 0.05, all ≥ {null_min}"),
    ("pricing modest", "`opened_faq` (logit +{faq_lift}), `bounced` (logit {bounce_lift}) and `time_on_page_sec` "
                       "(log-seconds +{time_lift})"),
    ("pricing windows", "`opened_faq` in {holm_lo}–{holm_hi} (Holm keeps it; Bonferroni and Šidák do not), "
                        "`bounced` and `time_on_page_sec` in {bh_lo}–{bh_hi} (BH keeps them; Holm does not)"),
    ("quick-add ramp", "Ramp: {ramp:.0%} of active users {ramp_window}"),
    ("quick-add coin", "| {coin} coin |"),
    ("quick-add lifts", "× {active_lift} (`ACTIVE_LIFT`), tasks per active day × {tasks_lift} (`TASKS_LIFT`)"),
    ("quick-add incident", "(mean {qa_lag:.0f} days, {slow:.0%} at {slow_lag} days, as in `product`): active × "
                           "{broken_active}, tasks × {broken_tasks} in both arms, sync errors {errors_c}/active day "
                           "(control) and {errors_t} (treatment)"),
    ("BROKEN_EFFECT", "treatment active × {broken_active_effect}, tasks × {broken_tasks_effect}"),
]


# --- the document and the tests -----------------------------------------------------------------------------

SECTIONS: dict[str, tuple[Callable[[], Facts], list[tuple[str, str]]]] = {
    "survey_responses": (survey_facts, SURVEY),
    "market_sizing": (sizing_facts, SIZING),
    "app_reviews": (review_facts, REVIEWS),
    "experiments": (intro_facts, EXPERIMENTS_INTRO),
    "signup_form_users": (signup_facts, SIGNUP),
    "onboarding_users": (onboarding_facts, ONBOARDING),
    "board_view_daily": (board_view_facts, BOARD_VIEW),
    "reminders_users": (reminders_facts, REMINDERS),
    "pricing_page_scorecard": (scorecard_facts, SCORECARD),
    "quick_add_users": (quick_add_facts, QUICK_ADD),
    "generator parameters": (parameter_facts, PARAMETERS),
}


def flat(text: str) -> str:
    """Whitespace collapsed, so a claim does not depend on where the document wraps its lines."""
    return " ".join(text.split())


def doc_text() -> str:
    return flat(DOC.read_text(encoding="utf-8"))


def render(section: str, name: str) -> str:
    facts, claims = SECTIONS[section]
    return flat(PROSE.format(dict(claims)[name], **facts()))


CLAIMS = [(section, name) for section, (_, claims) in SECTIONS.items() for name, _ in claims]


@pytest.mark.parametrize(("section", "name"), CLAIMS, ids=[f"{s}: {n}" for s, n in CLAIMS])
def test_the_document_states_what_the_frozen_data_shows(section: str, name: str):
    sentence = render(section, name)
    assert sentence in doc_text(), f"{section} / {name}: the document should say\n{sentence}"


# The parts of the document these claims cover: (first heading, the heading that ends the part).
COVERED = (("## Market research:", "### `competitors`"), ("### `market_sizing`", "## Backlog:"),
           ("## Experiments:", None))
NUMBER = re.compile(r"\d{4}-\d{2}-\d{2}|(?<![\w.])\.?\d+(?:[.,]\d+)*(?:e-\d+)?")  # not digits inside identifiers
# Numbers that are names, not facts about the data or the generator, blanked before the check: module numbers
# in the "used in" columns ("01", "(06, Wednesday)"), the spec section "spec 5.3", release names ("5.4.0",
# "5.4"; the release calendar is the story's, shared with the product tables), labels and column names
# ("top-2-box", "week 1", "weeks 1–4", "14-day", "Pixel 8" in a quoted example) and the scorecard header's α.
NOT_FACTS = re.compile(r"\b0[1-6]\b|spec 5\.3|\b5\.\d\.\d\b|name 5\.4 |top-2-box|weeks? 1\b|14-day|Pixel 8|"
                       r"raw < 0\.05 \| BH q = 0\.05")


def claimed_spans(text: str) -> list[tuple[int, int]]:
    """Where the rendered claims sit in the (whitespace-collapsed) document."""
    spans = []
    for section, name in CLAIMS:
        sentence = render(section, name)
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(sentence), text)]
    return spans


def test_every_number_in_these_sections_is_inside_a_claim():
    """Each number token of the covered parts must lie inside a sentence some claim renders and finds."""
    text = doc_text()
    spans = claimed_spans(text)
    names_blanked = NOT_FACTS.sub(lambda m: " " * len(m[0]), text)
    missing = []
    for start, end in COVERED:
        first = text.index(start)
        last = text.index(end, first) if end else len(text)
        for m in NUMBER.finditer(names_blanked, first, last):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                missing.append(f"{m[0]!r} in …{text[max(m.start() - 60, 0):m.end() + 30]}…")
    assert not missing, "numbers no claim checks:\n" + "\n".join(missing)


if __name__ == "__main__":
    text = doc_text()
    for section, name in CLAIMS:
        sentence = render(section, name)
        print(("   " if sentence in text else "!! ") + f"{section} / {name}: {sentence}")
