"""Module 05's launch data (`launch/*`): Android 5.4.0's staged rollout as a release dashboard saw it, the
support tickets and the incident's timeline, the release checklist, and a feature launch that went well.

Everything is derived from the product simulation (activity, users) and the store reviews, so it agrees
with them row for row. Planted, for instructors (docs/world-ground-truth.md):

- release health: on the same days, 5.4.0 sessions end in a sync error far more often than 5.3.x
  sessions (SYNC_ERROR_RATE), while crashes are no worse (CRASH_RATE): Play's crash vitals stayed green,
  so a rollout gated on crashes alone kept going;
- support tickets: Android 5.4.0 users file sync tickets within days of installing it, and many file
  follow-ups, so tickets outnumber the users who wrote in (SYNC_TICKET_*);
- recurring tasks, switched on for everyone on FEATURE_LAUNCH: trial and repeat use rise with the plan
  and are lower on the phone apps; Android users whose sync broke use it less once 5.4.0 arrives.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import numpy as np
import pandas as pd

from pmcourse.world import company, product, rollout
from pmcourse.world.billing import simulate_billing
from pmcourse.world.reviews import build_app_reviews
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import choice, table_rng

HEALTH_FROM, HEALTH_TO = date(2026, 1, 6), company.WORLD_END
CONTROL_VERSIONS = ("5.3.0", "5.3.1")
SYNC_ERROR_RATE = {"5.4.0": 0.17, "other": 0.004}  # share of sessions that hit a sync error
CRASH_RATE = {"5.4.0": 0.0031, "other": 0.0034}  # share of sessions that crash
TICKETS_FROM = date(2026, 1, 5)
BASE_TICKETS_PER_USER_DAY = 0.003
BASE_TOPICS = {"how_to": 0.34, "billing": 0.18, "login": 0.12, "notifications": 0.10, "sync": 0.08, "crash": 0.06,
               "feature_request": 0.12}
SYNC_TICKET_SHARE, SYNC_TICKET_MEAN_DAYS, SYNC_FOLLOW_UPS = 0.24, 1.5, 0.8  # of users on 5.4.0
FEATURE_LAUNCH, COHORT_DAYS, FOLLOW_DAYS = date(2026, 1, 6), 14, 28
TRY_HAZARD = {"Free": 0.085, "Team": 0.14, "Business": 0.18}  # chance per active day of a first use
PLATFORM_FACTOR = {"web": 1.0, "ios": 0.8, "android": 0.7}
HABIT_BETA = (2.0, 2.6)  # once tried: chance of using it again on an active day
BROKEN_USE = 0.5  # on Android days with 5.4.0, recurring tasks are used half as often


@cache
def _clean_activity() -> pd.DataFrame:
    """The activity rows every module cleans to: no exact copies, sessions > 0, customers only."""
    users, activity, members = product.simulate()
    staff = users.loc[members["staff"].to_numpy(), "user_id"]
    clean = activity.drop_duplicates()
    return clean[(clean["sessions"] > 0) & ~clean["user_id"].isin(staff)].reset_index(drop=True)


def build_rollout_stages(rng: np.random.Generator) -> pd.DataFrame:
    """The staged rollout's plan as Google Play ran it (`rng` unused)."""
    return pd.DataFrame({
        "stage": np.arange(1, len(rollout.STAGES) + 1),
        "share_pct": [round(100 * share) for _, share in rollout.STAGES],
        "started_on": [day.isoformat() for day, _ in rollout.STAGES],
    })


def build_release_health(rng: np.random.Generator) -> pd.DataFrame:
    """Per day and Android app version: users, sessions, crash-free and sync-error sessions, store ratings."""
    clean = _clean_activity()
    rows = clean[(clean["platform"] == "android")
                 & clean["date"].between(HEALTH_FROM.isoformat(), HEALTH_TO.isoformat())].reset_index(drop=True)
    new = (rows["app_version"] == company.INCIDENT_VERSION).to_numpy()
    sessions = rows["sessions"].to_numpy()
    sync = rng.binomial(sessions, np.where(new, SYNC_ERROR_RATE["5.4.0"], SYNC_ERROR_RATE["other"]))
    crashed = rng.binomial(sessions, np.where(new, CRASH_RATE["5.4.0"], CRASH_RATE["other"]))
    rows = rows.assign(crash_free=sessions - crashed, sync_error=sync)
    health = rows.groupby(["date", "app_version"]).agg(
        active_users=("user_id", "nunique"), sessions=("sessions", "sum"),
        crash_free_sessions=("crash_free", "sum"), sync_error_sessions=("sync_error", "sum")).reset_index()
    reviews = build_app_reviews(table_rng("app_reviews"))
    reviews = reviews[reviews["platform"] == "android"].groupby(["date", "app_version"])["rating"].agg(["size", "mean"])
    health = health.join(reviews, on=["date", "app_version"])
    health["store_ratings"] = health["size"].fillna(0).astype(int)
    health["store_rating_mean"] = health["mean"].round(2)
    return health.drop(columns=["size", "mean"])


def build_support_tickets(rng: np.random.Generator) -> pd.DataFrame:
    """One row per support ticket: the everyday mix, plus sync tickets (and follow-ups) from 5.4.0 users."""
    clean = _clean_activity()
    days = clean[clean["date"] >= TICKETS_FROM.isoformat()].reset_index(drop=True)
    base = days[rng.random(len(days)) < BASE_TICKETS_PER_USER_DAY]
    tickets = [base.assign(topic=choice(rng, BASE_TOPICS, len(base)))]

    on_new = days[(days["platform"] == company.INCIDENT_PLATFORM) & (days["app_version"] == company.INCIDENT_VERSION)]
    first = on_new.groupby("user_id")["date"].min()
    writers = first[rng.random(len(first)) < SYNC_TICKET_SHARE]
    opened = pd.to_datetime(writers) + pd.to_timedelta(np.floor(rng.exponential(SYNC_TICKET_MEAN_DAYS, len(writers))),
                                                       unit="D")
    follow_ups = rng.poisson(SYNC_FOLLOW_UPS, len(writers))
    offsets = [np.r_[0, np.cumsum(rng.integers(1, 6, k))] for k in follow_ups]  # a follow-up every 1-5 days
    user = np.repeat(writers.index.to_numpy(), [len(o) for o in offsets])
    when = np.repeat(opened.to_numpy(), [len(o) for o in offsets]) + pd.to_timedelta(
        np.concatenate(offsets or [np.array([], dtype=int)]), unit="D").to_numpy()
    sync = pd.DataFrame({"user_id": user, "date": pd.DatetimeIndex(when).strftime("%Y-%m-%d"),
                         "platform": company.INCIDENT_PLATFORM, "app_version": company.INCIDENT_VERSION,
                         "topic": "sync"})
    tickets.append(sync[sync["date"] <= company.WORLD_END.isoformat()])
    frame = pd.concat(tickets, ignore_index=True)[["user_id", "date", "platform", "app_version", "topic"]]
    seconds = rng.integers(7 * 3600, 22 * 3600, len(frame))  # support hours, UTC
    frame["created_at"] = (pd.to_datetime(frame["date"]) + pd.to_timedelta(seconds, unit="s")).dt.strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    frame = frame.sort_values(["created_at", "user_id"], kind="stable").reset_index(drop=True)
    frame["ticket_id"] = [f"T-{40001 + i}" for i in range(len(frame))]
    frame["app_version"] = frame["app_version"].replace("", None)
    return frame[["ticket_id", "created_at", "user_id", "platform", "app_version", "topic"]]


TIMELINE = (
    ("2026-01-20T09:00:00Z", "rollout", "Android 5.4.0 staged rollout starts at 5% of Android users"),
    ("2026-01-21T09:00:00Z", "rollout", "Promoted to 20%: Play vitals green (crash rate and ANR rate under "
                                        "their thresholds)"),
    ("2026-01-22T15:40:00Z", "detection", "Support lead flags a cluster of 'boards stopped syncing' tickets, "
                                          "all from Android 5.4.0, in #support-escalations"),
    ("2026-01-23T09:00:00Z", "rollout", "Promoted to 50%: Play vitals green; the release checklist has no sync "
                                        "criterion"),
    ("2026-01-23T11:20:00Z", "diagnosis", "Engineering reproduces it: boards stop syncing after the app resumes "
                                          "from the background"),
    ("2026-01-23T16:00:00Z", "decision", "Revert ruled out: 5.4.0 migrated the app's local database, so the old "
                                         "code would strand unsynced edits"),
    ("2026-01-23T17:30:00Z", "mitigation", "Support macro with the workaround (pull down to refresh, or use the web "
                                           "app) sent on every sync ticket"),
    ("2026-01-26T09:00:00Z", "rollout", "Promoted to 100%: Play vitals green"),
    ("2026-01-30T14:00:00Z", "fix", "Patch to the resume path fails review (touches the new database)"),
    ("2026-02-13T14:00:00Z", "fix", "Second patch to the resume path fails review"),
    ("2026-02-27T16:00:00Z", "fix", "5.4.1 stopgap (forces a full sync every few minutes) submitted for release on "
                                    "3 March"),
)


def build_incident_timeline(rng: np.random.Generator) -> pd.DataFrame:
    """The incident channel's log, as the on-call engineer kept it (`rng` unused)."""
    return pd.DataFrame(TIMELINE, columns=["at", "kind", "event"])


CHECKLIST = (
    ("QA regression suite passed on 12 devices", "QA lead", "done", "2026-01-16"),
    ("Crash-rate and ANR thresholds set in Play vitals", "Release manager", "done", "2026-01-16"),
    ("Staged rollout plan: 5% / 20% / 50% / 100%", "Release manager", "done", "2026-01-19"),
    ("Local database migration tested on upgrade from 5.3.x", "Android lead", "done", "2026-01-15"),
    ("Release notes written", "Product manager", "done", "2026-01-19"),
    ("Support briefed on what changed", "Support lead", "not done", None),
    ("Halt criteria per stage, with an owner who can stop the rollout", "Product manager", "not done", None),
    ("Sync health on the release dashboard (by app version)", "Android lead", "not done", None),
    ("Rollback plan (can the previous version be shipped again?)", "Android lead", "not done", None),
)


def build_launch_checklist(rng: np.random.Generator) -> pd.DataFrame:
    """The release checklist for Android 5.4.0 as it stood at the 5% stage (`rng` unused)."""
    return pd.DataFrame(CHECKLIST, columns=["item", "owner", "status", "signed_off_on"])


def _plans_on(accounts: np.ndarray, days: pd.Series) -> np.ndarray:
    """Each account's plan in the month of `days` (Free when the workspace had no billing row)."""
    plans = simulate_billing().set_index(["account_id", "month"])["plan"]
    month = pd.to_datetime(days).dt.to_period("M").dt.start_time.dt.date.astype(str)
    return plans.reindex(pd.MultiIndex.from_arrays([accounts, month])).fillna("Free").to_numpy()


@cache
def _feature_launch() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The launch cohort of recurring tasks (exposed in its first two weeks) and their days of use.

    Both tables come from one draw on the stream `launch/recurring_tasks`, so they agree.
    """
    rng = table_rng("launch/recurring_tasks")
    users = product.simulate()[0]
    clean = _clean_activity()
    start = FEATURE_LAUNCH.isoformat()
    stop = (pd.Timestamp(FEATURE_LAUNCH) + pd.Timedelta(days=COHORT_DAYS - 1)).date().isoformat()
    seen = clean[clean["date"].between(start, stop)].drop_duplicates("user_id")  # first visit: the announcement
    exposure = pd.DataFrame({"user_id": seen["user_id"].to_numpy(), "exposed_on": seen["date"].to_numpy(),
                             "platform": seen["platform"].to_numpy()})
    account = users.set_index("user_id").loc[exposure["user_id"], "account_id"].to_numpy()
    exposure["plan"] = _plans_on(account, exposure["exposed_on"])

    days = clean.merge(exposure[["user_id", "exposed_on", "plan"]], on="user_id")
    age = (pd.to_datetime(days["date"]) - pd.to_datetime(days["exposed_on"])).dt.days.to_numpy()
    days = days[(age >= 0) & (age < FOLLOW_DAYS)].reset_index(drop=True)
    hazard = (np.vectorize(TRY_HAZARD.get)(days["plan"].to_numpy())
              * np.vectorize(PLATFORM_FACTOR.get)(days["platform"].to_numpy()))
    broken = (days["app_version"] == company.INCIDENT_VERSION).to_numpy()
    habit = pd.Series(rng.beta(*HABIT_BETA, len(exposure)), index=exposure["user_id"]).loc[days["user_id"]].to_numpy()
    draw = rng.random(len(days))
    tried_today = draw < hazard * np.where(broken, BROKEN_USE, 1.0)
    first = pd.Series(np.where(tried_today, np.arange(len(days)), len(days))).groupby(days["user_id"]).transform("min")
    after_first = np.arange(len(days)) > first.to_numpy()
    again = rng.random(len(days)) < habit * np.where(broken, BROKEN_USE, 1.0)
    used = (np.arange(len(days)) == first.to_numpy()) | (after_first & again)
    uses = days[used]
    usage = pd.DataFrame({"user_id": uses["user_id"].to_numpy(), "date": uses["date"].to_numpy(),
                          "platform": uses["platform"].to_numpy(),
                          "recurring_tasks_created": 1 + rng.poisson(0.7, len(uses))})
    return exposure, usage


def build_feature_exposure(rng: np.random.Generator) -> pd.DataFrame:
    """Users who saw the recurring-tasks announcement in the launch's first two weeks (one row each)."""
    return _feature_launch()[0].copy()


def build_feature_usage(rng: np.random.Generator) -> pd.DataFrame:
    """One row per exposed user and day on which they created recurring tasks (first 28 days after exposure)."""
    return _feature_launch()[1].copy()


FEATURE_TARGETS = (
    ("tried_7d", "share of exposed users who create a recurring task in days 0-6 after exposure", 0.22),
    ("repeat_28d", "share of users who tried it (days 0-27) who use it on 2 or more different days in days 0-27",
     0.60),
    ("retained_28d", "share of exposed users who use it on 2 or more days in days 0-27, one of them in days 21-27",
     0.25),
)


def build_feature_targets(rng: np.random.Generator) -> pd.DataFrame:
    """The targets the team wrote down before switching recurring tasks on (`rng` unused)."""
    return pd.DataFrame(FEATURE_TARGETS, columns=["metric", "definition", "target"])


VERSION = Column("app_version", "str", allowed=company.APP_VERSIONS)
TABLES = (
    Table("launch/rollout_stages", build_rollout_stages, description="Android 5.4.0's staged rollout plan",
          columns=(Column("stage", "int", unique=True, min=1), Column("share_pct", "int", min=1, max=100),
                   Column("started_on", "date"))),
    Table("launch/android_release_health", build_release_health,
          description="Android release dashboard: one row per day and app version", unique_key=("date", "app_version"),
          columns=(Column("date", "date", min=HEALTH_FROM.isoformat(), max=HEALTH_TO.isoformat()), VERSION,
                   Column("active_users", "int", min=1), Column("sessions", "int", min=1),
                   Column("crash_free_sessions", "int", min=0), Column("sync_error_sessions", "int", min=0),
                   Column("store_ratings", "int", min=0), Column("store_rating_mean", "float", nullable=True, min=1,
                                                                 max=5))),
    Table("launch/support_tickets", build_support_tickets, description="support tickets: one row per ticket",
          columns=(Column("ticket_id", "str", unique=True), Column("created_at", "datetime"),
                   Column("user_id", "int", min=1), Column("platform", "str", allowed=company.PLATFORMS),
                   Column("app_version", "str", nullable=True, allowed=company.APP_VERSIONS),
                   Column("topic", "str", allowed=tuple(BASE_TOPICS)))),
    Table("launch/incident_timeline", build_incident_timeline, description="the 5.4.0 incident channel's log",
          columns=(Column("at", "datetime"), Column("kind", "str"), Column("event", "str"))),
    Table("launch/release_checklist", build_launch_checklist, description="Android 5.4.0's release checklist",
          columns=(Column("item", "str", unique=True), Column("owner", "str"),
                   Column("status", "str", allowed=("done", "not done")),
                   Column("signed_off_on", "date", nullable=True))),
    Table("launch/recurring_tasks_exposure", build_feature_exposure,
          description="recurring tasks launch cohort: one row per exposed user",
          columns=(Column("user_id", "int", unique=True, min=1), Column("exposed_on", "date"),
                   Column("platform", "str", allowed=company.PLATFORMS), Column("plan", "str", allowed=company.PLANS))),
    Table("launch/recurring_tasks_usage", build_feature_usage,
          description="recurring tasks use: one row per exposed user and day of use", unique_key=("user_id", "date"),
          columns=(Column("user_id", "int", min=1), Column("date", "date"),
                   Column("platform", "str", allowed=company.PLATFORMS),
                   Column("recurring_tasks_created", "int", min=1))),
    Table("launch/recurring_tasks_targets", build_feature_targets,
          description="the recurring-tasks launch targets set before launch",
          columns=(Column("metric", "str", unique=True), Column("definition", "str"),
                   Column("target", "float", min=0, max=1))),
)
