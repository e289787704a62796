"""`experiments/pricing_page_scorecard`: a pricing-page redesign read on 20 metrics at once.

From Monday 1 to Sunday 28 December 2025, visitors of kanbo.com/pricing (the population of the
sign-up-form test: mostly logged-out prospects, ~650 a day, quieter in Christmas week) saw either the
current page (control) or a redesign that opens on the plan comparison table with per-seat prices
(treatment), split 50/50. The experiment platform's scorecard summarises each arm on 20 metrics; every
number is computed from a simulated visitor-level sample, so each metric's test can be redone from
the row. Planted, for instructors (α = q = 0.05, m = 20 metrics, every test two-sided):

- strong true effects: the redesign raises viewed_plan_comparison (COMPARE_LOGIT_LIFT, a large effect)
  and signed_up_14d (SIGNUP_LOGIT_LIFT), and through sign-ups started_paid_14d and revenue_14d, which
  are too rare at Kanbo's size to show it. This block is drawn once; both detectable effects pass any
  correction and the rare ones do not show (checked when the table is built, never redrawn);
- modest true effects (the prices are on screen at once and raise seat questions): opened_faq goes up
  (FAQ_LOGIT_LIFT), bounced goes down (BOUNCE_LOGIT_LIFT) and time_on_page_sec goes up
  (TIME_LOG_LIFT). Each is redrawn from the table's stream until its p-value lands in its window:
  opened_faq in HOLM_ONLY_P (above Bonferroni's α/m = 0.0025 and Šidák's 0.00256, below Holm's third
  threshold α/18 ≈ 0.00278), bounced and time_on_page_sec in BH_ONLY_P (above Holm's fourth threshold
  α/17 ≈ 0.0029, below BH's fifth, 5/20 · q = 0.0125);
- every other metric has no true effect. The null block is the first draw in which NULL_WINS null
  metrics win by chance at α = 0.05, each with p ≥ NULL_WIN_MIN_P (above BH's thresholds for ranks
  6-8, 0.02 at most).

So raw testing finds 7-8 winners (2-3 of them false), Bonferroni keeps the 2 strong true effects,
Holm 3 (opened_faq too), Benjamini-Hochberg 5 (all five detectable true effects, no false one): the
price of controlling the family-wise error rate is the true effects it cannot afford to keep. The
builder checks these sets on the finished table and raises if they do not come out. The draws were
selected for teaching; the summaries of the selected draws are exact.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy import stats

from pmcourse.world import company
from pmcourse.world.spec import Column, Table

VISITORS = 17_900  # 1-28 December 2025, both arms (quieter in Christmas week)
COMPARE_LOGIT, COMPARE_LOGIT_LIFT = -1.35, 0.45
SIGNUP_LOGIT, SIGNUP_LOGIT_LIFT = -3.05, 0.25
PAID_AFTER_SIGNUP, FREE_USER_UPGRADE, PROSPECT_SHARE = 0.05, 0.012, 0.86
BUSINESS_SHARE, PRICE = 0.25, company.LIST_PRICE_PER_SEAT
TRUE_MAX_P = 1e-3  # the detectable true effects must clear Bonferroni (0.05 / 20) with room
TRUE_RARE_MIN_P = 0.1  # started_paid_14d and revenue_14d: too rare to show the effect
# The modest true effects, each on the scale of its metric (a logit, or the log of the seconds).
FAQ_LOGIT, FAQ_LOGIT_LIFT = -2.3, 0.15  # per-seat prices raise "what counts as a seat?" questions
BOUNCE_LOGIT, BOUNCE_LOGIT_LIFT = -0.5, -0.08  # the prices are on screen at once: fewer leave without a click
TIME_LOG_MEAN, TIME_LOG_LIFT = 3.5, 0.05  # visitors read the table: about 5% longer on the page
HOLM_ONLY_P = (0.0026, 0.00268)  # opened_faq: Holm keeps it, Bonferroni (and Šidák) do not
BH_ONLY_P = (0.0035, 0.0115)  # bounced, time_on_page_sec: BH keeps them, Holm does not
NULL_WINS = (2, 3)
NULL_WIN_MIN_P = 0.021  # above BH's threshold for ranks 6-8 (0.02 at most)
ALPHA, MAX_ATTEMPTS = 0.05, 5_000
STRONG = ("viewed_plan_comparison", "signed_up_14d")
MODEST = ("opened_faq", "bounced", "time_on_page_sec")

# metric -> (category, type, description); rows come out in this order.
METRICS = {
    "signed_up_14d": ("conversion", "proportion", "created a Kanbo account within 14 days (0 for logged-in visitors)"),
    "started_paid_14d": ("conversion", "proportion", "started a paid plan (Team or Business) within 14 days"),
    "revenue_14d": ("conversion", "mean", "USD billed within 14 days, 0 for visitors who did not pay"),
    "viewed_plan_comparison": ("pricing page", "proportion", "scrolled to or expanded the plan comparison table"),
    "opened_faq": ("pricing page", "proportion", "opened at least one FAQ entry"),
    "contacted_sales": ("pricing page", "proportion", "sent the contact-sales form within 14 days"),
    "viewed_security_page": ("pricing page", "proportion", "followed the link to the security page"),
    "bounced": ("pricing page", "proportion", "left the pricing page within 10 seconds without a click"),
    "time_on_page_sec": ("pricing page", "mean", "seconds on the pricing page, first visit"),
    "scroll_depth_pct": ("pricing page", "mean", "deepest scroll on the first visit, percent of the page"),
    "pricing_page_views": ("pricing page", "mean", "pricing page views within 14 days"),
    "visited_features_page": ("website", "proportion", "visited the features page within 14 days"),
    "visited_integrations_page": ("website", "proportion", "visited the integrations page within 14 days"),
    "read_customer_story": ("website", "proportion", "opened a customer story within 14 days"),
    "watched_demo_video": ("website", "proportion", "played the product demo video within 14 days"),
    "opened_chat_widget": ("website", "proportion", "opened the support chat widget within 14 days"),
    "returned_7d": ("website", "proportion", "visited kanbo.com again 1-7 days after the first visit"),
    "site_visits_14d": ("website", "mean", "visits to kanbo.com within 14 days, first visit included"),
    "page_error": ("guardrail", "proportion", "saw a JavaScript error on the pricing page"),
    "page_load_ms": ("guardrail", "mean", "pricing page load time, milliseconds (median of the visitor's views)"),
}


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function, for chances built on a logit scale."""
    return 1 / (1 + np.exp(-x))


def _true_block(rng: np.random.Generator, n: int, treated: bool) -> dict[str, np.ndarray]:
    """The metrics the redesign really moves: the comparison table, sign-ups and what sign-ups bring."""
    interest = rng.normal(0, 1, n)
    prospect = rng.random(n) < PROSPECT_SHARE
    compare = rng.random(n) < _sigmoid(COMPARE_LOGIT + 0.6 * interest + COMPARE_LOGIT_LIFT * treated)
    signed_up = prospect & (rng.random(n) < _sigmoid(SIGNUP_LOGIT + 0.5 * interest + SIGNUP_LOGIT_LIFT * treated))
    paid = rng.random(n) < np.where(prospect, signed_up * PAID_AFTER_SIGNUP, FREE_USER_UPGRADE)
    price = np.where(rng.random(n) < BUSINESS_SHARE, PRICE["Business"], PRICE["Team"])
    seats = np.clip(np.round(rng.lognormal(np.log(3), 1.0, n)), 1, 250)
    return {"signed_up_14d": signed_up, "started_paid_14d": paid, "revenue_14d": np.where(paid, price * seats, 0.0),
            "viewed_plan_comparison": compare}


def _modest_metric(rng: np.random.Generator, name: str, n: int, treated: bool) -> np.ndarray:
    """One metric the redesign moves a little, with its own spread of visitor interest."""
    z = rng.normal(0, 1, n)
    if name == "opened_faq":
        return rng.random(n) < _sigmoid(FAQ_LOGIT + 0.3 * z + FAQ_LOGIT_LIFT * treated)
    if name == "bounced":
        return rng.random(n) < _sigmoid(BOUNCE_LOGIT - 0.6 * z + BOUNCE_LOGIT_LIFT * treated)
    return np.round(rng.lognormal(TIME_LOG_MEAN + 0.3 * z + TIME_LOG_LIFT * treated, 0.9), 1)


def _null_block(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Metrics the redesign does not move, correlated through each visitor's interest as in real data."""
    z = rng.normal(0, 1, n)
    chance = {"contacted_sales": (-4.1, 0.4), "viewed_security_page": (-3.4, 0.3),
              "visited_features_page": (-1.8, 0.5), "visited_integrations_page": (-2.7, 0.4),
              "read_customer_story": (-3.0, 0.4), "watched_demo_video": (-3.2, 0.5), "opened_chat_widget": (-3.6, 0.2),
              "returned_7d": (-1.2, 0.7), "page_error": (-4.8, 0.0)}
    out = {name: rng.random(n) < _sigmoid(a + b * z) for name, (a, b) in chance.items()}
    out["scroll_depth_pct"] = np.round(100 * rng.beta(2.0 * np.exp(0.3 * z), 1.6), 0)
    out["pricing_page_views"] = 1 + rng.poisson(np.exp(-1.0 + 0.4 * z))
    out["site_visits_14d"] = 1 + rng.poisson(np.exp(0.1 + 0.6 * z))
    out["page_load_ms"] = np.round(rng.lognormal(np.log(1_150), 0.4, n))
    return out


def _p_value(control: np.ndarray, treatment: np.ndarray, kind: str) -> float:
    """Two-sided p: pooled two-proportion z for proportions, Welch's t for means."""
    if kind == "mean":
        return float(stats.ttest_ind(treatment, control, equal_var=False).pvalue)
    pooled = (control.sum() + treatment.sum()) / (len(control) + len(treatment))
    se = np.sqrt(pooled * (1 - pooled) * (1 / len(control) + 1 / len(treatment)))
    return float(2 * stats.norm.sf(abs(treatment.mean() - control.mean()) / se))


def _p_values(control: dict[str, np.ndarray], treatment: dict[str, np.ndarray]) -> dict[str, float]:
    """Each metric's two-sided p-value, as the scorecard's reader would compute it."""
    return {name: _p_value(control[name], treatment[name], METRICS[name][1]) for name in control}


def _draw_until(rng: np.random.Generator, draw: Callable[[], tuple[dict, dict]],
                accept: Callable[[dict[str, float]], bool]) -> tuple[dict, dict]:
    """Draw (control, treatment) blocks until `accept` likes their p-values; the first such draw wins."""
    for _ in range(MAX_ATTEMPTS):
        control, treatment = draw()
        if accept(_p_values(control, treatment)):
            return control, treatment
    raise RuntimeError("no draw met the planted scorecard pattern; widen the windows")


def _true_ok(p: dict[str, float]) -> bool:
    """Both detectable true effects clear Bonferroni with room; the rare conversions do not show."""
    detectable = max(p["viewed_plan_comparison"], p["signed_up_14d"]) < TRUE_MAX_P
    return detectable and min(p["started_paid_14d"], p["revenue_14d"]) > TRUE_RARE_MIN_P


def _nulls_ok(p: dict[str, float]) -> bool:
    """2-3 chance winners among the null metrics, none strong enough to survive BH."""
    wins = [v for v in p.values() if v < ALPHA]
    return NULL_WINS[0] <= len(wins) <= NULL_WINS[1] and min(wins) >= NULL_WIN_MIN_P


def _within(window: tuple[float, float]) -> Callable[[dict[str, float]], bool]:
    """Accept a one-metric draw whose p-value lies strictly inside `window`."""
    return lambda p: all(window[0] < v < window[1] for v in p.values())


def kept(p: dict[str, float]) -> dict[str, set[str]]:
    """The metrics Bonferroni, Holm and Benjamini-Hochberg keep at α = q = ALPHA (written out, no statsmodels)."""
    ranked = sorted(p, key=p.get)
    m = len(ranked)
    holm = 0
    while holm < m and p[ranked[holm]] <= ALPHA / (m - holm):
        holm += 1
    bh = max((k for k in range(1, m + 1) if p[ranked[k - 1]] <= k / m * ALPHA), default=0)
    return {"bonferroni": {name for name in p if p[name] <= ALPHA / m}, "holm": set(ranked[:holm]),
            "bh": set(ranked[:bh])}


def _summary(name: str, control: np.ndarray, treatment: np.ndarray) -> dict[str, object]:
    """One scorecard row: sizes, successes (proportions) or mean and sd (means) per arm."""
    category, kind, description = METRICS[name]
    row: dict[str, object] = {"metric": name, "category": category, "metric_type": kind,
                              "description": description, "n_control": len(control), "n_treatment": len(treatment)}
    for arm, values in (("control", control), ("treatment", treatment)):
        if kind == "proportion":
            row[f"successes_{arm}"] = int(values.sum())
            row[f"mean_{arm}"] = round(float(values.mean()), 6)
            row[f"sd_{arm}"] = np.nan
        else:
            row[f"successes_{arm}"] = pd.NA
            row[f"mean_{arm}"] = round(float(values.mean()), 4)
            row[f"sd_{arm}"] = round(float(values.std(ddof=1)), 4)
    return row


def build_pricing_page_scorecard(rng: np.random.Generator) -> pd.DataFrame:
    """One row per metric of the pricing-page test, each arm summarised from its visitor-level sample."""
    n_control, n_treatment = rng.multinomial(VISITORS, [0.5, 0.5])
    true = (_true_block(rng, n_control, False), _true_block(rng, n_treatment, True))
    if not _true_ok(_p_values(*true)):
        raise RuntimeError("the true effects did not come out as planted; revisit their sizes")
    control, treatment = dict(true[0]), dict(true[1])
    for name, window in zip(MODEST, (HOLM_ONLY_P, BH_ONLY_P, BH_ONLY_P), strict=True):
        c, t = _draw_until(rng, lambda name=name: ({name: _modest_metric(rng, name, n_control, False)},
                                                   {name: _modest_metric(rng, name, n_treatment, True)}),
                           _within(window))
        control.update(c)
        treatment.update(t)
    nulls = _draw_until(rng, lambda: (_null_block(rng, n_control), _null_block(rng, n_treatment)), _nulls_ok)
    control.update(nulls[0])
    treatment.update(nulls[1])
    frame = pd.DataFrame([_summary(name, control[name], treatment[name]) for name in METRICS])
    planted = {"bonferroni": set(STRONG), "holm": {*STRONG, MODEST[0]}, "bh": {*STRONG, *MODEST}}
    if kept(_p_values(control, treatment)) != planted:
        raise RuntimeError("Bonferroni, Holm and BH did not keep the planted metrics; revisit the windows")
    frame["successes_control"] = frame["successes_control"].astype("Int64")
    frame["successes_treatment"] = frame["successes_treatment"].astype("Int64")
    columns = ["metric", "category", "metric_type", "description", "n_control", "n_treatment", "successes_control",
               "successes_treatment", "mean_control", "mean_treatment", "sd_control", "sd_treatment"]
    return frame[columns]


TABLES = (
    Table(
        name="experiments/pricing_page_scorecard",
        build=build_pricing_page_scorecard,
        description="pricing-page redesign test: one row per metric of the experiment scorecard",
        unique_key=("metric",),
        columns=(
            Column("metric", "str", unique=True, allowed=tuple(METRICS)),
            Column("category", "str", allowed=("conversion", "pricing page", "website", "guardrail")),
            Column("metric_type", "str", allowed=("proportion", "mean")),
            Column("description", "str"),
            Column("n_control", "int", min=1),
            Column("n_treatment", "int", min=1),
            Column("successes_control", "int", nullable=True, min=0),
            Column("successes_treatment", "int", nullable=True, min=0),
            Column("mean_control", "float", min=0),
            Column("mean_treatment", "float", min=0),
            Column("sd_control", "float", nullable=True, min=0),
            Column("sd_treatment", "float", nullable=True, min=0),
        ),
    ),
)
