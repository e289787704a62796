"""The `users` export: every sign-up from the product simulation, with the plan their workspace had then.

The last step of the people data (workspaces -> product -> billing -> here): a user's first plan is a
billing fact, so the table is assembled after billing has run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmcourse.world import company, workspaces
from pmcourse.world.billing import simulate_billing
from pmcourse.world.product import simulate
from pmcourse.world.spec import Column, Table


def build_users(rng: np.random.Generator) -> pd.DataFrame:
    """The `users` table (joint product simulation; `rng` is unused) with each workspace's plan at sign-up."""
    users = simulate()[0]
    month = pd.to_datetime(users["signup_at"]).dt.tz_localize(None).dt.to_period("M").dt.start_time.dt.date
    plans = simulate_billing().set_index(["account_id", "month"])["plan"]
    keys = pd.MultiIndex.from_arrays([users["account_id"], month.astype(str)])
    first_plan = plans.reindex(keys).fillna("Free").to_numpy()
    # Month grain: an invited user starts on the plan their workspace had in the sign-up month.
    return users.assign(first_plan=np.where(users["joined_via"] == "invite", first_plan, "Free"))


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
            Column("timezone", "str", allowed=tuple(z for zones in workspaces.TIMEZONES.values() for z in zones)),
            Column("channel", "str", allowed=company.ACQUISITION_CHANNELS),
            Column("company_size", "str", allowed=company.COMPANY_SIZES),
            Column("account_id", "int", min=1001),
            Column("joined_via", "str", allowed=("new_workspace", "invite")),
            Column("email_domain", "str"),
            Column("first_plan", "str", allowed=company.PLANS),
        ),
    ),
)
