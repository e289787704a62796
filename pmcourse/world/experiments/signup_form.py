"""`experiments/signup_form_users`: the inline sign-up form on the pricing page, which really raises sign-ups.

Visitors of kanbo.com/pricing from Monday 3 to Sunday 30 November 2025 (about 650 a day: mostly
logged-out prospects, known only by a browser cookie, plus some logged-in Free users) were split 50/50
between the old page, whose "Start free" button leads to a separate sign-up page (control), and a page
with the sign-up form inline (treatment). Planted, for instructors:

- randomisation is clean (the split passes the SRM check);
- the inline form multiplies a prospect's chance of signing up within 14 days by 1 + SIGNUP_LIFT;
  logged-in Free users already have an account and cannot sign up (signed_up_14d is 0 for them);
- paid starts are rare (PAID_AFTER_SIGNUP of new sign-ups, FREE_USER_UPGRADE of logged-in Free users)
  and seats are heavy-tailed, so revenue_14d is mostly 0 and its Welch test is not significant;
- each visitor's interest level drives both visits_pre_28d (before exposure) and visits_14d, each period
  with its own noise, so CUPED on visits_14d cuts the variance by 1 − ρ² (ρ ≈ 0.6);
- the contact-sales guardrail (CONTACT_SALES) has the same rate in both arms.

Dirt: a visitor who used two browsers got a cookie, and an assignment, in each; when they signed up or
logged in the platform merged both cookies into one visitor_id, so a few identified visitors are listed
once under each variant (CROSSOVER_SHARE of identified visitors), with the same outcomes.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.experiments._common import VARIANTS, days_between, iso, pseudonyms, weekday_of
from pmcourse.world.spec import Column, Table

START, END = date(2025, 11, 3), date(2025, 11, 30)
VISITORS_PER_DAY = 650  # average over the week; the website is busiest on weekdays
WEBSITE_WEEKDAY = (1.0, 1.04, 1.03, 0.99, 0.87, 0.47, 0.43)  # Monday first: a work tool's website
PROSPECT_SHARE = 0.86  # the rest are logged-in Free users
MOBILE_SHARE = {"weekday": 0.27, "weekend": 0.45}  # of visitors, by the day they first came
# Interest ~ Gamma (mean 1); each period's visit rate gets its own lognormal noise, which sets ρ.
INTEREST_SHAPE, PERIOD_NOISE_SIGMA = 0.9, 0.45
PRE_VISITS_28D = {"prospect": 1.1, "free_user": 7.0}  # mean visits in the 28 days before exposure
POST_VISITS_14D = {"prospect": 0.9, "free_user": 3.6}  # mean extra visits in the 14 days from exposure
SIGNED_UP_VISIT_FACTOR = 2.5  # a new account brings the prospect back to the web app
BASE_SIGNUP = 0.066  # prospects, control, at mean interest, on desktop
MOBILE_SIGNUP_FACTOR, INTEREST_ELASTICITY = 0.7, 0.5
SIGNUP_LIFT = 0.30
PAID_AFTER_SIGNUP, FREE_USER_UPGRADE = 0.05, 0.012  # start a paid plan within 14 days
BUSINESS_SHARE, PRICE = 0.25, company.LIST_PRICE_PER_SEAT
SEATS_MEDIAN, SEATS_SIGMA, SEATS_MAX = 3.0, 1.0, 250
CONTACT_SALES = 0.017  # guardrail: sent the contact-sales form within 14 days, both arms
CROSSOVER_SHARE = 0.06  # of identified visitors (signed up or logged in)


def _daily_visitors(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """New visitors per day: the weekday rhythm around VISITORS_PER_DAY, with Poisson noise."""
    weights = np.asarray(WEBSITE_WEEKDAY)[weekday_of(days)]
    return rng.poisson(VISITORS_PER_DAY * len(days) * weights / weights.sum())


def _visits(rng: np.random.Generator, kind: np.ndarray, interest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Visit rates of the 28 days before exposure and the 14 days from it, sharing the visitor's interest."""
    n = len(kind)
    pre_mean = np.where(kind == "free_user", PRE_VISITS_28D["free_user"], PRE_VISITS_28D["prospect"])
    post_mean = np.where(kind == "free_user", POST_VISITS_14D["free_user"], POST_VISITS_14D["prospect"])
    noise = PERIOD_NOISE_SIGMA
    pre = pre_mean * interest * rng.lognormal(-noise**2 / 2, noise, n)
    post = post_mean * interest * rng.lognormal(-noise**2 / 2, noise, n)
    return pre, post


def _revenue(rng: np.random.Generator, paid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Plan and first month's bill (USD) of each visitor who started a paid plan; empty / 0 for the rest."""
    n = len(paid)
    business = rng.random(n) < BUSINESS_SHARE
    seats = np.clip(np.round(rng.lognormal(np.log(SEATS_MEDIAN), SEATS_SIGMA, n)), 1, SEATS_MAX)
    price = np.where(business, PRICE["Business"], PRICE["Team"])
    plan = np.where(paid, np.where(business, "Business", "Team"), "")
    return plan, np.where(paid, np.round(price * seats, 2), 0.0)


def build_signup_form_users(rng: np.random.Generator) -> pd.DataFrame:
    """One row per visitor (and variant, for the crossovers) of the inline sign-up form test."""
    days = days_between(START, END)
    assigned = np.repeat(days, _daily_visitors(rng, days))
    n = len(assigned)
    weekend = weekday_of(assigned) >= 5
    mobile = rng.random(n) < np.where(weekend, MOBILE_SHARE["weekend"], MOBILE_SHARE["weekday"])
    treated = rng.random(n) < 0.5
    kind = np.where(rng.random(n) < PROSPECT_SHARE, "prospect", "free_user")
    interest = rng.gamma(INTEREST_SHAPE, 1 / INTEREST_SHAPE, n)
    pre_rate, post_rate = _visits(rng, kind, interest)

    chance = BASE_SIGNUP * interest**INTEREST_ELASTICITY * np.where(mobile, MOBILE_SIGNUP_FACTOR, 1.0)
    chance = np.where(kind == "prospect", chance * np.where(treated, 1 + SIGNUP_LIFT, 1.0), 0.0)
    signed_up = rng.random(n) < np.minimum(chance, 0.5)
    paid = rng.random(n) < np.where(kind == "free_user", FREE_USER_UPGRADE, signed_up * PAID_AFTER_SIGNUP)
    plan, revenue = _revenue(rng, paid)
    visits = 1 + rng.poisson(post_rate * np.where(signed_up, SIGNED_UP_VISIT_FACTOR, 1.0))

    frame = pd.DataFrame({
        "visitor_id": pseudonyms(rng, "vis", n),
        "variant": np.array(VARIANTS)[treated.astype(int)],
        "assigned_date": iso(assigned),
        "device": np.where(mobile, "mobile", "desktop"),
        "logged_in": kind == "free_user",
        "visits_pre_28d": rng.poisson(pre_rate),
        "visits_14d": visits,
        "signed_up_14d": signed_up.astype(int),
        "paid_plan_14d": pd.Series(plan).replace("", np.nan),
        "revenue_14d": revenue,
        "contacted_sales_14d": (rng.random(n) < CONTACT_SALES).astype(int),
    })
    identified = frame["logged_in"].to_numpy() | signed_up
    crossover = frame[identified & (rng.random(n) < CROSSOVER_SHARE)].assign(
        variant=lambda f: np.where(f["variant"] == "control", "treatment", "control"))
    frame = pd.concat([frame, crossover], ignore_index=True)
    return frame.sort_values(["assigned_date", "visitor_id", "variant"], kind="stable").reset_index(drop=True)


TABLES = (
    Table(
        name="experiments/signup_form_users",
        build=build_signup_form_users,
        compress=True,
        description="inline sign-up form on the pricing page, A/B test: one row per visitor and variant",
        unique_key=("visitor_id", "variant"),
        columns=(
            Column("visitor_id", "str"),
            Column("variant", "str", allowed=VARIANTS),
            Column("assigned_date", "date", min=START.isoformat(), max=END.isoformat()),
            Column("device", "str", allowed=("desktop", "mobile")),
            Column("logged_in", "bool"),
            Column("visits_pre_28d", "int", min=0),
            Column("visits_14d", "int", min=1),
            Column("signed_up_14d", "int", allowed=(0, 1)),
            Column("paid_plan_14d", "str", nullable=True, allowed=("Team", "Business")),
            Column("revenue_14d", "float", min=0),
            Column("contacted_sales_14d", "int", allowed=(0, 1)),
        ),
    ),
)
