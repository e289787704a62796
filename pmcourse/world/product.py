"""Kanbo's product data: what each person in the workspaces' roster does, as `users` and daily `activity`.

The roster (workspaces.py: who signed up, when, into which workspace) comes first; this joint
simulation (stream "product") gives each person a platform, the aha action, a lifetime and their
active days. Planted, for instructors (docs/world-ground-truth.md):

- activity has the sign-ups' weekday rhythm (web most of all) and the same holiday dip;
- the aha action, sharing a board with a teammate in the first 7 days, predicts retention:
  activated users draw much longer lifetimes (ACTIVATED_* vs NOT_ACTIVATED_* below), and people whose
  workspace is a team activate more and stay longer;
- lifetimes have a decreasing hazard (Weibull shape < 1) after an early bounce, so cohort retention
  curves fall fast and then flatten;
- Android 5.4.0 (company.INCIDENT_DATE) breaks sync: it is offered in stages (rollout.STAGES, a user's
  rollout bucket from its own stream) and once a user's phone updates, their chance of being active falls
  (INCIDENT_ACTIVITY), some quit (INCIDENT_QUIT_SHARE) and some move to the web.

Dirt a real export has: Kanbo staff and QA accounts, re-sent duplicate activity rows, and mobile rows
with zero sessions (background sync after a push notification, not a visit).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from pmcourse.world import company, rollout, workspaces
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import choice, table_rng

DAYS, DAY0 = workspaces.DAYS, workspaces.DAY0

PLATFORM_SHARE = {"web": 0.52, "ios": 0.21, "android": 0.27}
WEBMAIL = {"gmail.com": 0.46, "outlook.com": 0.17, "yahoo.com": 0.09, "icloud.com": 0.12, "hotmail.com": 0.11,
           "proton.me": 0.05}
WORD_A = ("bright", "north", "blue", "river", "stone", "green", "silver", "oak", "lumen", "harbor", "pixel", "maple")
WORD_B = ("lane", "works", "labs", "studio", "group", "point", "field", "forge", "bay", "wave", "craft", "path")

# Activation: the aha action is sharing a board in the first 7 days.
AHA_BASE_LOGIT = -1.05
AHA_SIZE_LOGIT = {"1-10": -0.45, "11-50": 0.15, "51-200": 0.35, "201-1000": 0.35, "1000+": 0.2}
AHA_CHANNEL_LOGIT = {"organic": 0.1, "paid_search": 0.0, "paid_social": -0.8, "content": -0.1, "referral": 0.9,
                     "partners": 0.6}
AHA_TEAM_LOGIT = {False: -0.7, True: 0.5}  # in a workspace that grows to a team, sharing a board is natural
# Lifetimes: an early bounce, then a Weibull with shape < 1 (hazard falls with age).
ACTIVATED_BOUNCE, ACTIVATED_SCALE = 0.10, 420.0
NOT_ACTIVATED_BOUNCE, NOT_ACTIVATED_SCALE = 0.58, 30.0
WEIBULL_SHAPE = 0.6
TEAM_LIFETIME_FACTOR = 2.0  # people whose team works in Kanbo stay about twice as long
# Chance of being active on a day while still a user, before weekday, season and incident factors.
ACTIVE_BETA = (2.2, 2.6)
WEEKEND_FACTOR = {"web": 0.22, "ios": 0.55, "android": 0.55}
WEB_DAY_SHARE_OF_MOBILE_USERS = 0.10
# The Android 5.4.0 incident, applied from the day each user's phone installs 5.4.0.
INCIDENT_ACTIVITY = 0.62
INCIDENT_WEB_SHARE = 0.30
INCIDENT_QUIT_SHARE, INCIDENT_QUIT_MEAN_DAYS = 0.14, 12.0
UPDATE_LAG_MEAN_DAYS, SLOW_UPDATER_SHARE, SLOW_UPDATER_LAG = 4.0, 0.08, 75
# Dirt.
STAFF_DOMAINS = ("kanbo.io", "qa.kanbo.io")
DUPLICATE_ROW_SHARE = 0.006
PUSH_ONLY_ROWS_PER_MOBILE_USER_DAY = 0.035


def _lifetimes(rng: np.random.Generator, activated: np.ndarray, channel: np.ndarray,
               in_team: np.ndarray) -> np.ndarray:
    """Days each user stays a user after sign-up (an early bounce, else a Weibull with falling hazard)."""
    n = len(activated)
    bounce = np.where(activated, ACTIVATED_BOUNCE, NOT_ACTIVATED_BOUNCE)
    scale = np.where(activated, ACTIVATED_SCALE, NOT_ACTIVATED_SCALE) * np.where(in_team, TEAM_LIFETIME_FACTOR, 1.0)
    scale = scale * np.select([channel == "paid_social", channel == "partners"], [0.6, 1.4], 1.0)
    long_run = np.ceil(scale * rng.weibull(WEIBULL_SHAPE, n)).astype(np.int64)
    short = rng.geometric(0.45, n)  # bounced users stay a couple of days at most
    return np.where(rng.random(n) < bounce, short, 7 + long_run)


@cache
def simulate() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Run the product simulation once on the workspaces' roster: (users, activity, members).

    users (before its plan column, see people.py) and activity are the tables as written to datasets/;
    members is hidden state, one row per user in user order (workspace, first and last day as a user,
    activated, country, staff), that the billing simulation builds its seats on.
    """
    rng = table_rng("product")
    people = workspaces.roster()
    n = len(people)
    days, size, channel = people["day0"].to_numpy(), people["company_size"].to_numpy(), people["channel"].to_numpy()
    account, joined, staff = people["account_id"].to_numpy(), people["joined"].to_numpy(), people["staff"].to_numpy()
    platform = choice(rng, PLATFORM_SHARE, n)
    in_team = people["team"].to_numpy() >= 2

    logit = (AHA_BASE_LOGIT + np.vectorize(AHA_SIZE_LOGIT.get)(size) + np.vectorize(AHA_CHANNEL_LOGIT.get)(channel)
             + np.where(in_team, AHA_TEAM_LOGIT[True], AHA_TEAM_LOGIT[False]))
    activated = rng.random(n) < 1 / (1 + np.exp(-logit))
    aha_day = np.where(activated, np.minimum(rng.geometric(0.55, n) - 1, 6), -1)
    lifetime = np.where(staff, DAYS, _lifetimes(rng, activated, channel, in_team))
    p_active = rng.beta(*ACTIVE_BETA, n) * np.where(activated, 1.0, 0.75)
    p_active[staff] = 0.97
    session_mean = rng.lognormal(0.2, 0.55, n) * np.where(platform == "web", 1.0, 1.5)
    task_rate = rng.lognormal(0.4, 0.7, n)
    update_lag = np.where(rng.random(n) < SLOW_UPDATER_SHARE, SLOW_UPDATER_LAG,
                          np.floor(rng.exponential(UPDATE_LAG_MEAN_DAYS, n))).astype(np.int64)

    email = np.where(
        rng.random(n) < 0.45,
        choice(rng, WEBMAIL, n),
        [f"{WORD_A[a % 12]}{WORD_B[(a // 12) % 12]}{'' if a < 144 else a // 144}.com" for a in account],
    )
    email[staff] = np.array(STAFF_DOMAINS)[rng.integers(2, size=int(staff.sum()))]

    users = pd.DataFrame({
        "user_id": np.arange(1, n + 1),
        "signup_at": people["signup_at"].dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "platform": platform,
        "country": people["country"].to_numpy(),
        "timezone": people["timezone"].to_numpy(),
        "channel": channel,
        "company_size": size,
        "account_id": account,
        "joined_via": np.where(joined, "invite", "new_workspace"),
        "email_domain": email,
    })
    offered = rollout.offered_day(table_rng("rollout").random(n))  # its own stream: the product draws stay put
    state = pd.DataFrame({"day0": days, "platform": platform, "lifetime": lifetime, "p_active": p_active,
                          "aha_day": aha_day, "session_mean": session_mean, "task_rate": task_rate,
                          "update_lag": update_lag, "offered": offered, "staff": staff})
    activity, last_day = _activity(rng, state, users["user_id"].to_numpy())
    members = pd.DataFrame({
        "account_id": account, "day0": days, "last_day": last_day, "activated": activated,
        "company_size": size, "channel": channel, "country": people["country"].to_numpy(), "joined": joined,
        "staff": staff,
    })
    return users, activity, members


def _app_versions(platform: np.ndarray, day: np.ndarray, day0: np.ndarray, lag: np.ndarray,
                  offered: np.ndarray) -> np.ndarray:
    """The app version on each user-day: a new install gets the newest release offered to the user, updates
    arrive after a lag (Android 5.4.0 is offered on the user's rollout day, every other release to all)."""
    version = np.full(len(day), "", dtype=object)
    for name in ("ios", "android"):
        mask = platform == name
        for label, released in company.APP_RELEASES[name]:
            r = (released - company.WORLD_START).days
            if name == company.INCIDENT_PLATFORM and label == company.INCIDENT_VERSION:
                r = offered
            effective = np.where(r <= day0, day0, r + lag)
            version[mask & (effective <= day)] = label
    return version


def _activity(rng: np.random.Generator, state: pd.DataFrame, user_ids: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per user per active day (plus the export's dirt), sorted by date and user; each user's last day."""
    factors = workspaces.day_factors()
    # Android users who install 5.4.0 may quit some days later.
    installs = state["offered"].to_numpy() + state["update_lag"].to_numpy()
    on_android = (state["platform"].to_numpy() == "android") & ~state["staff"].to_numpy()
    hit = on_android & (state["day0"].to_numpy() + state["lifetime"].to_numpy() > installs) & (installs < DAYS)
    quits = hit & (rng.random(len(state)) < INCIDENT_QUIT_SHARE)
    quit_day = np.maximum(installs, state["day0"].to_numpy()) + rng.geometric(1 / INCIDENT_QUIT_MEAN_DAYS, len(state))
    last = np.minimum(state["day0"].to_numpy() + state["lifetime"].to_numpy() - 1, DAYS - 1)
    last = np.where(quits, np.minimum(last, quit_day), last)

    span = last - state["day0"].to_numpy() + 1
    row_user = np.repeat(np.arange(len(state)), span)
    age = np.arange(len(row_user)) - np.repeat(np.cumsum(span) - span, span)
    s = state.iloc[row_user].reset_index(drop=True)
    day = s["day0"].to_numpy() + age
    weekday = factors["weekday"].to_numpy()[day]
    season = factors["season"].to_numpy()[day]
    platform = s["platform"].to_numpy()
    version = _app_versions(platform, day, s["day0"].to_numpy(), s["update_lag"].to_numpy(), s["offered"].to_numpy())
    broken = (platform == "android") & (version == company.INCIDENT_VERSION) & ~s["staff"].to_numpy()

    weekend = np.where(weekday >= 5, np.vectorize(WEEKEND_FACTOR.get)(platform), 1.0)
    p = s["p_active"].to_numpy() * weekend * season * np.where(broken, INCIDENT_ACTIVITY, 1.0)
    p = np.where(s["staff"].to_numpy(), 0.97, p)
    p[age == 0] = 1.0  # the sign-up day is always active
    active = rng.random(len(p)) < np.clip(p, 0, 1)

    sessions = 1 + rng.poisson(s["session_mean"].to_numpy() * np.where(broken, 0.75, 1.0))
    tasks = rng.poisson(sessions * s["task_rate"].to_numpy() * np.where(age == 0, 1.6, 1.0))
    aha_today = age == s["aha_day"].to_numpy()
    shared = np.where(aha_today, 1 + rng.poisson(0.4, len(p)), (rng.random(len(p)) < 0.025).astype(int))
    active |= aha_today  # sharing a board needs a visit
    shared = np.where(aha_today | (age >= 7), shared, 0)  # no shares in week one except on the aha day
    web_share = np.where(broken, INCIDENT_WEB_SHARE, WEB_DAY_SHARE_OF_MOBILE_USERS)
    on_web = (platform != "web") & (rng.random(len(p)) < web_share) & (age > 0) & active
    row_platform = np.where(on_web, "web", platform)
    row_version = np.where(on_web, "", version)

    # Dirt 1: push-notification days on mobile without a visit (sessions = 0).
    push = ~active & (platform != "web") & (rng.random(len(p)) < PUSH_ONLY_ROWS_PER_MOBILE_USER_DAY)
    keep = active | push
    frame = pd.DataFrame({
        "user_id": user_ids[row_user[keep]],
        "date": (DAY0 + day[keep].astype("timedelta64[D]")).astype(str),
        "platform": row_platform[keep],
        "app_version": row_version[keep],
        "sessions": np.where(push[keep], 0, sessions[keep]),
        "tasks_created": np.where(push[keep], 0, tasks[keep]),
        "boards_shared": np.where(push[keep], 0, shared[keep]),
    })
    # Dirt 2: a share of rows re-sent by the export job (exact duplicates).
    again = frame[rng.random(len(frame)) < DUPLICATE_ROW_SHARE]
    frame = pd.concat([frame, again]).sort_values(["date", "user_id"], kind="stable").reset_index(drop=True)
    return frame, last


def build_activity(rng: np.random.Generator) -> pd.DataFrame:
    """The `activity` table (from the joint product simulation)."""
    return simulate()[1]


TABLES = (
    Table(
        name="activity",
        build=build_activity,
        compress=True,
        description="one row per user per day with Kanbo activity",
        columns=(
            Column("user_id", "int", min=1),
            Column("date", "date", min=company.WORLD_START.isoformat(), max=company.WORLD_END.isoformat()),
            Column("platform", "str", allowed=company.PLATFORMS),
            Column("app_version", "str", nullable=True,
                   allowed=company.APP_VERSIONS),
            Column("sessions", "int", min=0),
            Column("tasks_created", "int", min=0),
            Column("boards_shared", "int", min=0),
        ),
    ),
)
