"""Measures on the frozen data that several test modules need: one definition each, used everywhere.

The world tests recover planted truths with them and the ground-truth tests render the document's
numbers with them, so both read the data the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import stats

VW = ("vw_too_cheap", "vw_cheap", "vw_expensive", "vw_too_expensive")

# The Kano evaluation table: rows functional answer, columns dysfunctional answer.
KANO_ORDER = ("like", "must-be", "neutral", "live-with", "dislike")
KANO_TABLE = (
    ("Q", "A", "A", "A", "O"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "R", "R", "R", "Q"),
)
TIE_ORDER = ("M", "O", "A", "I", "R", "Q")

# A plain lexicon of the kind module 01 asks for: substrings at a word start, on title + text.
LEXICON = {
    "sync": ("sync", "refresh", "out of date", "not updating"),
    "crash": ("crash", "freez", "force close", "closes"),
    "performance": ("slow", "lag", "battery", "loading", "takes forever"),
    "pricing": ("price", "pricing", "expensive", "pricey", "cost", "subscription", "pay", "plan"),
    "ui": ("ui", "interface", "design", "layout", "button", "font", "dark mode"),
    "notifications": ("notification", "remind", "push", "alert"),
    "collaboration": ("share", "sharing", "assign", "comment", "invite", "permission"),
    "integrations": ("integration", "slack", "calendar", "zapier", "jira", "github", "outlook", "drive"),
    "offline": ("offline", "signal", "internet", "connection", "wifi"),
    "praise": ("love", "great", "best", "awesome", "excellent", "recommend", "amazing", "easy", "perfect", "solid"),
}


def price_points(answers: pd.DataFrame) -> dict[str, float]:
    """Van Westendorp PMC, OPP, IPP and PME as module 01 defines them, in dollars: the answers and the grid in
    whole cents, the curves as counts of respondents (so curves that meet are exactly equal), first crossing."""
    cents = np.rint(answers[list(VW)].to_numpy() * 100).astype(int)
    grid = np.arange(cents.min(), cents.max() + 1)
    n = len(cents)
    too_cheap, cheap = ((cents[:, i][None, :] >= grid[:, None]).sum(axis=1) for i in (0, 1))
    expensive, too_expensive = ((cents[:, i][None, :] <= grid[:, None]).sum(axis=1) for i in (2, 3))

    def first(rising: np.ndarray, falling: np.ndarray) -> float:
        return int(grid[np.argmax(rising >= falling)]) / 100

    return {"PMC": first(n - cheap, too_cheap), "OPP": first(too_expensive, too_cheap),
            "IPP": first(expensive, cheap), "PME": first(too_expensive, n - expensive)}


def consistent(survey: pd.DataFrame) -> pd.DataFrame:
    """Respondents whose four prices rise strictly (NaN comparisons are False, so gaps drop out)."""
    p = survey[list(VW)]
    keep = (p["vw_too_cheap"] < p["vw_cheap"]) & (p["vw_cheap"] < p["vw_expensive"]) & (
        p["vw_expensive"] < p["vw_too_expensive"])
    return survey[keep]


def top2(series: pd.Series) -> float:
    """Share answering 4 or 5 among those who answered."""
    return float((series.dropna() >= 4).mean())


def deps(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Each backlog item's prerequisites."""
    return {item: ([] if pd.isna(d) else d.split(";")) for item, d in frame["dependencies"].items()}


def kahn(frame: pd.DataFrame) -> list[str]:
    """Release order respecting dependencies; ties by highest RICE, then item id."""
    needs = {item: set(d) for item, d in deps(frame).items()}
    order: list[str] = []
    while len(order) < len(needs):
        ready = [i for i in needs if i not in order and needs[i] <= set(order)]
        assert ready, "the dependencies have a cycle"
        order.append(min(ready, key=lambda i: (-frame.loc[i, "rice"], i)))
    return order


def scorecard_p_value(row: pd.Series) -> float:
    """A scorecard metric's two-sided p: pooled two-proportion z for rates, Welch from the summaries else."""
    if row["metric_type"] == "proportion":
        x_c, x_t = row["successes_control"], row["successes_treatment"]
        n_c, n_t = row["n_control"], row["n_treatment"]
        pooled = (x_c + x_t) / (n_c + n_t)
        z = (x_t / n_t - x_c / n_c) / np.sqrt(pooled * (1 - pooled) * (1 / n_c + 1 / n_t))
        return 2 * stats.norm.sf(abs(z))
    return stats.ttest_ind_from_stats(row["mean_treatment"], row["sd_treatment"], row["n_treatment"],
                                      row["mean_control"], row["sd_control"], row["n_control"],
                                      equal_var=False).pvalue


def subset_totals(values: np.ndarray) -> np.ndarray:
    """Sum of `values` over all 2^n subsets; bit i of the index says whether item i is in (built by doubling)."""
    totals = np.zeros(1)
    for value in values:
        totals = np.concatenate([totals, totals + value])
    return totals


def best_sets(value: pd.Series, weight: pd.Series, capacity: float, k: int = 2) -> list[tuple[set[str], float]]:
    """The `k` best sets of items (the index) whose total weight fits `capacity`, by total value, best first:
    an exact 0/1 knapsack by exhaustive search, as module 04 defines it."""
    fits = subset_totals(weight.to_numpy(dtype=float)) <= capacity + 1e-9
    totals = np.where(fits, subset_totals(value.to_numpy(dtype=float)), -np.inf)
    top = np.argpartition(-totals, k)[:k]
    top = top[np.argsort(-totals[top], kind="stable")]
    return [({item for i, item in enumerate(value.index) if m >> i & 1}, float(totals[m])) for m in top]


def greedy(order: Iterable[str], weight: pd.Series, capacity: float, skip_misfits: bool = True) -> list[str]:
    """Items taken in `order` while they fit `capacity`, skipping a misfit (module 04's greedy) or stopping at it."""
    taken, used = [], 0.0
    for item in order:
        if used + weight[item] <= capacity + 1e-9:
            taken.append(item)
            used += weight[item]
        elif not skip_misfits:
            break
    return taken
