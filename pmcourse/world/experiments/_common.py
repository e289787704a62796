"""Helpers shared by the experiment tables: traffic calendars, random assignment and pseudonymous ids."""

from __future__ import annotations

from datetime import date

import numpy as np

from pmcourse.world import company
from pmcourse.world.spec import Column

# Relative daily traffic by weekday (Monday first): a work tool, so weekends are quiet.
WEEKDAY_TRAFFIC = (1.0, 1.04, 1.03, 0.99, 0.87, 0.49, 0.45)
VARIANTS = ("control", "treatment")


def days_between(start: date, end: date) -> np.ndarray:
    """Every calendar day from `start` to `end` inclusive, as datetime64[D]."""
    return np.arange(np.datetime64(start.isoformat()), np.datetime64(end.isoformat()) + 1, dtype="datetime64[D]")


def weekday_of(days: np.ndarray) -> np.ndarray:
    """Weekday of each datetime64[D] day (0 = Monday), as numpy ints."""
    return ((days.astype("int64") + 3) % 7).astype(np.int64)  # 1970-01-01 was a Thursday


def traffic_weights(days: np.ndarray, weekday: tuple[float, ...] = WEEKDAY_TRAFFIC) -> np.ndarray:
    """Each day's share of an experiment's assignments, from the weekday rhythm alone."""
    weights = np.asarray(weekday, dtype=float)[weekday_of(days)]
    return weights / weights.sum()


def assignment_days(rng: np.random.Generator, days: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """Draw the first-exposure day of `n` users (datetime64[D]), in no particular order."""
    return days[rng.choice(len(days), size=n, p=weights / weights.sum())]


def pseudonyms(rng: np.random.Generator, prefix: str, n: int) -> np.ndarray:
    """Per-experiment pseudonymous user ids such as "onb-548213": random, unique, no link to users.user_id."""
    numbers = rng.choice(900_000, size=n, replace=False) + 100_000
    return np.char.add(f"{prefix}-", numbers.astype(str))


def iso(days: np.ndarray) -> np.ndarray:
    """datetime64[D] days as ISO strings for the CSV."""
    return np.datetime_as_string(days, unit="D")


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function, for chances built on a logit scale."""
    return 1.0 / (1.0 + np.exp(-x))


def user_columns(start: date, end: date) -> tuple[Column, ...]:
    """The schema of the columns every user-level experiment export starts with."""
    return (
        Column("user_id", "str", unique=True),
        Column("variant", "str", allowed=VARIANTS),
        Column("assigned_date", "date", min=start.isoformat(), max=end.isoformat()),
        Column("platform", "str", allowed=company.PLATFORMS),
    )
