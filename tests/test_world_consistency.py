"""One Kanbo: the facts every table and notebook must agree on, stated once and checked everywhere.

A PM in the class will notice numbers that do not add up (seats nobody uses, revenue from markets
Kanbo does not serve, a feature that both exists and is on the roadmap). Each test states which
tables (and which notebook sentences) a fact reaches, and reads the frozen files with plain pandas.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

# Kanbo's facts, once.
LAUNCH = pd.Timestamp("2025-03-01")
SERVED_REGIONS = ("North America", "Europe")
REGION = {"US": "North America", "CA": "North America", "GB": "Europe", "DE": "Europe", "FR": "Europe",
          "NL": "Europe", "ES": "Europe", "BR": "Latin America", "MX": "Latin America", "IN": "Asia-Pacific",
          "AU": "Asia-Pacific", "JP": "Asia-Pacific"}
PRICE_PER_SEAT = {"Team": 8.0, "Business": 15.0}  # USD per seat per month
KANBO_LACKS = {"offline_mode", "ai_summaries", "gantt_timeline", "time_tracking", "dark_mode", "sso"}
KANBO_PARTIAL = {"guest_access", "custom_fields", "reporting"}
RELEASES = {("ios", "5.4.0"): "2026-01-14", ("android", "5.4.0"): "2026-01-20", ("android", "5.3.1"): "2025-11-25",
            ("ios", "5.3.1"): "2025-11-18"}
COMPETITORS = {"Trellis", "Taskwise", "Boardly", "FlowDeck", "Pinboard Pro", "Sprintly"}
SEATS_PER_ACTIVE_MEMBER = (1.0, 1.5)  # billed seats per member of a paying workspace active that month
STAFF = ["kanbo.io", "qa.kanbo.io"]
FEB = pd.Timestamp("2026-02-01")


@pytest.fixture(scope="module")
def users() -> pd.DataFrame:
    frame = load("users", start=COURSE_ROOT)
    return frame[~frame["email_domain"].isin(STAFF)]


@pytest.fixture(scope="module")
def activity(users) -> pd.DataFrame:
    frame = load("activity", start=COURSE_ROOT).drop_duplicates()
    return frame[(frame["sessions"] > 0) & frame["user_id"].isin(users["user_id"])]


@pytest.fixture(scope="module")
def subscriptions() -> pd.DataFrame:
    return load("subscriptions", start=COURSE_ROOT)


@pytest.fixture(scope="module")
def competitors() -> pd.DataFrame:
    return load("competitors", start=COURSE_ROOT).set_index("product")


@pytest.fixture(scope="module")
def members_by_month(users, activity) -> pd.DataFrame:
    """Workspace x month: distinct members active in the month."""
    month = activity["date"].dt.to_period("M").dt.to_timestamp()
    account = activity["user_id"].map(users.set_index("user_id")["account_id"])
    return activity.assign(month=month, account_id=account).groupby(["account_id", "month"])["user_id"].nunique()


def master_text(notebook: str) -> str:
    nb = json.loads((COURSE_ROOT / "solutions" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in nb["cells"])


# Seats and people: one simulation of workspaces makes both.
def test_billed_seats_cover_the_members_who_use_kanbo_and_little_more(subscriptions, members_by_month):
    paid = subscriptions[subscriptions["mrr"] > 0].set_index(["account_id", "month"])["seats"]
    active = members_by_month.reindex(paid.index, fill_value=0)
    assert (paid >= active).all(), "a workspace never has more active members than billed seats"
    ratio = paid.sum() / active.sum()
    assert SEATS_PER_ACTIVE_MEMBER[0] <= ratio <= SEATS_PER_ACTIVE_MEMBER[1], f"{ratio:.2f} seats per active member"
    feb = paid.xs(FEB, level="month")
    assert active.xs(FEB, level="month").sum() / feb.sum() > 0.65, "most billed seats are used every month"


def test_revenue_per_paying_user_sits_near_the_price_of_a_seat(users, activity, subscriptions):
    feb = subscriptions[(subscriptions["month"] == FEB) & (subscriptions["mrr"] > 0)]
    active = users[users["user_id"].isin(activity.loc[activity["date"] >= FEB, "user_id"])]
    arppu = feb["mrr"].sum() / active["account_id"].isin(feb["account_id"]).sum()
    assert min(PRICE_PER_SEAT.values()) <= arppu <= 1.5 * max(PRICE_PER_SEAT.values())


def test_mrr_is_list_price_per_seat_less_the_discount(subscriptions, competitors):
    paid = subscriptions[subscriptions["mrr"] > 0]
    list_price = paid["plan"].map(PRICE_PER_SEAT)
    expected = (paid["seats"] * list_price * (100 - paid["discount_pct"]) / 100).round(2)
    assert (paid["mrr"] - expected).abs().max() < 0.006
    assert competitors.loc["Kanbo", ["team_price", "business_price"]].tolist() == [8.0, 15.0]


def test_a_workspace_pays_only_while_it_has_members(users, subscriptions):
    first_member = users.groupby("account_id")["signup_at"].min().dt.tz_localize(None).dt.to_period("M")
    paid = subscriptions[subscriptions["mrr"] > 0]
    assert paid["account_id"].isin(first_member.index).all()
    assert (paid["month"].dt.to_period("M") >= paid["account_id"].map(first_member)).all()


# Where Kanbo sells.
def test_kanbo_markets_only_where_it_sells(users, subscriptions):
    spend = load("marketing_spend", start=COURSE_ROOT)
    assert set(spend["region"]) <= set(SERVED_REGIONS)
    region = users["country"].map(REGION)
    paid_channel = users["channel"].isin(["paid_search", "paid_social", "content", "partners"])
    # Content (the blog) is read everywhere, though its writers are paid from the served regions' budget.
    assert not (paid_channel & ~region.isin(SERVED_REGIONS) & (users["channel"] != "content")).any()
    creators = users[users["joined_via"] == "new_workspace"].set_index("account_id")["country"].map(REGION)
    feb = subscriptions[subscriptions["month"] == FEB]
    outside = feb["account_id"].map(creators).isin(SERVED_REGIONS).eq(False)
    assert feb.loc[outside, "mrr"].sum() / feb["mrr"].sum() < 0.10, "a small share of MRR from unserved markets"


def test_the_notebooks_serve_the_same_markets():
    assert 'SAM_REGIONS = ["North America", "Europe"]' in master_text("01-market-research/market_research")


# What Kanbo has: one truth across the competitor grid, the backlog, the calendar and the notebooks.
def test_what_kanbo_lacks_is_the_same_in_every_table(competitors):
    kanbo = competitors.loc["Kanbo"]
    features = {c.removeprefix("feat_"): v for c, v in kanbo.items() if c.startswith("feat_")}
    assert {f for f, v in features.items() if v == "none"} == KANBO_LACKS
    assert {f for f, v in features.items() if v == "partial"} == KANBO_PARTIAL
    backlog = load("backlog", start=COURSE_ROOT)
    proposed = set(backlog["feature"].dropna())
    assert proposed <= KANBO_LACKS | KANBO_PARTIAL, "the backlog proposes only what Kanbo lacks or half has"
    assert backlog["title"].str.contains("single sign-on").any()


def test_the_pm_calendar_launches_only_what_kanbo_ships(competitors):
    calendar = load("pm_calendar", start=COURSE_ROOT)
    titles = calendar["title"]
    launched = titles[titles.str.startswith("Launch readiness: ")].str.removeprefix("Launch readiness: ")
    backlog_titles = " ".join(load("backlog", start=COURSE_ROOT)["title"]).lower()
    lacks_words = ("offline", "timeline", "gantt", "dark mode", "sso", "sign-on", "time tracking", "ai ")
    for feature in launched.unique():
        assert feature.lower() not in backlog_titles and not any(w in feature.lower() for w in lacks_words), feature
    named = titles[titles.str.startswith("Competitor teardown: ")].str.removeprefix("Competitor teardown: ")
    assert set(named) <= COMPETITORS


def test_notebook_prose_about_features_matches_the_grid():
    sizing = master_text("01-market-research/market_research")
    assert "needs SSO and audit features\n  Kanbo lacks" in sizing and "sso" in KANBO_LACKS
    revenue = master_text("02-kpis/revenue")
    assert "Team\n($8) or Business ($15)" in revenue


# Dates: the launch and the releases.
def test_everything_starts_at_the_launch(users, activity, subscriptions):
    assert users["signup_at"].min().tz_localize(None).normalize() == LAUNCH
    assert activity["date"].min() == LAUNCH
    assert subscriptions["month"].min() == LAUNCH


@pytest.mark.parametrize(("platform", "version"), sorted(RELEASES))
def test_each_app_version_appears_on_its_release_day(activity, platform, version):
    rows = activity[(activity["platform"] == platform) & (activity["app_version"] == version)]
    assert rows["date"].min() == pd.Timestamp(RELEASES[(platform, version)])
    reviews = load("app_reviews", start=COURSE_ROOT)
    cited = reviews[(reviews["platform"] == platform) & (reviews["app_version"] == version)]
    assert (cited["date"] >= pd.Timestamp(RELEASES[(platform, version)])).all()


def test_the_capstone_release_notes_match_the_release_calendar():
    text = master_text("06-capstone/monday_tuesday")
    for (platform, version), day in RELEASES.items():
        if version == "5.4.0":
            assert f'"{platform} {version}": "{day}"' in text


# The Android incident was caught within days: the reviews (within the staged rollout's first week) and the
# PM's calendar show it; support's tickets show it first (test_world_launch).
def test_the_android_incident_is_visible_within_days_of_the_release():
    reviews = load("app_reviews", start=COURSE_ROOT)
    android = reviews[reviews["platform"] == "android"]
    text = (android["title"].fillna("") + " " + android["text"].fillna("")).str.lower()
    release = pd.Timestamp(RELEASES[("android", "5.4.0")])
    first_days = android["date"].between(release, release + pd.Timedelta(days=6))
    before = android["date"].between(release - pd.Timedelta(days=60), release - pd.Timedelta(days=1))
    assert text[first_days].str.contains("sync").mean() > 3 * text[before].str.contains("sync").mean()
    calendar = load("pm_calendar", start=COURSE_ROOT)
    escalations = calendar[calendar["title"].str.contains("Android sync") & (calendar["status"] == "confirmed")]
    assert len(escalations) >= 2, "support escalates the incident to the PM"
    assert re.search(r"flagged .{0,80}two\s+days\s+after\s+the\s+release", master_text("06-capstone/monday_tuesday"),
                     re.S)
    tickets = load("launch/support_tickets", start=COURSE_ROOT)
    sync = tickets[tickets["topic"] == "sync"].groupby(tickets["created_at"].dt.tz_localize(None).dt.floor("D")).size()
    surge = sync[(sync.index >= release) & (sync > 2 * sync[sync.index < release].max())].index.min()
    assert surge == release + pd.Timedelta(days=2), "support's sync tickets surge two days after the release"
    timeline = load("launch/incident_timeline", start=COURSE_ROOT)
    flagged = timeline.loc[timeline["kind"] == "detection", "at"].min()
    assert flagged.tz_localize(None).floor("D") == surge, "the incident log has support flag it on the day of the surge"
