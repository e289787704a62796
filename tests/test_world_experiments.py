"""The planted truths of the `experiments/*` tables, recovered from the frozen files.

Nothing here calls the generator: each test is the analysis a learner or instructor would run, written
with scipy / statsmodels as independent code (spec 5.3: pooled SE for the z statistic, unpooled SE for
the CI, Welch for means, χ² goodness of fit for SRM, CUPED with θ pooled over both arms).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from kanbo_measures import scorecard_p_value
from scipy import stats
from statsmodels.stats.multitest import multipletests

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

INCIDENT = pd.Timestamp("2026-01-20")  # Android 5.4.0, from the data dictionary's story


def _table(name: str) -> pd.DataFrame:
    return load(f"experiments/{name}", start=COURSE_ROOT)


def clean_dau() -> pd.Series:
    """Kanbo's daily active users from the product tables: no staff/QA accounts, no duplicate or 0-session rows."""
    users = load("users", start=COURSE_ROOT)
    customers = users.loc[~users["email_domain"].str.endswith("kanbo.io"), "user_id"]
    activity = load("activity", start=COURSE_ROOT).drop_duplicates()
    activity = activity[(activity["sessions"] > 0) & activity["user_id"].isin(customers)]
    return activity.groupby("date")["user_id"].nunique()


def weekday_and_weekend(daily: pd.Series) -> tuple[float, float]:
    """Mean of a daily series over Monday-Friday and over weekends."""
    weekend = daily.index.day_of_week >= 5
    return daily[~weekend].mean(), daily[weekend].mean()


def srm_p(variants: pd.Series) -> float:
    """χ² goodness of fit of the arm counts against a 50/50 design."""
    counts = variants.value_counts().reindex(["control", "treatment"], fill_value=0).to_numpy()
    return float(stats.chisquare(counts).pvalue)


def two_proportions(control: pd.Series, treatment: pd.Series) -> dict[str, float]:
    """Two-proportion z-test (pooled SE), the unpooled 95% CI of the difference, and the relative lift's
    delta-method 95% CI."""
    n_c, n_t, p_c, p_t = len(control), len(treatment), control.mean(), treatment.mean()
    pooled = (control.sum() + treatment.sum()) / (n_c + n_t)
    z = (p_t - p_c) / np.sqrt(pooled * (1 - pooled) * (1 / n_c + 1 / n_t))
    var_c, var_t = p_c * (1 - p_c) / n_c, p_t * (1 - p_t) / n_t
    half = 1.959964 * np.sqrt(var_c + var_t)
    rel = p_t / p_c - 1
    rel_half = 1.959964 * np.sqrt(var_t / p_c**2 + p_t**2 * var_c / p_c**4)
    return {"p_c": p_c, "p_t": p_t, "diff": p_t - p_c, "z": z, "p": 2 * stats.norm.sf(abs(z)),
            "lo": p_t - p_c - half, "hi": p_t - p_c + half, "rel": rel, "rel_lo": rel - rel_half,
            "rel_hi": rel + rel_half}


def arms(frame: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series]:
    return frame.loc[frame["variant"] == "control", column], frame.loc[frame["variant"] == "treatment", column]


def welch(frame: pd.DataFrame, column: str) -> tuple[float, float, float]:
    """(control mean, treatment mean, Welch two-sided p)."""
    control, treatment = arms(frame, column)
    return control.mean(), treatment.mean(), float(stats.ttest_ind(treatment, control, equal_var=False).pvalue)


# --- signup_form_users: a real effect ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def signup_raw() -> pd.DataFrame:
    return _table("signup_form_users")


@pytest.fixture(scope="module")
def signup(signup_raw) -> pd.DataFrame:
    """Cleaned as the dictionary says: visitors listed under both variants are dropped."""
    variants = signup_raw.groupby("visitor_id")["variant"].nunique()
    return signup_raw[~signup_raw["visitor_id"].isin(variants[variants > 1].index)]


def test_signup_form_crossover_visitors_are_the_named_dirt(signup_raw):
    per_visitor = signup_raw.groupby("visitor_id")["variant"].agg(["size", "nunique"])
    crossovers = per_visitor["nunique"] > 1
    assert 0.002 < crossovers.mean() < 0.02
    assert (per_visitor.loc[crossovers, "size"] == 2).all() and (per_visitor.loc[~crossovers, "size"] == 1).all()
    identified = signup_raw.groupby("visitor_id")[["logged_in", "signed_up_14d"]].max().any(axis=1)
    assert identified[crossovers[crossovers].index].all(), "only merged (identified) visitors can show both arms"


def test_signup_form_traffic_is_pricing_page_sized_with_a_weekday_rhythm(signup):
    daily = signup.groupby("assigned_date").size()
    assert len(daily) == 28 and 600 <= daily.mean() <= 700
    weekday, weekend = weekday_and_weekend(daily)
    assert weekend < 0.6 * weekday
    assert 0.10 < signup["logged_in"].mean() < 0.18
    assert (signup.loc[signup["logged_in"], "signed_up_14d"] == 0).all(), "logged-in visitors already have an account"


def test_signup_form_split_passes_the_srm_check(signup):
    assert srm_p(signup["variant"]) > 0.2


def test_signup_form_lifts_sign_ups_significantly_and_believably(signup):
    r = two_proportions(*arms(signup, "signed_up_14d"))
    assert 0.04 < r["p_c"] < 0.05, "a few percent of pricing-page visitors sign up"
    assert r["p"] < 0.001 and r["diff"] > 0
    assert 0.20 <= r["rel"] <= 0.40 and r["rel_lo"] > 0.10
    # The practical-significance lesson: the CI clears +0.5 pp but straddles +1 pp.
    assert 0.005 < r["lo"] < 0.01 < r["hi"]
    sign_ups_per_day = signup["signed_up_14d"].sum() / signup["assigned_date"].nunique()
    assert 20 <= sign_ups_per_day <= 40, "a share of Kanbo's ~80 sign-ups a day"


def test_signup_form_revenue_is_rare_heavy_tailed_and_not_significant(signup):
    assert welch(signup, "revenue_14d")[2] > 0.2
    payers = signup.loc[signup["revenue_14d"] > 0, "revenue_14d"]
    assert 40 <= len(payers) <= 100, "tens of paid starts, as Kanbo gains ~130 paying accounts a month"
    assert payers.max() > 10 * payers.median(), "heavy right tail"
    assert ((signup["revenue_14d"] > 0) == signup["paid_plan_14d"].notna()).all()


def test_signup_form_cuped_on_visits_cuts_variance_by_one_minus_rho_squared(signup):
    y, x = signup["visits_14d"].astype(float), signup["visits_pre_28d"].astype(float)
    rho = np.corrcoef(x, y)[0, 1]
    assert 0.5 <= rho <= 0.7
    theta = np.cov(y, x)[0, 1] / x.var()  # both arms pooled
    adjusted = y - theta * (x - x.mean())
    ratio = adjusted.var() / y.var()
    assert ratio == pytest.approx(1 - rho**2, abs=1e-9)
    assert ratio < 0.75, "CUPED removes a quarter or more of the variance"


def test_signup_form_contact_sales_guardrail_is_not_harmed(signup):
    r = two_proportions(*arms(signup, "contacted_sales_14d"))
    assert r["p"] > 0.2 and r["lo"] > -0.005, "non-inferior at a −0.5 pp margin"


# --- onboarding_users: sample ratio mismatch ---------------------------------------------------------------


@pytest.fixture(scope="module")
def onboarding() -> pd.DataFrame:
    return _table("onboarding_users")


def test_onboarding_population_is_kanbos_new_sign_ups(onboarding):
    daily = onboarding.groupby("assigned_date").size()
    assert len(daily) == 56 and 45 <= daily.mean() <= 65
    weekday, weekend = weekday_and_weekend(daily)
    assert weekend < 0.7 * weekday


def test_onboarding_split_fails_the_srm_check(onboarding):
    share = (onboarding["variant"] == "treatment").mean()
    assert srm_p(onboarding["variant"]) < 1e-8
    assert 0.40 < share < 0.46


def test_onboarding_missing_treatment_users_are_on_mobile(onboarding):
    by_platform = {p: srm_p(g["variant"]) for p, g in onboarding.groupby("platform")}
    assert by_platform["ios"] < 1e-5 and by_platform["android"] < 1e-5
    assert by_platform["web"] > 0.01
    mobile = onboarding[onboarding["platform"] != "web"]["variant"].value_counts()
    assert mobile["treatment"] < 0.7 * mobile["control"]


def test_onboarding_naive_readout_shows_a_spurious_activation_win(onboarding):
    naive = two_proportions(*arms(onboarding, "activated"))
    assert 0.2 < naive["p_c"] < 0.35
    assert naive["diff"] > 0.02 and naive["p"] < 0.02
    web = two_proportions(*arms(onboarding[onboarding["platform"] == "web"], "activated"))
    assert web["p"] > 0.2 and web["diff"] < 0.01, "no win where randomisation held"
    mobile = two_proportions(*arms(onboarding[onboarding["platform"] != "web"], "activated"))
    assert mobile["diff"] > 0.08, "the mobile users who survive the redirect are the engaged ones"


# --- board_view_daily: novelty ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def board_view_raw() -> pd.DataFrame:
    return _table("board_view_daily")


@pytest.fixture(scope="module")
def board_view_lift(board_view_raw) -> pd.Series:
    """Daily relative lift in tasks per active user, on the complete days with both arms."""
    wide = board_view_raw.pivot(index="date", columns="variant").dropna()
    wide = wide[wide.index < wide.index.max()]  # the export's last day is partial
    per_user = wide["tasks_created"] / wide["users_active"]
    return per_user["treatment"] / per_user["control"] - 1


def test_board_view_dirt_missing_row_and_partial_last_day(board_view_raw):
    rows = board_view_raw.groupby("date")["variant"].size()
    assert len(rows) == 42 and (rows == 1).sum() == 1
    last = board_view_raw["date"].max()
    tasks = board_view_raw.groupby("date")["tasks_created"].sum()
    assert tasks[last] < 0.6 * tasks[last - pd.Timedelta(days=7)]


def test_board_view_arms_together_stay_under_kanbos_dau(board_view_raw):
    both = board_view_raw.groupby("date")["users_active"].sum()
    complete = board_view_raw.groupby("date")["variant"].size() == 2
    assert (both[complete] <= clean_dau().reindex(both[complete].index)).all()
    control = board_view_raw[board_view_raw["variant"] == "control"].set_index("date")["users_active"]
    weekday, weekend = weekday_and_weekend(control)
    assert 500 <= weekday <= 750 and weekend < 0.5 * weekday


def test_board_view_early_lift_is_novelty_that_fades(board_view_lift):
    first_week, last_two = board_view_lift.iloc[:7].mean(), board_view_lift.iloc[-14:].mean()
    assert first_week > 0.13
    assert last_two < 0.06
    assert first_week - last_two > 0.09
    days = (board_view_lift.index - board_view_lift.index[0]).days
    fit = stats.linregress(days, board_view_lift.to_numpy())
    assert fit.slope < 0 and fit.pvalue < 0.001


def test_board_view_long_run_lift_is_small(board_view_raw):
    late = board_view_raw[board_view_raw["date"] >= board_view_raw["date"].max() - pd.Timedelta(days=14)]
    late = late[late["date"] < late["date"].max()]
    totals = late.groupby("variant")[["tasks_created", "users_active"]].sum()
    per_user = totals["tasks_created"] / totals["users_active"]
    assert -0.02 < per_user["treatment"] / per_user["control"] - 1 < 0.06


# --- reminders_users: Simpson's paradox ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def reminders() -> pd.DataFrame:
    return _table("reminders_users")


def test_reminders_population_fits_kanbos_free_actives(reminders):
    assert 3_000 <= len(reminders) <= 4_500
    assert reminders["upgraded_14d"].sum() <= 70, "Kanbo gains ~80 paying accounts a month"
    assert (reminders["upgraded_14d"] <= reminders["viewed_plans_14d"]).all()
    daily = reminders.groupby("assigned_date").size()
    assert daily.iloc[:3].mean() > 2 * daily.iloc[7:].mean(), "returning users enrol in the first days"


def test_reminders_ramp_was_uneven_across_segments(reminders):
    share = reminders.groupby("segment")["variant"].apply(lambda s: (s == "treatment").mean())
    assert share["new"] > 0.8 and share["established"] < 0.25
    rates = reminders[reminders["variant"] == "control"].groupby("segment")["viewed_plans_14d"].mean()
    assert rates["established"] > 4 * rates["new"]
    assert (reminders["segment"] == np.where(reminders["account_age_days"] < 30, "new", "established")).all()


def test_reminders_treatment_wins_in_every_segment_but_loses_pooled(reminders):
    for segment, group in reminders.groupby("segment"):
        r = two_proportions(*arms(group, "viewed_plans_14d"))
        assert r["diff"] > 0.05 and r["z"] > 4, segment
    pooled = two_proportions(*arms(reminders, "viewed_plans_14d"))
    assert pooled["diff"] < -0.04 and pooled["z"] < -4


# --- pricing_page_scorecard: many metrics -------------------------------------------------------------------


@pytest.fixture(scope="module")
def scorecard() -> pd.DataFrame:
    card = _table("pricing_page_scorecard")


    return card.assign(p=card.apply(scorecard_p_value, axis=1)).set_index("metric")


def test_pricing_scorecard_rows_are_internally_consistent(scorecard):
    assert len(scorecard) == 20
    props = scorecard[scorecard["metric_type"] == "proportion"]
    assert np.allclose(props["mean_control"], props["successes_control"] / props["n_control"], atol=1e-6)
    assert props["sd_control"].isna().all()
    means = scorecard[scorecard["metric_type"] == "mean"]
    assert means["successes_control"].isna().all() and (means["sd_control"] > 0).all()


def test_pricing_scorecard_is_sized_for_kanbos_pricing_page(scorecard):
    n = scorecard["n_control"].iloc[0] + scorecard["n_treatment"].iloc[0]
    assert 16_000 <= n <= 20_000 and 0.40 * n <= scorecard["n_control"].iloc[0] <= 0.6 * n
    signup = scorecard.loc["signed_up_14d"]
    assert 0.04 <= signup["mean_control"] <= 0.05
    paid = scorecard.loc["started_paid_14d"]
    assert 0.002 <= paid["mean_control"] <= 0.006 and paid["successes_control"] + paid["successes_treatment"] < 100


DETECTABLE = {"viewed_plan_comparison", "signed_up_14d", "opened_faq", "bounced", "time_on_page_sec"}


def test_pricing_scorecard_raw_tests_find_false_wins(scorecard):
    winners = set(scorecard.index[scorecard["p"] < 0.05])
    assert 7 <= len(winners) <= 8 and DETECTABLE <= winners, "the five detectable true effects and 2-3 chance wins"
    assert (scorecard.loc[list(winners - DETECTABLE), "p"] >= 0.021).all(), "no chance win is strong enough for BH"
    assert scorecard.loc[["started_paid_14d", "revenue_14d"], "p"].min() > 0.1, "too rare to show at this size"


def test_pricing_scorecard_modest_true_effects_go_the_planted_way(scorecard):
    faq, bounced, time = (scorecard.loc[m] for m in ("opened_faq", "bounced", "time_on_page_sec"))
    assert faq["mean_treatment"] > faq["mean_control"], "per-seat prices raise seat questions"
    assert bounced["mean_treatment"] < bounced["mean_control"], "the prices are on screen at once"
    assert 1.02 < time["mean_treatment"] / time["mean_control"] < 1.10, "about 5% longer on the page"


def test_pricing_scorecard_bh_keeps_more_than_holm_and_holm_more_than_bonferroni(scorecard):
    kept = {method: set(scorecard.index[multipletests(scorecard["p"], alpha=0.05, method=method)[0]])
            for method in ("bonferroni", "sidak", "holm", "hs", "fdr_bh")}
    assert kept["bonferroni"] == kept["sidak"] == {"viewed_plan_comparison", "signed_up_14d"}
    assert kept["holm"] == kept["hs"] == kept["bonferroni"] | {"opened_faq"}, "the step-down gains one metric"
    assert kept["fdr_bh"] == DETECTABLE, "BH keeps every detectable true effect and no null one"
    assert len(kept["fdr_bh"]) > len(kept["holm"]) > len(kept["bonferroni"])


def test_pricing_scorecard_holm_metric_sits_well_inside_its_window(scorecard):
    """opened_faq's p lies between Bonferroni's (and Šidák's) cut and Holm's third, with room on both sides."""
    p = scorecard.loc["opened_faq", "p"]
    sidak = 1 - 0.95 ** (1 / 20)
    assert sidak * 1.01 < p < 0.05 / 18 * 0.99
    assert scorecard["p"].nsmallest(4).iloc[-1] > 0.05 / 17 * 1.1, "Holm stops at the fourth metric"


# --- quick_add_users: the experiment that ran through the incident -----------------------------------------


@pytest.fixture(scope="module")
def quick_add() -> pd.DataFrame:
    return _table("quick_add_users")


def _lift(frame: pd.DataFrame, column: str = "tasks_created_7d") -> float:
    control, treatment = arms(frame, column)
    return treatment.mean() / control.mean() - 1


def test_quick_add_randomisation_is_balanced_everywhere(quick_add):
    assert srm_p(quick_add["variant"]) > 0.05
    for platform, group in quick_add.groupby("platform"):
        assert srm_p(group["variant"]) > 0.01, platform


def test_quick_add_versions_and_ramp(quick_add):
    assert quick_add.loc[quick_add["platform"] == "web", "app_version"].isna().all()
    assert quick_add.loc[quick_add["platform"] != "web", "app_version"].notna().all()
    android_late = quick_add[(quick_add["platform"] == "android") & (quick_add["assigned_date"] >= "2026-02-03")]
    assert (android_late["app_version"] == "5.4.0").mean() > 0.65, "offered to all from 26 January, installed over days"
    daily = quick_add.groupby("assigned_date").size()
    assert daily[:"2026-01-25"].max() < 0.25 * daily["2026-01-26"], "a one-week safety ramp before full exposure"


def test_quick_add_real_effect_outside_android(quick_add):
    rest = quick_add[quick_add["platform"] != "android"]
    _, _, p = welch(rest, "tasks_created_7d")
    assert p < 1e-6 and 0.12 < _lift(rest) < 0.30
    for platform in ("web", "ios"):
        group = quick_add[quick_add["platform"] == platform]
        assert _lift(group) > 0.1 and welch(group, "tasks_created_7d")[2] < 0.01, platform


def test_quick_add_effect_reverses_on_android_5_4_0_and_both_arms_fall(quick_add):
    android = quick_add[(quick_add["platform"] == "android") & (quick_add["app_version"] == "5.4.0")]
    ios = quick_add[(quick_add["platform"] == "ios") & (quick_add["app_version"] == "5.4.0")]
    control_mean, treatment_mean, p = welch(android, "tasks_created_7d")
    assert treatment_mean < control_mean and p < 0.01
    assert control_mean < 0.7 * arms(ios, "tasks_created_7d")[0].mean()
    assert _lift(quick_add[quick_add["platform"] == "android"]) < 0.05


def test_quick_add_pooled_readout_understates_the_effect(quick_add):
    rest = quick_add[quick_add["platform"] != "android"]
    assert _lift(quick_add) < 0.85 * _lift(rest)
    assert _lift(quick_add) > 0.05, "still positive: the incident hides part of the effect, not all"


def test_quick_add_sync_errors_point_at_android_5_4_0(quick_add):
    broken = (quick_add["platform"] == "android") & (quick_add["app_version"] == "5.4.0")
    errors = quick_add.groupby(broken)["sync_errors_7d"].mean()
    assert errors[True] > 10 * errors[False]
    control_mean, treatment_mean, _ = welch(quick_add[broken], "sync_errors_7d")
    assert treatment_mean > 1.5 * control_mean, "quick add leans on sync, so it fails more"
