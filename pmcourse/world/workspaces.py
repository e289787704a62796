"""Kanbo's workspaces and the people in them: the first step of the world's product and billing data.

A sign-up either creates a workspace or accepts a teammate's invitation to one. Workspace creators
arrive through the year (launch spike, weekday rhythm, seasons); each workspace is either a solo trial
or a team that grows to a size typical of its company's team (TEAM_SIZE), and its invited members
arrive in the weeks after it was created. Users and activity (product.py) and seats (billing.py) are
all built on this one roster, so members and billed seats agree.

Kanbo sells, markets and supports in North America and Europe (company.SERVED_REGIONS); sign-ups from
elsewhere arrive only unpaid (organic, content) and by invitation.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.streams import choice, table_rng

DAYS = (company.WORLD_END - company.WORLD_START).days + 1
DAY0 = np.datetime64(company.WORLD_START.isoformat(), "D")

# Workspace creation: expected per day before the weekday and seasonal factors, growing through the year.
CREATED_AT_LAUNCH, CREATED_GROWTH = 29.0, 1.0  # +100% by the end of the year
LAUNCH_SPIKE, LAUNCH_DECAY_DAYS = 5.0, 6.0  # Product Hunt week: x(1 + 5 e^(-t/6))
SIGNUP_WEEKDAY = (1.0, 1.06, 1.04, 1.0, 0.88, 0.48, 0.42)  # Monday first
HOLIDAYS = (date(2025, 12, 22), date(2026, 1, 1))  # inclusive: sign-ups and activity dip
HOLIDAY_FACTOR, AUGUST_FACTOR, NEW_YEAR_FACTOR = 0.55, 0.85, 1.15  # New year: 2-31 January

SIZE_SHARE = {"1-10": 0.38, "11-50": 0.30, "51-200": 0.18, "201-1000": 0.09, "1000+": 0.05}
COUNTRY_SHARE = {"US": 0.37, "CA": 0.06, "GB": 0.11, "DE": 0.10, "FR": 0.07, "NL": 0.04, "ES": 0.05, "BR": 0.05,
                 "MX": 0.03, "IN": 0.06, "AU": 0.04, "JP": 0.02}
# How creators found Kanbo: in the served regions every channel; elsewhere no paid campaigns run.
CREATOR_CHANNEL_SHARE = {"organic": 0.34, "paid_search": 0.21, "paid_social": 0.20, "content": 0.13,
                         "referral": 0.03, "partners": 0.09}
UNSERVED_CHANNEL_SHARE = {"organic": 0.70, "content": 0.24, "referral": 0.06}
TIMEZONES = {
    "US": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "CA": ("America/Toronto", "America/Vancouver"), "GB": ("Europe/London",), "DE": ("Europe/Berlin",),
    "FR": ("Europe/Paris",), "NL": ("Europe/Amsterdam",), "ES": ("Europe/Madrid",), "BR": ("America/Sao_Paulo",),
    "MX": ("America/Mexico_City",), "IN": ("Asia/Kolkata",), "AU": ("Australia/Sydney", "Australia/Perth"),
    "JP": ("Asia/Tokyo",),
}

# Teams: the share of new workspaces that become a team, and the median team a workspace grows to.
# A team is one team of the company (a department adopting a board), not the whole company.
TEAM_SHARE = {"1-10": 0.30, "11-50": 0.34, "51-200": 0.36, "201-1000": 0.36, "1000+": 0.34}
TEAM_CHANNEL_FACTOR = {"organic": 1.0, "paid_search": 1.0, "paid_social": 0.45, "content": 0.9, "referral": 1.2,
                       "partners": 1.5}
TEAM_SIZE = {"1-10": 3, "11-50": 5, "51-200": 7, "201-1000": 9, "1000+": 11}  # median members, creator included
TEAM_SIZE_SIGMA = 0.45
INVITE_MEAN_DAYS = 9.0  # most invited teammates join within days of the workspace's creation (mean 9) ...
LATE_JOINER_SHARE, LATE_JOINER_DAYS = 0.45, (14, 300)  # ... the rest months later, as teams hire and spread
SAME_COUNTRY_SHARE = 0.92  # invited teammates mostly work where the creator does
STAFF_ACCOUNTS = 36


def day_factors() -> pd.DataFrame:
    """Per calendar day of the window: weekday (0 = Monday) and the seasonal factor shared by sign-ups and use."""
    days = pd.date_range(company.WORLD_START, company.WORLD_END, freq="D")
    season = np.ones(len(days))
    season[days.month == 8] = AUGUST_FACTOR
    season[(days.month == 1) & (days.day >= 2)] = NEW_YEAR_FACTOR
    season[(days >= pd.Timestamp(HOLIDAYS[0])) & (days <= pd.Timestamp(HOLIDAYS[1]))] = HOLIDAY_FACTOR
    return pd.DataFrame({"weekday": days.day_of_week, "season": season}, index=days)


def _creation_days(rng: np.random.Generator) -> np.ndarray:
    """Day index (0 = launch) on which each workspace is created, in order."""
    factors = day_factors()
    t = np.arange(DAYS)
    expected = CREATED_AT_LAUNCH * (1 + CREATED_GROWTH * t / DAYS) * (1 + LAUNCH_SPIKE * np.exp(-t / LAUNCH_DECAY_DAYS))
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


def _creators(rng: np.random.Generator) -> pd.DataFrame:
    """One row per workspace: creation day, the creator's country and channel, company size, team size."""
    day = _creation_days(rng)
    n = len(day)
    country = choice(rng, COUNTRY_SHARE, n)
    served = np.isin(np.vectorize(lambda c: company.COUNTRIES[c][1])(country), company.SERVED_REGIONS)
    channel = np.where(served, choice(rng, CREATOR_CHANNEL_SHARE, n), choice(rng, UNSERVED_CHANNEL_SHARE, n))
    size = choice(rng, SIZE_SHARE, n)
    team_p = np.vectorize(TEAM_SHARE.get)(size) * np.vectorize(TEAM_CHANNEL_FACTOR.get)(channel)
    grows = rng.random(n) < team_p
    median = np.vectorize(TEAM_SIZE.get)(size)
    team = np.where(grows, np.maximum(2, np.round(median * rng.lognormal(0, TEAM_SIZE_SIGMA, n))), 1).astype(np.int64)
    staff = np.zeros(n, dtype=bool)
    staff[rng.choice(np.flatnonzero(team == 1), STAFF_ACCOUNTS, replace=False)] = True
    return pd.DataFrame({"day": day, "country": country, "channel": channel, "company_size": size,
                         "team": team, "staff": staff})


def _invitees(rng: np.random.Generator, creators: pd.DataFrame) -> pd.DataFrame:
    """One row per invited teammate: their workspace (row of `creators`), join day and country."""
    space = np.repeat(np.arange(len(creators)), creators["team"].to_numpy() - 1)
    soon = rng.geometric(1 / INVITE_MEAN_DAYS, len(space)) - 1
    later = rng.integers(LATE_JOINER_DAYS[0], LATE_JOINER_DAYS[1], len(space))  # a hire or another team's colleague
    offset = np.where(rng.random(len(space)) < LATE_JOINER_SHARE, later, soon)
    day = creators["day"].to_numpy()[space] + offset
    country = np.where(rng.random(len(space)) < SAME_COUNTRY_SHARE, creators["country"].to_numpy()[space],
                       choice(rng, COUNTRY_SHARE, len(space)))
    return pd.DataFrame({"space": space, "day": day, "country": country})


@cache
def roster() -> pd.DataFrame:
    """Every sign-up of the export, in sign-up order: who they are and which workspace they are in.

    Columns: day0 (days since launch, UTC), signup_at, country, timezone, channel, company_size,
    account_id, joined (accepted an invitation), staff, team (members the workspace grows to).
    """
    rng = table_rng("workspaces")
    creators = _creators(rng)
    invitees = _invitees(rng, creators)
    space = np.concatenate([np.arange(len(creators)), invitees["space"].to_numpy()])
    local_day = np.concatenate([creators["day"].to_numpy(), invitees["day"].to_numpy()])
    country = np.concatenate([creators["country"].to_numpy(), invitees["country"].to_numpy()])
    zone = np.array([TIMEZONES[c][int(rng.integers(len(TIMEZONES[c])))] for c in country])
    joined = np.arange(len(space)) >= len(creators)
    signup_at = _signup_timestamps(rng, local_day, zone)
    # A teammate accepts an invitation after the workspace exists (a few minutes at the earliest).
    naive = signup_at.dt.tz_convert(None).to_numpy()
    naive = np.where(joined, np.maximum(naive, naive[space] + np.timedelta64(600, "s")), naive)
    signup_at = pd.Series(naive).dt.tz_localize("UTC")
    # Launch was 1 March local time; sign-ups outside the window in UTC are not in the export.
    days = (signup_at.dt.tz_localize(None).dt.floor("D") - pd.Timestamp(company.WORLD_START)).dt.days.to_numpy()
    order = np.argsort(signup_at.to_numpy(), kind="stable")
    order = order[(days[order] >= 0) & (days[order] < DAYS)]
    order = order[~joined[order] | np.isin(space[order], space[order][~joined[order]])]  # creator in the export
    space, joined = space[order], joined[order]
    account_order = pd.unique(space)
    account_id = 1001 + pd.Series(np.arange(len(account_order)), index=account_order).reindex(space).to_numpy()
    c = creators.iloc[space].reset_index(drop=True)
    return pd.DataFrame({
        "day0": days[order],
        "signup_at": signup_at.iloc[order].reset_index(drop=True),
        "country": country[order],
        "timezone": zone[order],
        "channel": np.where(joined, "referral", c["channel"].to_numpy()),
        "company_size": c["company_size"].to_numpy(),
        "account_id": account_id,
        "joined": joined,
        "staff": c["staff"].to_numpy() & ~joined,
        "team": c["team"].to_numpy(),
    })
