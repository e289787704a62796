"""The planted truths of `users` and `activity`, recovered from the frozen files with plain pandas.

None of this calls the generator: each test is the analysis a learner or instructor would run.
"""

from __future__ import annotations

import pandas as pd
import pytest

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

STAFF_DOMAINS = ("kanbo.io", "qa.kanbo.io")
INCIDENT = pd.Timestamp("2026-01-20")


@pytest.fixture(scope="module")
def users() -> pd.DataFrame:
    frame = load("users", start=COURSE_ROOT)
    return frame.assign(signup_day=frame["signup_at"].dt.tz_localize(None).dt.floor("D"))


@pytest.fixture(scope="module")
def raw_activity() -> pd.DataFrame:
    return load("activity", start=COURSE_ROOT)


@pytest.fixture(scope="module")
def activity(users, raw_activity) -> pd.DataFrame:
    """Activity cleaned as the data dictionary says: no duplicates, no staff, sessions > 0."""
    staff = users.loc[users["email_domain"].isin(STAFF_DOMAINS), "user_id"]
    clean = raw_activity.drop_duplicates()
    clean = clean[(clean["sessions"] > 0) & ~clean["user_id"].isin(staff)]
    return clean.merge(users[["user_id", "signup_day"]], on="user_id").assign(
        age=lambda f: (f["date"] - f["signup_day"]).dt.days)


@pytest.fixture(scope="module")
def dau(activity) -> pd.DataFrame:
    return activity.groupby(["date", "platform"])["user_id"].nunique().unstack()


def test_the_named_dirt_is_really_there(users, raw_activity):
    staff = users["email_domain"].isin(STAFF_DOMAINS)
    assert 20 <= staff.sum() <= 60, "staff and QA accounts to remove"
    staff_rows = raw_activity["user_id"].isin(users.loc[staff, "user_id"])
    assert staff_rows.mean() > 0.005, "staff are active nearly every day, enough to bias DAU"
    assert 0.003 < raw_activity.duplicated().mean() < 0.01, "re-sent duplicate rows"
    zero = raw_activity["sessions"] == 0
    assert zero.mean() > 0.01 and set(raw_activity.loc[zero, "platform"]) <= {"ios", "android"}
    local_day = pd.Series([t.tz_convert(z).date() for t, z in zip(users["signup_at"], users["timezone"],
                                                                  strict=True)])
    differs = (local_day != users["signup_day"].dt.date).mean()
    assert 0.03 < differs < 0.4, "a real share of sign-ups fall on another calendar day in local time"


def test_every_user_is_active_on_their_signup_day_and_never_before(activity, users):
    first = activity.groupby("user_id")["date"].min()
    real = users[~users["email_domain"].isin(STAFF_DOMAINS)].set_index("user_id")["signup_day"]
    assert (first.reindex(real.index) == real).all()


def test_weekdays_are_busier_than_weekends_most_of_all_on_the_web(dau):
    weekend = dau.index.day_of_week >= 5
    ratio = dau[~weekend].mean() / dau[weekend].mean()
    assert ratio["web"] > 3 and 1.3 < ratio["android"] < ratio["web"] and 1.3 < ratio["ios"] < ratio["web"]


def test_the_holidays_dip_on_every_platform(dau):
    holidays = dau.loc["2025-12-22":"2026-01-01"].mean()
    around = pd.concat([dau.loc["2025-12-01":"2025-12-14"], dau.loc["2026-01-05":"2026-01-18"]]).mean()
    assert ((holidays / around) < 0.75).all()


def test_signups_grow_through_the_year_after_a_launch_spike(users):
    real = users[~users["email_domain"].isin(STAFF_DOMAINS)]
    daily = real.groupby("signup_day").size()
    weekly = daily.rolling(28).mean()
    assert weekly.loc["2026-02-27"] > 1.6 * weekly.loc["2025-04-30"]
    assert daily.loc["2025-03-02":"2025-03-06"].mean() > 2 * daily.loc["2025-04-06":"2025-04-10"].mean()


def test_android_engagement_falls_after_the_5_4_0_release_while_web_and_ios_do_not(dau, activity):
    before = dau.loc[INCIDENT - pd.Timedelta(days=21):INCIDENT - pd.Timedelta(days=1)].mean()
    after = dau.loc[INCIDENT + pd.Timedelta(days=14):INCIDENT + pd.Timedelta(days=34)].mean()
    change = after / before - 1
    assert change["android"] < -0.25
    assert change["ios"] > -0.05 and change["web"] > -0.05
    # Located by version: on the same days, Android users still on 5.3.1 use Kanbo as before.
    late = activity[(activity["platform"] == "android") & (activity["date"] >= INCIDENT + pd.Timedelta(days=7))]
    sessions = late.groupby("app_version")["sessions"].mean()
    assert sessions["5.4.0"] < 0.9 * sessions["5.3.1"]


def test_sharing_a_board_in_week_one_predicts_retention(activity, users):
    last_day = activity["date"].max()
    cohort = users[~users["email_domain"].isin(STAFF_DOMAINS)
                   & (users["signup_day"] + pd.Timedelta(days=60) <= last_day)].set_index("user_id")
    aha = activity[(activity["age"] < 7) & (activity["boards_shared"] > 0)]["user_id"].unique()
    retained = activity[activity["age"] >= 30]["user_id"].unique()
    table = pd.DataFrame({"activated": cohort.index.isin(aha), "retained": cohort.index.isin(retained)})
    rates = table.groupby("activated")["retained"].mean()
    assert 0.15 < table["activated"].mean() < 0.45, "activation rate"
    assert rates[True] > 3 * rates[False]


def test_cohort_retention_curves_fall_fast_then_flatten(activity, users):
    last_day = activity["date"].max()
    real = users[~users["email_domain"].isin(STAFF_DOMAINS)]

    def unbounded(n: int) -> float:
        cohort = real[real["signup_day"] + pd.Timedelta(days=n) <= last_day]["user_id"]
        kept = activity[(activity["age"] >= n) & activity["user_id"].isin(cohort)]["user_id"].nunique()
        return kept / len(cohort)

    d1, d7, d30, d90, d150 = (unbounded(n) for n in (1, 7, 30, 90, 150))
    assert d1 > d7 > d30 > d90 > d150 > 0.05
    assert (d1 - d30) > 3 * (d90 - d150), "early losses dwarf late ones: the curve flattens"


def test_app_versions_match_the_release_calendar(activity):
    mobile = activity[activity["platform"] != "web"]
    assert activity.loc[activity["platform"] == "web", "app_version"].isna().all()
    assert mobile["app_version"].notna().all()
    first_seen = mobile.groupby(["platform", "app_version"])["date"].min()
    assert first_seen[("android", "5.4.0")] == INCIDENT
    assert first_seen[("ios", "5.4.0")] == pd.Timestamp("2026-01-14")
