"""`experiments/quick_add_users`: the quick-add test that ran through the Android sync incident.

From 19 January to 15 February 2026 users were assigned 50/50, on their first active day in the
test, to the usual "new task" dialog (control) or a one-line quick add (treatment). The first week was
a safety ramp that reached RAMP_EXPOSURE of active users; from Monday 26 January it reached everyone,
so most users were enrolled on 26-28 January, as Android 5.4.0's rollout reached 100%. Quick add saves
the task on the device and relies on sync to upload it, so when Android 5.4.0 (company.INCIDENT_DATE)
broke sync, it broke quick add with it. Planted, for instructors:

- on web, iOS and unbroken Android, quick add raises the chance of being active on a day
  (ACTIVE_LIFT) and the tasks created on an active day (TASKS_LIFT);
- on each Android user's days with 5.4.0 installed (from the day the staged rollout offered it plus
  their update lag, as in the product simulation), both arms are active less (BROKEN_ACTIVE) and create fewer tasks
  (BROKEN_TASKS), sync errors appear, and the treatment's effect turns negative
  (BROKEN_ACTIVE_EFFECT, BROKEN_TASKS_EFFECT): about half the quick-added tasks never reach the
  server (tasks_created_7d counts tasks the server received), and users who lose tasks come back less;
- randomisation is clean on every platform, so the SRM check passes and cannot explain the gap;
- the pooled readout therefore understates the effect that web, iOS and pre-incident Android show.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from pmcourse.world import company, rollout
from pmcourse.world.experiments._common import VARIANTS, days_between, iso, pseudonyms, user_columns, weekday_of
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import choice, table_rng

START, END = date(2026, 1, 19), date(2026, 2, 15)
WINDOW = 14  # days observed after assignment: 0-6 for the 7-day metrics, 7-13 for retention
RAMP_END, RAMP_EXPOSURE = date(2026, 1, 25), 0.10  # a one-week safety ramp, then everyone from 26 January
RETURNING_USERS, NEW_USERS_PER_DAY = 5_300, 105  # returning candidates (some never show up); sign-ups
PLATFORM_SHARE = {"web": 0.56, "ios": 0.17, "android": 0.27}  # of actives, as in the product data
WEEKEND_FACTOR = {"web": 0.22, "ios": 0.55, "android": 0.55}  # as in the product simulation
SIGNUP_WEEKDAY = (1.0, 1.06, 1.04, 1.0, 0.88, 0.48, 0.42)
VISIT_BETA = (1.3, 2.0)  # returning users' daily chance of being active on a weekday
NEW_VISIT_BETA = (1.0, 1.6)
NEW_USER_DECAY_DAYS = 5.0  # new users' chance of coming back fades over their first days
TASKS_PER_ACTIVE_DAY, TASKS_SIGMA, TASKS_SHAPE = 3.6, 0.6, 2.0
ACTIVE_LIFT, TASKS_LIFT = 0.05, 0.15
BROKEN_ACTIVE, BROKEN_TASKS = 0.62, 0.8  # both arms, on days with Android 5.4.0
BROKEN_ACTIVE_EFFECT, BROKEN_TASKS_EFFECT = -0.15, -0.50  # treatment vs control on those days
SYNC_ERRORS_PER_ACTIVE_DAY = {"ok": 0.02, "broken_control": 1.3, "broken_treatment": 3.1}
UPDATE_LAG_MEAN_DAYS, SLOW_UPDATER_SHARE, SLOW_UPDATER_LAG = 4.0, 0.08, 75  # as in the product simulation


def _exposure(days: np.ndarray) -> np.ndarray:
    """Share of users the test reached each day: the safety ramp, then everyone."""
    return np.where(days <= np.datetime64(RAMP_END.isoformat()), RAMP_EXPOSURE, 1.0)


def _users(rng: np.random.Generator) -> pd.DataFrame:
    """Every enrolled user: platform, enrolment day, daily activity chance, sign-up offset and whether new.

    Returning users are around from the first day; new users from their sign-up day. A user is
    enrolled on the first day they are active while the ramp reaches them.
    """
    days = days_between(START, END)
    signups = rng.poisson(NEW_USERS_PER_DAY * np.asarray(SIGNUP_WEEKDAY)[weekday_of(days)])
    n_new = int(signups.sum())
    n = RETURNING_USERS + n_new
    new = np.arange(n) >= RETURNING_USERS
    first = np.concatenate([np.zeros(RETURNING_USERS, dtype=np.int64), np.repeat(np.arange(len(days)), signups)])
    platform = choice(rng, PLATFORM_SHARE, n)
    visit = np.where(new, rng.beta(*NEW_VISIT_BETA, n), rng.beta(*VISIT_BETA, n))
    offset = np.arange(len(days))[None, :] - first[:, None]  # days since the user became available
    chance = visit[:, None] * _weekday_factor(platform, np.broadcast_to(days, offset.shape))
    chance = np.where(new[:, None], np.exp(-np.maximum(offset, 0) / NEW_USER_DECAY_DAYS) * chance, chance)
    chance = np.where(new[:, None] & (offset == 0), 1.0, chance)  # new users are active on sign-up day
    active = (offset >= 0) & (rng.random(offset.shape) < chance)
    enrolled = active & (rng.random(offset.shape) < _exposure(days)[None, :])
    seen = enrolled.any(axis=1)
    day_index = enrolled.argmax(axis=1)
    frame = pd.DataFrame({"platform": platform, "visit": visit, "day": days[day_index],
                          "since_signup": day_index - first, "new": new})
    return frame[seen].reset_index(drop=True)


def _weekday_factor(platform: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """Weekend dip by platform (web users are office users) for an array of days, one row per user."""
    weekend = weekday_of(dates.ravel()).reshape(dates.shape) >= 5
    return np.where(weekend, np.vectorize(WEEKEND_FACTOR.get)(platform)[:, None], 1.0)


def _update_lag(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days each phone waits before installing a new release (a few slow updaters wait months)."""
    return np.where(rng.random(n) < SLOW_UPDATER_SHARE, SLOW_UPDATER_LAG,
                    np.floor(rng.exponential(UPDATE_LAG_MEAN_DAYS, n))).astype(np.int64)


def _versions(platform: np.ndarray, assigned: np.ndarray, lag: np.ndarray, broken_from: np.ndarray) -> np.ndarray:
    """App version at assignment: the release that was `lag` days old by then (empty for web); Android 5.4.0
    only from the day it reached the user's phone (`broken_from`, after the staged rollout offered it)."""
    before = company.app_version_on(company.INCIDENT_PLATFORM, company.INCIDENT_DATE - timedelta(days=1))
    versions = []
    for p, day, late, installed in zip(platform, assigned.astype("datetime64[D]").astype(object), lag,
                                       broken_from.astype("datetime64[D]").astype(object), strict=True):
        version = company.app_version_on(p, day - timedelta(days=int(late))) if p != "web" else None
        if p == company.INCIDENT_PLATFORM and version == company.INCIDENT_VERSION and day < installed:
            version = before
        versions.append(version)
    return np.array(versions, dtype=object)


def build_quick_add_users(rng: np.random.Generator) -> pd.DataFrame:
    """One row per user of the quick-add test, with 7-day outcomes and week-2 retention."""
    users = _users(rng)
    n = len(users)
    platform = users["platform"].to_numpy()
    assigned = users["day"].to_numpy().astype("datetime64[D]")
    treated = rng.random(n) < 0.5
    lag = _update_lag(rng, n)
    offered = rollout.offered_day(table_rng("rollout:quick_add").random(n))  # its own stream: other draws stay put
    broken_from = np.datetime64(company.WORLD_START.isoformat()) + offered + lag
    offsets = np.arange(WINDOW)
    dates = assigned[:, None] + offsets[None, :]
    broken = (platform == company.INCIDENT_PLATFORM)[:, None] & (dates >= broken_from[:, None])

    chance = users["visit"].to_numpy()[:, None] * _weekday_factor(platform, dates)
    age = users["since_signup"].to_numpy()[:, None] + offsets[None, :]
    chance = chance * np.where(users["new"].to_numpy()[:, None], np.exp(-age / NEW_USER_DECAY_DAYS), 1.0)
    effect = np.where(broken, BROKEN_ACTIVE_EFFECT, ACTIVE_LIFT) * treated[:, None]
    chance = chance * np.where(broken, BROKEN_ACTIVE, 1.0) * (1 + effect)
    active = rng.random(dates.shape) < np.minimum(chance, 0.97)
    active[:, 0] = True  # assigned on a day they were active

    rate = rng.lognormal(np.log(TASKS_PER_ACTIVE_DAY) - TASKS_SIGMA**2 / 2, TASKS_SIGMA, n)[:, None]
    effect = np.where(broken, BROKEN_TASKS_EFFECT, TASKS_LIFT) * treated[:, None]
    mean = rate * np.where(broken, BROKEN_TASKS, 1.0) * (1 + effect)
    tasks = rng.negative_binomial(TASKS_SHAPE, TASKS_SHAPE / (TASKS_SHAPE + mean)) * active
    errors = SYNC_ERRORS_PER_ACTIVE_DAY
    error_rate = np.where(broken, np.where(treated[:, None], errors["broken_treatment"], errors["broken_control"]),
                          errors["ok"])
    sync_errors = rng.poisson(error_rate) * active

    week1 = slice(0, 7)
    frame = pd.DataFrame({
        "user_id": pseudonyms(rng, "qad", n),
        "variant": np.array(VARIANTS)[treated.astype(int)],
        "assigned_date": iso(assigned),
        "platform": platform,
        "app_version": _versions(platform, assigned, lag, broken_from),
        "new_user": users["new"].to_numpy(),
        "active_days_7d": active[:, week1].sum(axis=1),
        "tasks_created_7d": tasks[:, week1].sum(axis=1),
        "sync_errors_7d": sync_errors[:, week1].sum(axis=1),
        "retained_d7": active[:, 7:].any(axis=1).astype(int),
    })
    return frame.sort_values(["assigned_date", "user_id"], kind="stable").reset_index(drop=True)


TABLES = (
    Table(
        name="experiments/quick_add_users",
        build=build_quick_add_users,
        compress=True,
        description="quick-add A/B test that ran through the Android 5.4.0 sync incident: one row per user",
        unique_key=("user_id",),
        columns=(
            *user_columns(START, END),
            Column("app_version", "str", nullable=True,
                   allowed=company.APP_VERSIONS),
            Column("new_user", "bool"),
            Column("active_days_7d", "int", min=1, max=7),
            Column("tasks_created_7d", "int", min=0),
            Column("sync_errors_7d", "int", min=0),
            Column("retained_d7", "int", allowed=(0, 1)),
        ),
    ),
)
