"""`experiments/board_view_daily`: the new board view, whose early lift is novelty that fades.

All users were split 50/50 from Monday 8 September 2025 between the classic board (control) and a
redesigned board view (treatment); the export holds one row per day and arm for six weeks. An arm's
users_active counts its users who opened a board that day, a little under half of Kanbo's daily
actives (ARM_BOARD_USERS, by platform: web users are office users, so weekends keep about a quarter of
web and half of mobile). Planted, for instructors: tasks created per active user in the treatment are
lifted by LONG_RUN_LIFT + (FIRST_DAY_LIFT − LONG_RUN_LIFT)·exp(−t / NOVELTY_DAYS) on day t (t = 0 on
the first day), so the first week's lift is several times the last two weeks'; smaller novelty lifts
on the share of users who open a board and on sessions fade the same way.

Dirt: the treatment's row for DROPPED_ROW_DATE is missing (a failed pipeline run), and the last day
(END) was exported at 11:00 UTC, so both arms hold under half a day's activity.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from pmcourse.world.experiments._common import VARIANTS, days_between, iso, weekday_of
from pmcourse.world.spec import Column, Table

START, END = date(2025, 9, 8), date(2025, 10, 19)
# Expected users of one arm who open a board on a weekday of the first week, and the weekend factor.
ARM_BOARD_USERS = {"web": 335, "ios": 104, "android": 143}
WEEKEND_FACTOR = {"web": 0.26, "ios": 0.58, "android": 0.57}
GROWTH_PER_WEEK = 0.03
TASKS_PER_ACTIVE_USER, TASKS_DISPERSION = 5.5, 4.0  # negative binomial (mean, shape) of a user-day
SESSIONS_PER_ACTIVE_USER = 2.75
FIRST_DAY_LIFT, LONG_RUN_LIFT, NOVELTY_DAYS = 0.25, 0.02, 6.0
ACTIVE_FIRST_DAY_LIFT, ACTIVE_LONG_RUN_LIFT = 0.03, 0.0
SESSIONS_FIRST_DAY_LIFT, SESSIONS_LONG_RUN_LIFT = 0.08, 0.005
ACTIVE_SHOCK_SIGMA, TASK_SHOCK_SIGMA = 0.015, 0.04  # day effects shared by both arms: news, outages, deadlines
DROPPED_ROW_DATE = date(2025, 10, 2)
PARTIAL_LAST_DAY = 11 / 24


def _novelty(t: np.ndarray, first: float, long_run: float) -> np.ndarray:
    """Lift on day t: starts at `first`, decays exponentially to `long_run`."""
    return long_run + (first - long_run) * np.exp(-t / NOVELTY_DAYS)


def _expected_active(days: np.ndarray) -> np.ndarray:
    """Expected users of one arm who open a board each day: platforms summed, weekend dip, steady growth."""
    weekend = weekday_of(days) >= 5
    growth = (1 + GROWTH_PER_WEEK) ** (np.arange(len(days)) / 7)
    per_platform = [users * np.where(weekend, WEEKEND_FACTOR[p], 1.0) for p, users in ARM_BOARD_USERS.items()]
    return np.sum(per_platform, axis=0) * growth


def build_board_view_daily(rng: np.random.Generator) -> pd.DataFrame:
    """One row per day and arm: users who opened a board, their sessions and the tasks they created."""
    days = days_between(START, END)
    t = np.arange(len(days))
    expected = _expected_active(days) * rng.lognormal(0, ACTIVE_SHOCK_SIGMA, len(days))
    task_mean = TASKS_PER_ACTIVE_USER * rng.lognormal(0, TASK_SHOCK_SIGMA, len(days))
    partial = np.where(days == days[-1], PARTIAL_LAST_DAY, 1.0)

    rows = []
    for variant in VARIANTS:
        treated = variant == "treatment"
        lift = _novelty(t, FIRST_DAY_LIFT, LONG_RUN_LIFT) if treated else 0.0
        active_lift = _novelty(t, ACTIVE_FIRST_DAY_LIFT, ACTIVE_LONG_RUN_LIFT) if treated else 0.0
        session_lift = _novelty(t, SESSIONS_FIRST_DAY_LIFT, SESSIONS_LONG_RUN_LIFT) if treated else 0.0
        users = rng.poisson(expected * (1 + active_lift) * (0.3 + 0.7 * partial))
        mean = task_mean * (1 + lift) * partial
        tasks = rng.negative_binomial(np.maximum(users, 1) * TASKS_DISPERSION,
                                      TASKS_DISPERSION / (TASKS_DISPERSION + mean)) * (users > 0)
        sessions = users + rng.poisson(users * (SESSIONS_PER_ACTIVE_USER * (1 + session_lift) * partial - 1).clip(0))
        rows.append(pd.DataFrame({"date": iso(days), "variant": variant, "users_active": users,
                                  "sessions": sessions, "tasks_created": tasks}))
    frame = pd.concat(rows, ignore_index=True)
    frame = frame[~((frame["date"] == DROPPED_ROW_DATE.isoformat()) & (frame["variant"] == "treatment"))]
    return frame.sort_values(["date", "variant"], kind="stable").reset_index(drop=True)


TABLES = (
    Table(
        name="experiments/board_view_daily",
        build=build_board_view_daily,
        description="new board view A/B test: one row per day and variant",
        unique_key=("date", "variant"),
        columns=(
            Column("date", "date", min=START.isoformat(), max=END.isoformat()),
            Column("variant", "str", allowed=VARIANTS),
            Column("users_active", "int", min=0),
            Column("sessions", "int", min=0),
            Column("tasks_created", "int", min=0),
        ),
    ),
)
