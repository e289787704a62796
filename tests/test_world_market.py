"""The planted truths of `survey_responses`, `competitors` and `market_sizing`, recovered from the frozen files.

None of this calls the generator: each test is the analysis a learner or instructor would run, with the
definitions of the course spec (§5.1, §5.4) written out here.
"""

from __future__ import annotations

import pandas as pd
import pytest
from kanbo_measures import KANO_ORDER, KANO_TABLE, TIE_ORDER, VW, consistent, price_points, top2

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

STAFF_DOMAIN = "kanbo.io"
FEATURES = ("offline_mode", "ai_summaries", "gantt_timeline", "time_tracking", "guest_access", "custom_fields",
            "dark_mode")
OUTCOMES = ("see_workload", "plan_timeline", "work_offline", "onboard_guests", "report_status", "find_tasks")


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return load("survey_responses", start=COURSE_ROOT)


@pytest.fixture(scope="module")
def survey(raw) -> pd.DataFrame:
    """Cleaned as the data dictionary says: no staff test submissions, first submission per respondent."""
    clean = raw[raw["email_domain"] != STAFF_DOMAIN].sort_values("submitted_at")
    return clean.drop_duplicates("respondent_id", keep="first").reset_index(drop=True)


def nps(scores: pd.Series, detractor_max: int = 6, drop_passives: bool = False) -> float:
    """NPS in points; the keyword arguments reproduce two common mistakes."""
    scores = scores.dropna()
    promoters, detractors = (scores >= 9).sum(), (scores <= detractor_max).sum()
    base = promoters + detractors if drop_passives else len(scores)
    return 100 * (promoters - detractors) / base


def kano_categories(survey: pd.DataFrame, feature: str) -> pd.Series:
    """Category counts of one feature (pairs with a missing answer dropped)."""
    pairs = survey[[f"kano_{feature}_functional", f"kano_{feature}_dysfunctional"]].dropna()
    cats = [KANO_TABLE[KANO_ORDER.index(f)][KANO_ORDER.index(d)] for f, d in pairs.itertuples(index=False)]
    return pd.Series(cats).value_counts().reindex(TIE_ORDER, fill_value=0)


# --- survey_responses -------------------------------------------------------------------------------

def test_survey_has_the_named_dirt(raw, survey):
    staff = raw["email_domain"] == STAFF_DOMAIN
    assert 4 <= staff.sum() <= 12, "internal test submissions from kanbo.io"
    assert raw.loc[staff, "duration_sec"].max() < 180, "test submissions are clicked through in seconds"
    repeats = raw[~staff].duplicated("respondent_id")
    assert 10 <= repeats.sum() <= 30, "respondents who submitted twice"
    assert 1_400 <= len(survey) <= 1_600
    assert survey.loc[survey["respondent_type"] == "prospect", "nps"].isna().all(), "NPS asked of customers only"
    blanks = survey[[c for c in survey.columns if c.startswith(("likert_", "kano_", "imp_", "sat_"))]].isna().mean()
    assert blanks.between(0.01, 0.10).all(), "every item has some non-response"
    no_tool = survey["current_tool"] == "none"
    assert survey.loc[no_tool, "likert_worth_price"].isna().all()


def test_kano_modal_categories_match_the_plan_with_clear_margins(survey):
    planted = {"offline_mode": "M", "ai_summaries": "A", "gantt_timeline": "O", "time_tracking": "I",
               "guest_access": "A", "custom_fields": "O", "dark_mode": "I"}
    for feature, expected in planted.items():
        counts = kano_categories(survey, feature)
        shares = counts / counts.sum()
        modal = shares[shares == shares.max()].index[0]  # ties broken by TIE_ORDER (index order)
        assert modal == expected, f"{feature}: modal {modal}, shares {shares.round(3).to_dict()}"
        runner_up = shares.drop(modal).max()
        assert shares[modal] - runner_up > 0.08, f"{feature}: margin {shares[modal] - runner_up:.3f}"
        assert shares["R"] + shares["Q"] > 0.04, f"{feature}: a realistic minority of R and Q answers"


def test_kano_better_worse_change_when_r_and_q_enter_the_denominator(survey):
    counts = kano_categories(survey, "ai_summaries")
    a, o, m, i, r, q = (counts[c] for c in ("A", "O", "M", "I", "R", "Q"))
    better, wrong = (a + o) / (a + o + m + i), (a + o) / (a + o + m + i + r + q)
    assert better - wrong > 0.05


def test_nps_is_moderately_positive_and_falls_with_company_size(survey):
    customers = survey[survey["respondent_type"] == "customer"]
    overall = nps(customers["nps"])
    assert 15 <= overall <= 35
    by_size = customers.groupby("company_size")["nps"].apply(nps)
    assert by_size["1-10"] - by_size["1000+"] > 30
    assert by_size["11-50"] - by_size["201-1000"] > 15


def test_nps_misconceptions_give_different_values(survey):
    scores = survey.loc[survey["respondent_type"] == "customer", "nps"]
    right = nps(scores)
    assert (scores == 6).mean() > 0.07, "plenty of 6s"
    assert nps(scores, detractor_max=5) - right > 5, "detractors counted as < 6"
    assert nps(scores, drop_passives=True) - right > 5, "passives dropped from the denominator"


def test_van_westendorp_inconsistent_answers_exist_and_move_the_price_points(survey):
    complete = survey[list(VW)].dropna()
    kept = consistent(survey)
    inconsistent = 1 - len(kept) / len(complete)
    assert 0.06 <= inconsistent <= 0.10
    right, wrong = price_points(kept[list(VW)]), price_points(complete)
    assert max(abs(right[k] - wrong[k]) for k in right) >= 0.5, (right, wrong)
    assert right["PMC"] < right["OPP"] < right["IPP"] < right["PME"]


def test_van_westendorp_larger_companies_accept_higher_prices(survey):
    kept = consistent(survey)
    points = {size: price_points(group[list(VW)]) for size, group in kept.groupby("company_size")}
    for point in ("OPP", "IPP"):
        assert points["1000+"][point] - points["1-10"][point] >= 3, (point, points)
        assert points["201-1000"][point] - points["1-10"][point] >= 2.5, (point, points)
    ipp = [points[s]["IPP"] for s in ("1-10", "11-50", "51-200", "201-1000", "1000+")]
    assert ipp == sorted(ipp)


def test_trust_ai_ranks_roles_differently_by_mean_and_by_top2box(survey):
    item = survey.groupby("role")["likert_trust_ai"]
    by_mean = item.mean().sort_values(ascending=False)
    by_top2 = item.apply(top2).sort_values(ascending=False)
    assert by_top2.index[0] == "executive" and by_mean.index[0] != "executive"
    assert by_mean["individual contributor"] - by_mean["executive"] > 0.25
    assert by_top2["executive"] - by_top2.drop("executive").max() > 0.05
    assert by_top2["executive"] - by_top2["individual contributor"] > 0.08
    executives = survey.loc[survey["role"] == "executive", "likert_trust_ai"].value_counts(normalize=True)
    assert executives[1] + executives[5] > 0.7, "executives are split into sceptics and enthusiasts"


def test_opportunity_scores_have_a_clear_top_and_an_over_served_outcome(survey):
    imp = pd.Series({o: 10 * top2(survey[f"imp_{o}"]) for o in OUTCOMES})
    sat = pd.Series({o: 10 * top2(survey[f"sat_{o}"]) for o in OUTCOMES})
    score = imp + (imp - sat).clip(lower=0)
    no_max = imp + (imp - sat)
    ranked = score.sort_values(ascending=False)
    assert ranked.index[0] == "see_workload" and ranked.iloc[0] - ranked.iloc[1] > 1.0
    assert (sat > imp).sum() >= 1 and sat["find_tasks"] > imp["find_tasks"]
    assert list(no_max.sort_values(ascending=False).index) != list(ranked.index), "forgetting max() reorders"


# --- competitors --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def competitors() -> pd.DataFrame:
    return load("competitors", start=COURSE_ROOT).set_index("product")


def test_competitor_grid_has_parity_features_and_kanbo_gaps(competitors):
    features = [c for c in competitors.columns if c.startswith("feat_")]
    others = competitors.drop(index="Kanbo")
    assert 5 <= len(others) <= 8
    parity = [f for f in features if (competitors[f] == "has").all()]
    assert parity == ["feat_kanban_boards", "feat_list_view", "feat_mobile_apps", "feat_file_attachments"]
    gaps = [f for f in features
            if competitors.loc["Kanbo", f] == "none" and (others[f] == "has").sum() >= len(others) * 2 / 3]
    assert gaps == ["feat_offline_mode", "feat_gantt_timeline", "feat_dark_mode", "feat_sso"]


def test_kanbo_has_no_sso_yet_as_the_market_sizing_and_the_backlog_say(competitors):
    """01's SAM leaves out `1000+` for lack of SSO, and backlog item KB-117 proposes SAML SSO."""
    assert competitors.loc["Kanbo", "feat_sso"] == "none"
    assert "SSO on" not in str(competitors.loc["Kanbo", "notes"])
    backlog = load("backlog", start=COURSE_ROOT)
    assert backlog["title"].str.contains("single sign-on").any()
    calendar = load("pm_calendar", start=COURSE_ROOT)
    assert not calendar["title"].str.contains(r"\bSSO\b|single sign-on").any(), "no SSO launch in the calendar"


def test_kanbo_is_priced_mid_market(competitors):
    assert competitors.loc["Kanbo", "team_price"] == 8.0 and competitors.loc["Kanbo", "business_price"] == 15.0
    for column in ("team_price", "business_price"):
        others = competitors.drop(index="Kanbo")[column]
        below = (others < competitors.loc["Kanbo", column]).sum()
        assert below == len(others) // 2, f"{column}: Kanbo sits in the middle of the market"


# --- market_sizing ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sizing() -> pd.DataFrame:
    return load("market_sizing", start=COURSE_ROOT)


def test_market_sizing_has_plausible_magnitudes(sizing):
    assert len(sizing) == 60 and not sizing.duplicated(["country", "size_band"]).any()
    us = sizing[sizing["country"] == "US"].set_index("size_band")
    assert 3e6 < us.loc["1-10", "firms"] < 7e6 and 5e3 < us.loc["1000+", "firms"] < 2e4
    bands = ["1-10", "11-50", "51-200", "201-1000", "1000+"]
    assert sizing.groupby("size_band")["avg_employees"].median()[bands].is_monotonic_increasing
    share = sizing.groupby("size_band")["firms"].sum() / sizing["firms"].sum()
    assert share["1-10"] > 0.8 and share["1000+"] < 0.002


def test_top_down_and_bottom_up_tams_differ_and_sam_is_smaller(sizing):
    price = 12 * 8.0  # Team list price per seat, a year
    adopters = sizing["firms"] * sizing["task_tool_adoption"]
    top_down = (adopters * sizing["avg_employees"] * sizing["knowledge_worker_share"] * price).sum()
    bottom_up = (adopters * sizing["avg_seats_per_account"] * price).sum()
    assert 2.5 < top_down / bottom_up < 8, f"top-down {top_down / 1e9:.2f} bn, bottom-up {bottom_up / 1e9:.2f} bn"
    assert 1e9 < bottom_up < 5e9
    serviceable = sizing["region"].isin(["North America", "Europe"]) & sizing["size_band"].isin(
        ["11-50", "51-200", "201-1000"])
    sam = (adopters * sizing["avg_seats_per_account"] * price)[serviceable].sum()
    assert 0.2 < sam / bottom_up < 0.6
