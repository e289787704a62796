"""Android 5.4.0's staged rollout: who was offered the update when, shared by every table that models the incident.

Google Play offers a staged release to a random share of a platform's users, and the share grows stage by
stage. A user in rollout bucket u (uniform on [0, 1)) is offered 5.4.0 on the first stage whose share
exceeds u and installs it after their usual update lag. Play's vitals (crashes, freezes) stayed green, so
each stage was promoted on schedule: nobody had set a halt criterion on sync.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from pmcourse.world import company

# (first day of the stage, share of Android users offered 5.4.0 from that day).
STAGES = (
    (date(2026, 1, 20), 0.05),
    (date(2026, 1, 21), 0.20),
    (date(2026, 1, 23), 0.50),
    (date(2026, 1, 26), 1.00),
)
assert STAGES[0][0] == company.INCIDENT_DATE


STARTS = np.array([(day - company.WORLD_START).days for day, _ in STAGES])  # day indexes of the stages
SHARES = np.array([share for _, share in STAGES])


def offered_day(bucket: np.ndarray) -> np.ndarray:
    """Day index (days since WORLD_START) on which a user in each rollout bucket is first offered 5.4.0."""
    return STARTS[np.searchsorted(SHARES, np.asarray(bucket), side="right")]


def install_ramp(since_release: np.ndarray, lag_mean_days: float) -> np.ndarray:
    """Expected share of Android users with 5.4.0 installed, `since_release` days after 20 January.

    Each stage's newly offered share installs with an exponential lag (mean `lag_mean_days`, counted from
    half a day into the stage's first day), so the ramp climbs in steps as the stages open.
    """
    since = np.asarray(since_release, dtype=float)
    ramp = np.zeros_like(since)
    previous = 0.0
    for day, share in STAGES:
        start = (day - company.INCIDENT_DATE).days
        ramp += (share - previous) * np.where(since >= start, 1 - np.exp(-(since - start + 0.5) / lag_mean_days), 0)
        previous = share
    return ramp
