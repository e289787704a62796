"""Kanbo's product data: the `users` who signed up in the first year and their daily `activity`.

Kanbo launched publicly on 1 March 2025, so the export holds every sign-up of its first year and every
day each of them was active. One joint simulation (stream "product") makes both tables, because who
stays active depends on who signed up and how. Planted, for instructors (docs/world-ground-truth.md):

- sign-ups grow through the year with a launch spike, a weekday rhythm, a summer lull and a
  holiday dip; activity has the same weekday rhythm (web most of all) and the same holiday dip;
- the aha action, sharing a board with a teammate in the first 7 days, predicts retention:
  activated users draw much longer lifetimes (ACTIVATED_* vs NOT_ACTIVATED_* below);
- lifetimes have a decreasing hazard (Weibull shape < 1) after an early bounce, so cohort retention
  curves fall fast and then flatten;
- Android 5.4.0 (company.INCIDENT_DATE) breaks sync: once a user's phone updates, their chance of
  being active falls (INCIDENT_ACTIVITY), some quit (INCIDENT_QUIT_SHARE) and some move to the web.

Dirt a real export has: Kanbo staff and QA accounts, re-sent duplicate activity rows, and mobile rows
with zero sessions (background sync after a push notification, not a visit).
"""

from __future__ import annotations

from datetime import date
from functools import cache

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import choice, table_rng

DAYS = (company.WORLD_END - company.WORLD_START).days + 1
DAY0 = np.datetime64(company.WORLD_START.isoformat(), "D")

# Sign-ups: expected per day before the weekday and seasonal factors, growing linearly through the year.
SIGNUPS_AT_LAUNCH, SIGNUPS_GROWTH = 58.0, 1.0  # +100% by the end of the year
LAUNCH_SPIKE, LAUNCH_DECAY_DAYS = 3.0, 6.0  # Product Hunt week: x(1 + 3 e^(-t/6))
SIGNUP_WEEKDAY = (1.0, 1.06, 1.04, 1.0, 0.88, 0.48, 0.42)  # Monday first
HOLIDAYS = (date(2025, 12, 22), date(2026, 1, 1))  # inclusive: sign-ups and activity dip
HOLIDAY_FACTOR, AUGUST_FACTOR, NEW_YEAR_FACTOR = 0.55, 0.85, 1.15  # New year: 2-31 January

PLATFORM_SHARE = {"web": 0.52, "ios": 0.21, "android": 0.27}
SIZE_SHARE = {"1-10": 0.38, "11-50": 0.30, "51-200": 0.18, "201-1000": 0.09, "1000+": 0.05}
CHANNEL_SHARE = {"organic": 0.30, "paid_search": 0.18, "paid_social": 0.17, "content": 0.12, "referral": 0.15,
                 "partners": 0.08}
COUNTRY_SHARE = {"US": 0.34, "CA": 0.05, "GB": 0.10, "DE": 0.09, "FR": 0.06, "NL": 0.03, "ES": 0.04, "BR": 0.08,
                 "MX": 0.04, "IN": 0.09, "AU": 0.05, "JP": 0.03}
TIMEZONES = {
    "US": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "CA": ("America/Toronto", "America/Vancouver"), "GB": ("Europe/London",), "DE": ("Europe/Berlin",),
    "FR": ("Europe/Paris",), "NL": ("Europe/Amsterdam",), "ES": ("Europe/Madrid",), "BR": ("America/Sao_Paulo",),
    "MX": ("America/Mexico_City",), "IN": ("Asia/Kolkata",), "AU": ("Australia/Sydney", "Australia/Perth"),
    "JP": ("Asia/Tokyo",),
}
WEBMAIL = {"gmail.com": 0.46, "outlook.com": 0.17, "yahoo.com": 0.09, "icloud.com": 0.12, "hotmail.com": 0.11,
           "proton.me": 0.05}
WORD_A = ("bright", "north", "blue", "river", "stone", "green", "silver", "oak", "lumen", "harbor", "pixel", "maple")
WORD_B = ("lane", "works", "labs", "studio", "group", "point", "field", "forge", "bay", "wave", "craft", "path")

# Activation: the aha action is sharing a board in the first 7 days.
AHA_BASE_LOGIT = -1.05
AHA_SIZE_LOGIT = {"1-10": -0.45, "11-50": 0.15, "51-200": 0.35, "201-1000": 0.35, "1000+": 0.2}
AHA_CHANNEL_LOGIT = {"organic": 0.1, "paid_search": 0.0, "paid_social": -0.8, "content": -0.1, "referral": 0.9,
                     "partners": 0.6}
# Lifetimes: an early bounce, then a Weibull with shape < 1 (hazard falls with age).
ACTIVATED_BOUNCE, ACTIVATED_SCALE = 0.10, 420.0
NOT_ACTIVATED_BOUNCE, NOT_ACTIVATED_SCALE = 0.58, 30.0
WEIBULL_SHAPE = 0.6
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
STAFF_ACCOUNTS, STAFF_DOMAINS = 36, ("kanbo.io", "qa.kanbo.io")
DUPLICATE_ROW_SHARE = 0.006
PUSH_ONLY_ROWS_PER_MOBILE_USER_DAY = 0.035


def _day_factors() -> pd.DataFrame:
    """Per calendar day of the window: weekday (0 = Monday) and the seasonal factor shared by sign-ups and use."""
    days = pd.date_range(company.WORLD_START, company.WORLD_END, freq="D")
    season = np.ones(len(days))
    season[days.month == 8] = AUGUST_FACTOR
    season[(days.month == 1) & (days.day >= 2)] = NEW_YEAR_FACTOR
    season[(days >= pd.Timestamp(HOLIDAYS[0])) & (days <= pd.Timestamp(HOLIDAYS[1]))] = HOLIDAY_FACTOR
    return pd.DataFrame({"weekday": days.day_of_week, "season": season}, index=days)


def _signup_days(rng: np.random.Generator) -> np.ndarray:
    """Day index (0 = launch) of every sign-up, in order."""
    factors = _day_factors()
    t = np.arange(DAYS)
    expected = SIGNUPS_AT_LAUNCH * (1 + SIGNUPS_GROWTH * t / DAYS) * (1 + LAUNCH_SPIKE * np.exp(-t / LAUNCH_DECAY_DAYS))
    expected *= np.array(SIGNUP_WEEKDAY)[factors["weekday"].to_numpy()] * factors["season"].to_numpy()
    return np.repeat(t, rng.poisson(expected))


def _signup_timestamps(rng: np.random.Generator, days: np.ndarray, timezones: np.ndarray) -> pd.Series:
    """UTC sign-up times: office hours in the user's own time zone, so some fall on another UTC date."""
    local_minutes = np.clip(rng.normal(13.5 * 60, 3.2 * 60, len(days)), 0, 24 * 60 - 1)
    seconds = (local_minutes * 60).astype(np.int64) + rng.integers(0, 60, len(days))
    local = pd.Series(DAY0 + days.astype("timedelta64[D]")) + pd.to_timedelta(seconds, unit="s")
    utc = pd.Series(pd.NaT, index=local.index, dtype="datetime64[s, UTC]")
    for zone in sorted(set(timezones)):
        mask = timezones == zone
        utc[mask] = local[mask].dt.tz_localize(zone, nonexistent="shift_forward", ambiguous=False).dt.tz_convert("UTC")
    return utc


def _accounts(rng: np.random.Generator, channel: np.ndarray, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Workspace of each user: referral sign-ups join a recent workspace, the rest create one (ids in order)."""
    account = np.zeros(len(channel), dtype=np.int64)
    joined = np.zeros(len(channel), dtype=bool)
    creators: list[int] = []
    next_id = 1001
    for i in range(len(channel)):
        if channel[i] == "referral" and creators:
            # Invitations come mostly from workspaces created in the last few weeks.
            recent = [c for c in creators[-400:] if days[i] - days[c] <= 45] or creators[-50:]
            account[i] = account[recent[int(rng.integers(len(recent)))]]
            joined[i] = True
        else:
            account[i] = next_id
            next_id += 1
            creators.append(i)
    return account, joined


def _lifetimes(rng: np.random.Generator, activated: np.ndarray, channel: np.ndarray) -> np.ndarray:
    """Days each user stays a user after sign-up (an early bounce, else a Weibull with falling hazard)."""
    n = len(activated)
    bounce = np.where(activated, ACTIVATED_BOUNCE, NOT_ACTIVATED_BOUNCE)
    scale = np.where(activated, ACTIVATED_SCALE, NOT_ACTIVATED_SCALE)
    scale = scale * np.select([channel == "paid_social", channel == "partners"], [0.6, 1.4], 1.0)
    long_run = np.ceil(scale * rng.weibull(WEIBULL_SHAPE, n)).astype(np.int64)
    short = rng.geometric(0.45, n)  # bounced users stay a couple of days at most
    return np.where(rng.random(n) < bounce, short, 7 + long_run)


@cache
def simulate() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Run the product simulation once: (users, activity, workspaces).

    users and activity are the tables as written to datasets/; workspaces is hidden state (one row per
    account: creation day, size, creator's channel, whether anyone activated, last day anyone was a
    user) that the billing simulation builds on.
    """
    rng = table_rng("product")
    local_days = _signup_days(rng)
    country = choice(rng, COUNTRY_SHARE, len(local_days))
    zone = np.array([TIMEZONES[c][int(rng.integers(len(TIMEZONES[c])))] for c in country])
    signup_at = _signup_timestamps(rng, local_days, zone)
    # Launch was 1 March local time; sign-ups outside the window in UTC are not in the export.
    days = (signup_at.dt.tz_localize(None).dt.floor("D") - pd.Timestamp(company.WORLD_START)).dt.days.to_numpy()
    order = np.argsort(signup_at.to_numpy(), kind="stable")
    order = order[(days[order] >= 0) & (days[order] < DAYS)]
    days, country, zone, signup_at = days[order], country[order], zone[order], signup_at.iloc[order]
    n = len(days)
    platform = choice(rng, PLATFORM_SHARE, n)
    channel = choice(rng, CHANNEL_SHARE, n)
    size = choice(rng, SIZE_SHARE, n)
    account, joined = _accounts(rng, channel, days)
    creator_size = pd.Series(size).groupby(account).transform("first").to_numpy()
    size = np.where(joined, creator_size, size)
    staff = np.zeros(n, dtype=bool)
    staff[rng.choice(np.flatnonzero(~joined), STAFF_ACCOUNTS, replace=False)] = True

    logit = AHA_BASE_LOGIT + np.vectorize(AHA_SIZE_LOGIT.get)(size) + np.vectorize(AHA_CHANNEL_LOGIT.get)(channel)
    activated = rng.random(n) < 1 / (1 + np.exp(-logit))
    aha_day = np.where(activated, np.minimum(rng.geometric(0.55, n) - 1, 6), -1)
    lifetime = np.where(staff, DAYS, _lifetimes(rng, activated, channel))
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
        "signup_at": signup_at.dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "platform": platform,
        "country": country,
        "timezone": zone,
        "channel": channel,
        "company_size": size,
        "account_id": account,
        "joined_via": np.where(joined, "invite", "new_workspace"),
        "email_domain": email,
    })
    state = pd.DataFrame({"day0": days, "platform": platform, "lifetime": lifetime, "p_active": p_active,
                          "aha_day": aha_day, "session_mean": session_mean, "task_rate": task_rate,
                          "update_lag": update_lag, "staff": staff})
    activity = _activity(rng, state, users["user_id"].to_numpy())
    workspaces = pd.DataFrame({
        "account_id": account, "day0": days, "company_size": size, "channel": channel, "activated": activated,
        "last_day": np.minimum(days + lifetime - 1, DAYS - 1), "staff": staff,
    }).groupby("account_id").agg(day0=("day0", "min"), company_size=("company_size", "first"),
                                 channel=("channel", "first"), activated=("activated", "any"),
                                 last_day=("last_day", "max"), members=("day0", "size"), staff=("staff", "any"))
    return users, activity, workspaces.reset_index()


def _app_versions(platform: np.ndarray, day: np.ndarray, day0: np.ndarray, lag: np.ndarray) -> np.ndarray:
    """The app version on each user-day: a new install gets the newest release, updates arrive after a lag."""
    version = np.full(len(day), "", dtype=object)
    for name in ("ios", "android"):
        mask = platform == name
        for label, released in company.APP_RELEASES[name]:
            r = (released - company.WORLD_START).days
            effective = np.where(r <= day0, day0, r + lag)
            version[mask & (effective <= day)] = label
    return version


def _activity(rng: np.random.Generator, state: pd.DataFrame, user_ids: np.ndarray) -> pd.DataFrame:
    """One row per user per active day (plus the export's dirt), sorted by date and user."""
    factors = _day_factors()
    incident = (company.INCIDENT_DATE - company.WORLD_START).days
    # Android users who install 5.4.0 may quit some days later.
    installs = incident + state["update_lag"].to_numpy()
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
    version = _app_versions(platform, day, s["day0"].to_numpy(), s["update_lag"].to_numpy())
    broken = (platform == "android") & (version == company.INCIDENT_VERSION) & ~s["staff"].to_numpy()

    weekend = np.where(weekday >= 5, np.vectorize(WEEKEND_FACTOR.get)(platform), 1.0)
    p = s["p_active"].to_numpy() * weekend * season * np.where(broken, INCIDENT_ACTIVITY, 1.0)
    p = np.where(s["staff"].to_numpy(), 0.97, p)
    p[age == 0] = 1.0  # the sign-up day is always active
    active = rng.random(len(p)) < np.clip(p, 0, 1)

    sessions = 1 + rng.poisson(s["session_mean"].to_numpy() * np.where(broken, 0.8, 1.0))
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
    return frame


def build_users(rng: np.random.Generator) -> pd.DataFrame:
    """The `users` table (joint product simulation; `rng` is unused) with each workspace's plan at sign-up."""
    from pmcourse.world.billing import simulate_billing  # billing builds on this module's workspaces

    users = simulate()[0]
    month = pd.to_datetime(users["signup_at"]).dt.tz_localize(None).dt.to_period("M").dt.start_time.dt.date
    plans = simulate_billing().set_index(["account_id", "month"])["plan"]
    keys = pd.MultiIndex.from_arrays([users["account_id"], month.astype(str)])
    first_plan = plans.reindex(keys).fillna("Free").to_numpy()
    # Month grain: an invited user starts on the plan their workspace had in the sign-up month.
    return users.assign(first_plan=np.where(users["joined_via"] == "invite", first_plan, "Free"))


def build_activity(rng: np.random.Generator) -> pd.DataFrame:
    """The `activity` table (from the joint product simulation)."""
    return simulate()[1]


TABLES = (
    Table(
        name="users",
        build=build_users,
        compress=True,
        description="every sign-up of Kanbo's first year",
        unique_key=("user_id",),
        columns=(
            Column("user_id", "int", unique=True, min=1),
            Column("signup_at", "datetime", min="2025-03-01", max="2026-03-01"),
            Column("platform", "str", allowed=company.PLATFORMS),
            Column("country", "str", allowed=tuple(company.COUNTRIES)),
            Column("timezone", "str", allowed=tuple(z for zones in TIMEZONES.values() for z in zones)),
            Column("channel", "str", allowed=company.ACQUISITION_CHANNELS),
            Column("company_size", "str", allowed=company.COMPANY_SIZES),
            Column("account_id", "int", min=1001),
            Column("joined_via", "str", allowed=("new_workspace", "invite")),
            Column("email_domain", "str"),
            Column("first_plan", "str", allowed=company.PLANS),
        ),
    ),
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
