"""`experiments/reminders_users`: smart upgrade reminders, where the pooled readout reverses (Simpson).

From Monday 16 June to Sunday 13 July 2025, Free-plan users were enrolled on their first active day
in the test. When they reach for a Team feature (timeline, automations, guest access), control shows
the usual "Upgrade to Team" banner and the treatment a smart reminder that shows the feature they
just reached for. The growth team ramped the treatment unevenly: new users (signed up fewer than 30
days before enrolment) got it at NEW_TREATMENT_SHARE from day one, established users were ramped
cautiously week by week (ESTABLISHED_TREATMENT_SHARE), and most established users were enrolled in
the first days, when their share was lowest. Upgrades within 14 days are too rare at Kanbo's size to
test, so the team's primary metric is opening the plans page. Planted, for instructors:

- established users open the plans page far more often than new ones (BASELINE);
- the treatment raises it in both segments (LIFT, absolute) and multiplies upgrades by UPGRADE_LIFT;
- because the treatment arm is mostly new users, the pooled comparison says it is worse.
Baselines are the same every week, so the weekly ramp does not bias the per-segment comparisons.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.experiments._common import VARIANTS, days_between, iso, pseudonyms, user_columns, weekday_of
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import choice

START, END = date(2025, 6, 16), date(2025, 7, 13)
RETURNING_USERS = 2_000  # Free users who signed up before START and came back during the test
SIGNUPS_PER_DAY = 62  # Free users who signed up during the test (enrolled on their sign-up day)
SIGNUP_WEEKDAY = (1.0, 1.2, 1.14, 1.14, 1.0, 0.62, 0.48)  # Monday first, as in `users`
RETURN_WEEKDAY = (1.0, 0.95, 0.95, 0.95, 0.9, 0.35, 0.3)
RETURN_DECAY_DAYS = 3.5  # returning users come back soon: enrolments pile up in the first days
RETURN_FLOOR = 0.08  # ... with a tail of occasional users
RECENT_SIGNUP_SHARE = 0.45  # returning users who signed up in the 30 days before START
NEW_USER_DAYS = 30  # "new" = signed up fewer than this many days before enrolment
PLATFORM_SHARE = {"web": 0.56, "ios": 0.17, "android": 0.27}
BASELINE = {"new": 0.05, "established": 0.30}  # chance of opening the plans page within 14 days, control
LIFT = {"new": 0.065, "established": 0.15}  # absolute, in the treatment
UPGRADE_GIVEN_PLANS = 0.05  # chance of upgrading within 14 days after opening the plans page, control
UPGRADE_LIFT = 1.3  # the reminder also makes the plans-page visit more decisive
NEW_TREATMENT_SHARE = 0.85
ESTABLISHED_TREATMENT_SHARE = (0.10, 0.20, 0.30, 0.40)  # weeks 1-4 of the test


def _returning_days(rng: np.random.Generator, days: np.ndarray, n: int) -> np.ndarray:
    """Enrolment day of each returning user: their first active day, front-loaded, quiet at weekends."""
    t = np.arange(len(days))
    weights = np.asarray(RETURN_WEEKDAY)[weekday_of(days)] * (np.exp(-t / RETURN_DECAY_DAYS) + RETURN_FLOOR)
    return rng.choice(len(days), size=n, p=weights / weights.sum())


def _age_at_start(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days from a returning user's sign-up to START: many recent sign-ups, the rest back to launch."""
    since_launch = (START - company.WORLD_START).days
    recent = rng.integers(1, NEW_USER_DAYS + 1, n)
    older = NEW_USER_DAYS + 1 + np.floor(rng.beta(1.0, 1.6, n) * (since_launch - NEW_USER_DAYS)).astype(np.int64)
    return np.where(rng.random(n) < RECENT_SIGNUP_SHARE, recent, older)


def _population(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Enrolment day index and account age at enrolment of every user: returning users, then sign-ups."""
    days = days_between(START, END)
    returning_day = _returning_days(rng, days, RETURNING_USERS)
    returning_age = _age_at_start(rng, RETURNING_USERS) + returning_day
    signups = rng.poisson(SIGNUPS_PER_DAY * np.asarray(SIGNUP_WEEKDAY)[weekday_of(days)] / np.mean(SIGNUP_WEEKDAY))
    signup_day = np.repeat(np.arange(len(days)), signups)
    day = np.concatenate([returning_day, signup_day])
    age = np.concatenate([returning_age, np.zeros(len(signup_day), dtype=np.int64)])
    return day, age


def build_reminders_users(rng: np.random.Generator) -> pd.DataFrame:
    """One row per user of the reminders test, with the segment it was ramped by."""
    days = days_between(START, END)
    day, age = _population(rng)
    n = len(day)
    new = age < NEW_USER_DAYS
    week = np.minimum(day // 7, 3)
    share = np.where(new, NEW_TREATMENT_SHARE, np.asarray(ESTABLISHED_TREATMENT_SHARE)[week])
    treated = rng.random(n) < share
    chance = np.where(new, BASELINE["new"], BASELINE["established"])
    chance = chance + treated * np.where(new, LIFT["new"], LIFT["established"])
    viewed = rng.random(n) < chance
    upgraded = viewed & (rng.random(n) < UPGRADE_GIVEN_PLANS * np.where(treated, UPGRADE_LIFT, 1.0))
    frame = pd.DataFrame({
        "user_id": pseudonyms(rng, "rem", n),
        "variant": np.array(VARIANTS)[treated.astype(int)],
        "assigned_date": iso(days[day]),
        "platform": choice(rng, PLATFORM_SHARE, n),
        "account_age_days": age,
        "segment": np.where(new, "new", "established"),
        "viewed_plans_14d": viewed.astype(int),
        "upgraded_14d": upgraded.astype(int),
    })
    return frame.sort_values(["assigned_date", "user_id"], kind="stable").reset_index(drop=True)


TABLES = (
    Table(
        name="experiments/reminders_users",
        build=build_reminders_users,
        description="smart upgrade reminders test with an uneven ramp: one row per user",
        unique_key=("user_id",),
        columns=(
            *user_columns(START, END),
            Column("account_age_days", "int", min=0, max=(END - company.WORLD_START).days),
            Column("segment", "str", allowed=("new", "established")),
            Column("viewed_plans_14d", "int", allowed=(0, 1)),
            Column("upgraded_14d", "int", allowed=(0, 1)),
        ),
    ),
)
