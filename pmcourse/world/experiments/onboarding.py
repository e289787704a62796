"""`experiments/onboarding_users`: the guided-onboarding test with a sample ratio mismatch.

New sign-ups from Monday 5 May to Sunday 29 June 2025 (eight weeks, about 60 a day) were split 50/50
between the old first-run screens (control) and a guided onboarding checklist (treatment). The
treatment is served through a redirect to a new page, and its assignment is logged when that page
loads. In the iOS and Android apps the sign-up runs in an in-app browser that drops the session on
that redirect: the user lands on a blank page, and only the ones who care enough to reopen the app and
log in again reach the checklist and get logged. Planted, for instructors:

- the checklist has no effect on activation (TRUE_ACTIVATION_EFFECT = 0);
- mobile treatment users are lost with chance sigmoid(LOSS_LOGIT − LOSS_SLOPE·z), z = engagement
  (44% of them in the data, almost all among the least engaged), so the logged split fails the SRM check,
  the gap sits entirely on iOS and Android, and the surviving treatment users activate more: the naive
  readout shows a spurious win;
- web is balanced and shows no effect.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.experiments._common import (
    VARIANTS,
    assignment_days,
    days_between,
    iso,
    pseudonyms,
    sigmoid,
    traffic_weights,
    user_columns,
)
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import choice

START, END = date(2025, 5, 5), date(2025, 6, 29)
USERS = 3_450  # assigned, before the redirect loses any
SIGNUP_WEEKDAY = (1.0, 1.2, 1.14, 1.14, 1.0, 0.62, 0.48)  # Monday first, as in `users`
PLATFORM_SHARE = {"web": 0.53, "ios": 0.20, "android": 0.27}
MOBILE = ("ios", "android")  # where the in-app browser breaks the redirect
CHANNEL_SHARE = {"organic": 0.30, "paid_search": 0.18, "paid_social": 0.17, "content": 0.12, "referral": 0.15,
                 "partners": 0.08}
CHANNEL_ENGAGEMENT = {"organic": 0.1, "paid_search": 0.0, "paid_social": -0.6, "content": -0.1, "referral": 0.7,
                      "partners": 0.5}
# Activation (shared a board within 7 days) on a logit scale: engagement z ~ N(channel shift, 1).
ACTIVATION_LOGIT, ACTIVATION_SLOPE = -1.75, 1.8
TRUE_ACTIVATION_EFFECT = 0.0
LOSS_LOGIT, LOSS_SLOPE = -0.4, 3.0  # chance a mobile treatment user is lost: sigmoid(LOGIT − SLOPE·z)
BOARDS_LOG_MEAN, BOARDS_SLOPE = 0.45, 0.45


def build_onboarding_users(rng: np.random.Generator) -> pd.DataFrame:
    """One row per logged user of the onboarding test (the users the redirect lost are not in it)."""
    n = USERS
    days = days_between(START, END)
    assigned = assignment_days(rng, days, traffic_weights(days, SIGNUP_WEEKDAY), n)
    variant = np.array(VARIANTS)[(rng.random(n) < 0.5).astype(int)]
    treated = variant == "treatment"
    platform = choice(rng, PLATFORM_SHARE, n)
    channel = choice(rng, CHANNEL_SHARE, n)
    engagement = rng.normal(np.vectorize(CHANNEL_ENGAGEMENT.get)(channel), 1.0)

    logit = ACTIVATION_LOGIT + ACTIVATION_SLOPE * engagement + TRUE_ACTIVATION_EFFECT * treated
    activated = rng.random(n) < sigmoid(logit)
    boards = rng.poisson(np.exp(BOARDS_LOG_MEAN + BOARDS_SLOPE * engagement))
    sessions = 1 + rng.poisson(np.exp(0.9 + 0.5 * engagement + 0.4 * activated))
    lost_chance = sigmoid(LOSS_LOGIT - LOSS_SLOPE * engagement)
    lost = treated & np.isin(platform, MOBILE) & (rng.random(n) < lost_chance)

    frame = pd.DataFrame({
        "user_id": pseudonyms(rng, "onb", n),
        "variant": variant,
        "assigned_date": iso(assigned),
        "platform": platform,
        "signup_channel": channel,
        "sessions_7d": sessions,
        "boards_created_7d": boards,
        "activated": activated.astype(int),
    })[~lost]
    return frame.sort_values(["assigned_date", "user_id"], kind="stable").reset_index(drop=True)


TABLES = (
    Table(
        name="experiments/onboarding_users",
        build=build_onboarding_users,
        description="guided-onboarding A/B test: one row per logged new user",
        unique_key=("user_id",),
        columns=(
            *user_columns(START, END),
            Column("signup_channel", "str", allowed=company.ACQUISITION_CHANNELS),
            Column("sessions_7d", "int", min=1),
            Column("boards_created_7d", "int", min=0),
            Column("activated", "int", allowed=(0, 1)),
        ),
    ),
)
