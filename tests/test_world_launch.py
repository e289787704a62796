"""Module 05's launch tables: planted truths recovered from the frozen files, and agreement with the product data.

The data dictionary and docs/world-ground-truth.md describe these tables; this file checks that the frozen
files say so, and renders the ground-truth document's "Launch" rows from the data (run it as a script to
print them).
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

DOC = COURSE_ROOT / "docs" / "world-ground-truth.md"
RELEASE = pd.Timestamp("2026-01-20")
ROLLOUT_DAYS = pd.date_range("2026-01-20", "2026-01-26")
STAFF = ("kanbo.io", "qa.kanbo.io")


def table(name: str) -> pd.DataFrame:
    return load(name, start=COURSE_ROOT)


@cache
def clean_activity() -> pd.DataFrame:
    """Clean activity as module 02 pins it: no exact copies, sessions > 0, customers only."""
    users = table("users")
    activity = table("activity").drop_duplicates()
    staff = users.loc[users["email_domain"].isin(STAFF), "user_id"]
    return activity[(activity["sessions"] > 0) & ~activity["user_id"].isin(staff)]


def clean_android() -> pd.DataFrame:
    return clean_activity()[clean_activity()["platform"] == "android"]


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


@cache
def facts() -> dict[str, str]:
    android = clean_android()
    stages = table("launch/rollout_stages")
    offered = stages.set_index("started_on")["share_pct"].reindex(ROLLOUT_DAYS).ffill() / 100
    day = android[android["date"].isin(ROLLOUT_DAYS)]
    installed = day.groupby("date")["app_version"].apply(lambda v: (v == "5.4.0").mean())

    health = table("launch/android_release_health")
    rollout = health[health["date"].isin(ROLLOUT_DAYS)]
    new = rollout[rollout["app_version"] == "5.4.0"].groupby("date").sum(numeric_only=True).cumsum()
    old = rollout[rollout["app_version"].isin(["5.3.0", "5.3.1"])].groupby("date").sum(numeric_only=True).cumsum()
    rate_new, rate_old = new["sync_error_sessions"] / new["sessions"], old["sync_error_sessions"] / old["sessions"]

    tickets = table("launch/support_tickets")
    sync = tickets[tickets["topic"] == "sync"]
    per_day = sync.groupby(sync["created_at"].dt.tz_localize(None).dt.floor("D")).size()
    from_new = sync[(sync["platform"] == "android") & (sync["app_version"] == "5.4.0")]

    exposure, usage = table("launch/recurring_tasks_exposure"), table("launch/recurring_tasks_usage")
    use = usage.merge(exposure[["user_id", "exposed_on"]], on="user_id")
    use["day"] = (use["date"] - use["exposed_on"]).dt.days
    per_user = use.groupby("user_id").agg(days=("date", "nunique"), last=("day", "max"))
    tried7 = use.loc[use["day"] <= 6, "user_id"].nunique()
    repeat = per_user[per_user["days"] >= 2]
    retained = repeat[repeat["last"] >= 21]
    n = len(exposure)
    targets = table("launch/recurring_tasks_targets").set_index("metric")["target"]
    by_platform = exposure.set_index("user_id")["platform"]
    kept = by_platform.index.isin(retained.index)
    retained_by = pd.Series(kept, index=by_platform.index).groupby(by_platform).mean()
    return {
        "installed": ", ".join(f"{pct(installed[d])} ({offered[d]:.0%} offered)" for d in ROLLOUT_DAYS),
        "installed_ok": bool((installed <= offered).all()),
        "sync": " / ".join(f"{pct(rate_new[d])} vs {pct(rate_old[d])}" for d in ROLLOUT_DAYS[:4])
                + " by 20 / 21 / 22 / 23 Jan",
        "crash_free": f"{pct(new['crash_free_sessions'].iloc[-1] / new['sessions'].iloc[-1])} vs 5.3.x "
                      f"{pct(old['crash_free_sessions'].iloc[-1] / old['sessions'].iloc[-1])}",
        "sync_days": (f"at most {per_day[per_day.index < RELEASE].max()} a day before the release, then "
                      + ", ".join(str(per_day.get(d, 0)) for d in ROLLOUT_DAYS[:4]) + " on 20–23 Jan"),
        "sync_tickets": f"{len(from_new):,}", "sync_users": f"{from_new['user_id'].nunique():,}",
        "affected": f"{android.loc[android['app_version'] == '5.4.0', 'user_id'].nunique():,}",
        "funnel": (f"{n:,} exposed → {per_user.shape[0]:,} tried in days 0–27 → {len(repeat):,} repeat → "
                   f"{len(retained):,} retained"),
        "targets": (f"tried in days 0–6 {pct(tried7 / n)} (target {targets['tried_7d']:.0%}), repeat "
                    f"{pct(len(repeat) / per_user.shape[0])} of triers ({targets['repeat_28d']:.0%}), retained "
                    f"{pct(len(retained) / n)} ({targets['retained_28d']:.0%}): web {pct(retained_by['web'])}, iOS "
                    f"{pct(retained_by['ios'])}, Android {pct(retained_by['android'])}"),
        "_met": (tried7 / n >= targets["tried_7d"], len(repeat) / per_user.shape[0] >= targets["repeat_28d"],
                 len(retained) / n >= targets["retained_28d"]),
        "_phones_miss": bool(retained_by[["ios", "android"]].lt(targets["retained_28d"]).all()),
        "_first_halt": bool((rate_new - rate_old).iloc[1] > 0.02 and (rate_new - rate_old).iloc[0] < 0.05),
    }


# The "what the data shows" cell of each Launch row of the document, with the data's numbers to fill in.
SHOWS = {
    "The rollout is staged": "share of Android customers active that day who run 5.4.0: {installed}; never above "
                             "the share offered",
    "Sync breaks, crashes do not": "cumulative from 20 Jan, 5.4.0 vs 5.3.x on the same days: sync-error rate "
                                   "{sync}; 5.4.0 crash-free {crash_free}",
    "Support sees it first": "sync tickets a day: {sync_days}; {sync_tickets} sync tickets from 5.4.0 by "
                             "{sync_users} users ({affected} customers ran 5.4.0 by 28 Feb)",
    "Recurring tasks launch well": "{funnel}; {targets}",
}


def rows() -> dict[str, str]:
    """The document's Launch rows, as the data fills them in."""
    return {row: shows.format(**facts()) for row, shows in SHOWS.items()}


@pytest.mark.parametrize("row", SHOWS)
def test_the_document_states_what_the_launch_data_shows(row):
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    assert f"| {row} |" in text and rows()[row] in text, f"docs/world-ground-truth.md should say:\n{rows()[row]}"


def test_the_share_on_5_4_0_never_runs_ahead_of_the_rollout():
    assert facts()["installed_ok"]


def test_release_health_adds_up_to_the_clean_activity():
    health = table("launch/android_release_health").set_index(["date", "app_version"])
    android = clean_android()
    android = android[android["date"] >= health.index.get_level_values("date").min()]
    mine = android.groupby(["date", "app_version"]).agg(active_users=("user_id", "nunique"),
                                                        sessions=("sessions", "sum"))
    assert (health[["active_users", "sessions"]].sort_index() == mine.sort_index()).all().all()
    assert (health["crash_free_sessions"] <= health["sessions"]).all()
    assert (health["sync_error_sessions"] <= health["sessions"]).all()


def test_store_ratings_on_the_dashboard_are_the_scraped_reviews():
    health = table("launch/android_release_health").set_index(["date", "app_version"])
    reviews = table("app_reviews")
    reviews = reviews[(reviews["platform"] == "android") & (reviews["date"] >= "2026-01-06")]
    counts = reviews.groupby(["date", "app_version"]).size()
    counts = counts[counts.index.isin(health.index)]
    assert (health.loc[counts.index, "store_ratings"] == counts).all()


def test_the_sync_bug_is_visible_against_the_same_day_control_at_the_20_percent_stage():
    assert facts()["_first_halt"], "5.4.0's sync-error rate is > 2 pp above 5.3.x by 21 Jan, not yet on 20 Jan"


def test_tickets_come_from_real_users_and_follow_ups_outnumber_people():
    tickets = table("launch/support_tickets")
    users = table("users")
    assert tickets["user_id"].isin(users["user_id"]).all()
    from_new = tickets[(tickets["topic"] == "sync") & (tickets["platform"] == "android")
                       & (tickets["app_version"] == "5.4.0")]
    first_on_new = clean_android()[clean_android()["app_version"] == "5.4.0"].groupby("user_id")["date"].min()
    ticket_day = from_new["created_at"].dt.tz_localize(None).dt.floor("D")
    assert (ticket_day.to_numpy() >= first_on_new.loc[from_new["user_id"]].to_numpy()).all(), \
        "a 5.4.0 sync ticket comes after the writer's first day on 5.4.0"
    assert len(from_new) > 1.5 * from_new["user_id"].nunique()


def test_exposure_is_the_first_visit_after_the_switch_and_use_happens_on_active_days():
    clean = clean_activity()
    window = clean[clean["date"].between("2026-01-06", "2026-01-19")]
    first = window.groupby("user_id")["date"].min()
    exposure = table("launch/recurring_tasks_exposure").set_index("user_id")
    assert set(exposure.index) == set(first.index)
    assert (exposure["exposed_on"] == first.loc[exposure.index]).all()
    usage = table("launch/recurring_tasks_usage")
    active = pd.MultiIndex.from_frame(clean[["user_id", "date"]])
    assert pd.MultiIndex.from_frame(usage[["user_id", "date"]]).isin(active).all()
    day = (usage["date"] - exposure.loc[usage["user_id"], "exposed_on"].to_numpy()).dt.days
    assert day.between(0, 27).all()


def test_the_feature_launch_meets_its_targets_but_the_phones_miss_retention():
    assert all(facts()["_met"])
    assert facts()["_phones_miss"]


def test_the_incident_log_starts_with_the_rollout():
    timeline = table("launch/incident_timeline")
    first = timeline.sort_values("at").iloc[0]
    stages = table("launch/rollout_stages")
    assert first["kind"] == "rollout" and first["at"].tz_localize(None).floor("D") == stages["started_on"].min()
    assert len(timeline[timeline["kind"] == "rollout"]) == len(stages)


if __name__ == "__main__":
    for row, shows in rows().items():
        print(f"{row}: {shows}")
