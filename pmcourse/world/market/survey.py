"""The January 2026 `survey_responses`: Kanbo customers and prospects on NPS, Likert items, Kano, price and outcomes.

One row per submission of a survey sent to Kanbo customers (email to workspace admins, with one
reminder) and to prospects (a B2B research panel), fielded 12-30 January 2026. It asks NPS (customers
only), five Likert items, Kano pairs for every candidate feature, Van Westendorp's four price
questions, importance and satisfaction for every customer outcome, and one pain point.

Planted (ground truth for instructors; the parameters are the constants below):

- Kano: each feature's answers come from the category shares in KANO_SHARES, so the modal category of
  the standard evaluation table is company.PLANTED_KANO for every feature, with R and Q minorities
  (many R for AI summaries and time tracking: some people do not want them at all).
- NPS falls with company size (NPS_MIX); detractors hold many 6s, so "detractors < 6" and "passives
  dropped" give clearly different (wrong) values.
- Van Westendorp: the price a respondent has in mind grows with company size (VW_REFERENCE_PRICE);
  VW_INCONSISTENT_SHARE of respondents answer out of order (the same number in every box, reversed,
  swapped or tied), and keeping them moves the optimal price point.
- Likert: `likert_trust_ai` is bimodal for executives (many 1s and 5s) and piled on 3-4 for
  individual contributors, so ranking roles by mean and by top-2-box disagree.
- Opportunity: importance and satisfaction top-2-box shares from OUTCOME_T2B: "see_workload" is the
  clear top outcome, and "find_tasks" is better served than it is important.

Dirt: internal test submissions from the kanbo.io email domain; respondents who submitted twice
(same respondent_id, a later response_id); out-of-order price answers; item non-response (and the
current-tool items left empty by people who use no tool).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from scipy.special import ndtr

from pmcourse.world import company
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import choice

# ---------------------------------------------------------------------------------------------------
# survey_responses: ground truth
# ---------------------------------------------------------------------------------------------------
N_CUSTOMERS, N_PROSPECTS = 650, 830
N_DUPLICATES = 19  # respondents who submitted the form twice
N_TEST_SUBMISSIONS = 7  # Kanbo staff testing the live form (email domain kanbo.io)
FIELDWORK_START, FIELDWORK_END = date(2026, 1, 12), date(2026, 1, 30)
CUSTOMER_EMAILS = (date(2026, 1, 13), date(2026, 1, 20))  # invitation, reminder (Tuesdays, 9:00 local)
ITEM_NONRESPONSE = 0.025  # chance a respondent skips any one item

ROLES = ("executive", "team lead", "project manager", "individual contributor", "operations / IT")
CUSTOMER_SIZE_SHARE = {"1-10": 0.30, "11-50": 0.31, "51-200": 0.21, "201-1000": 0.12, "1000+": 0.06}
PROSPECT_SIZE_SHARE = {"1-10": 0.24, "11-50": 0.25, "51-200": 0.21, "201-1000": 0.16, "1000+": 0.14}
ROLE_SHARE_BY_SIZE = {  # in ROLES order
    "1-10": (0.38, 0.18, 0.10, 0.24, 0.10),
    "11-50": (0.18, 0.28, 0.18, 0.26, 0.10),
    "51-200": (0.10, 0.30, 0.22, 0.28, 0.10),
    "201-1000": (0.07, 0.29, 0.24, 0.30, 0.10),
    "1000+": (0.05, 0.28, 0.26, 0.31, 0.10),
}
REGION_SHARE = {"North America": 0.40, "Europe": 0.33, "Latin America": 0.11, "Asia-Pacific": 0.16}
REGION_UTC_OFFSET = {"North America": -6, "Europe": 1, "Latin America": -4, "Asia-Pacific": 7}  # hours, rough
INDUSTRY_SHARE = {"software": 0.25, "agency": 0.17, "retail": 0.10, "education": 0.10, "healthcare": 0.08,
                  "finance": 0.10, "manufacturing": 0.12, "nonprofit": 0.08}
PROSPECT_TOOL_SHARE = {"Trellis": 0.20, "Taskwise": 0.09, "Boardly": 0.08, "FlowDeck": 0.07, "Pinboard Pro": 0.05,
                       "Sprintly": 0.06, "spreadsheets": 0.22, "email and chat": 0.10, "other": 0.08, "none": 0.05}

# NPS: (promoter share, detractor share) by company size; the rest are passives.
NPS_MIX = {"1-10": (0.58, 0.18), "11-50": (0.52, 0.20), "51-200": (0.45, 0.25), "201-1000": (0.36, 0.32),
           "1000+": (0.30, 0.38)}
DETRACTOR_SCORES = {6: 0.42, 5: 0.20, 4: 0.12, 3: 0.09, 2: 0.06, 1: 0.04, 0: 0.07}
PASSIVE_SCORES = {7: 0.45, 8: 0.55}
PROMOTER_SCORES = {9: 0.52, 10: 0.48}

# Kano: share of respondents in each category (A, O, M, I, R, Q) per feature; modal = company.PLANTED_KANO.
KANO_CATEGORIES = ("A", "O", "M", "I", "R", "Q")
KANO_SHARES = {
    "offline_mode": (0.10, 0.22, 0.42, 0.18, 0.04, 0.04),
    "ai_summaries": (0.40, 0.12, 0.06, 0.24, 0.12, 0.06),
    "gantt_timeline": (0.18, 0.38, 0.16, 0.22, 0.03, 0.03),
    "time_tracking": (0.18, 0.10, 0.08, 0.44, 0.14, 0.06),
    "guest_access": (0.42, 0.16, 0.10, 0.24, 0.04, 0.04),
    "custom_fields": (0.14, 0.36, 0.22, 0.22, 0.03, 0.03),
    "dark_mode": (0.26, 0.06, 0.04, 0.50, 0.08, 0.06),
}
KANO_SEGMENT_SHARES = {  # (feature, column, value) -> shares for that segment (same modal category)
    ("gantt_timeline", "role", "project manager"): (0.16, 0.50, 0.18, 0.12, 0.02, 0.02),
    ("guest_access", "industry", "agency"): (0.48, 0.22, 0.10, 0.14, 0.03, 0.03),
}
# The cells of the evaluation table (functional, dysfunctional) each category is answered through.
KANO_CELLS = {
    "A": ((("like", "must-be"), 0.15), (("like", "neutral"), 0.50), (("like", "live-with"), 0.35)),
    "O": ((("like", "dislike"), 1.0),),
    "M": ((("must-be", "dislike"), 0.25), (("neutral", "dislike"), 0.45), (("live-with", "dislike"), 0.30)),
    "I": ((("neutral", "neutral"), 0.42), (("neutral", "live-with"), 0.18), (("live-with", "live-with"), 0.14),
          (("live-with", "neutral"), 0.08), (("must-be", "must-be"), 0.06), (("must-be", "neutral"), 0.05),
          (("must-be", "live-with"), 0.03), (("neutral", "must-be"), 0.02), (("live-with", "must-be"), 0.02)),
    "R": ((("dislike", "like"), 0.55), (("neutral", "like"), 0.12), (("live-with", "like"), 0.10),
          (("must-be", "like"), 0.05), (("dislike", "neutral"), 0.10), (("dislike", "live-with"), 0.05),
          (("dislike", "must-be"), 0.03)),
    "Q": ((("like", "like"), 0.65), (("dislike", "dislike"), 0.35)),
}
KANO_ANSWERS = ("like", "must-be", "neutral", "live-with", "dislike")

# Van Westendorp: median price (USD per seat per month) a respondent has in mind, by company size;
# each answer is that price times a factor, rounded the way people write prices.
VW_REFERENCE_PRICE = {"1-10": 6.0, "11-50": 7.5, "51-200": 9.5, "201-1000": 12.0, "1000+": 14.0}
VW_SPREAD = 0.28  # lognormal sigma of the reference price within a size band
VW_CUSTOMER_ANCHOR = 0.3  # customers pull their reference price this far towards Kanbo's Team price
VW_FACTORS = ((0.30, 0.50), (0.65, 0.88), (1.25, 1.55), (1.65, 2.30))  # uniform ranges per question
VW_INCONSISTENT_SHARE = 0.08
VW_INCONSISTENT_KINDS = {"reversed": 0.25, "same": 0.55, "swapped": 0.10, "tied": 0.10}

# Likert items: base distribution over 1-5 and logit shifts by segment (positive = more agreement).
LIKERT_BASE = {
    "likert_easy_to_start": (0.06, 0.14, 0.25, 0.37, 0.18),
    "likert_see_priorities": (0.08, 0.20, 0.28, 0.32, 0.12),
    "likert_worth_price": (0.07, 0.15, 0.33, 0.33, 0.12),
    "likert_too_many_tools": (0.05, 0.12, 0.20, 0.35, 0.28),
}
LIKERT_SHIFTS = {
    "likert_easy_to_start": (("respondent_type", "customer", 0.5), ("current_tool", "spreadsheets", 0.4),
                             ("current_tool", "Taskwise", -0.6), ("current_tool", "FlowDeck", -0.4)),
    "likert_see_priorities": (("current_tool", "spreadsheets", -0.7), ("current_tool", "email and chat", -1.0),
                              ("company_size", "1000+", -0.4), ("respondent_type", "customer", 0.3)),
    "likert_worth_price": (("current_tool", "Taskwise", -0.7), ("current_tool", "Pinboard Pro", 0.5),
                           ("company_size", "1-10", -0.4)),
    "likert_too_many_tools": (("company_size", "1000+", 0.6), ("company_size", "201-1000", 0.4),
                              ("company_size", "1-10", -0.5)),
}
CURRENT_TOOL_ITEMS = ("likert_easy_to_start", "likert_worth_price")  # left empty by people with no tool
# The bimodal item: executives split into enthusiasts and sceptics, individual contributors sit on 3-4.
TRUST_AI_BY_ROLE = {
    "executive": (0.45, 0.06, 0.02, 0.07, 0.40),
    "team lead": (0.08, 0.16, 0.40, 0.28, 0.08),
    "project manager": (0.06, 0.14, 0.44, 0.28, 0.08),
    "individual contributor": (0.01, 0.04, 0.60, 0.33, 0.02),
    "operations / IT": (0.16, 0.18, 0.32, 0.24, 0.10),
}

# Outcomes: planted top-2-box shares (importance, satisfaction) before the segment shifts below.
OUTCOME_T2B = {
    "see_workload": (0.82, 0.34),
    "plan_timeline": (0.64, 0.44),
    "work_offline": (0.58, 0.24),
    "onboard_guests": (0.42, 0.34),
    "report_status": (0.66, 0.30),
    "find_tasks": (0.70, 0.90),
}
OUTCOME_SHIFTS = {  # (imp or sat, outcome) -> ((column, value, logit shift), ...)
    ("imp", "see_workload"): (("role", "team lead", 0.5), ("role", "individual contributor", -0.4)),
    ("imp", "plan_timeline"): (("role", "project manager", 0.7),),
    ("imp", "onboard_guests"): (("industry", "agency", 0.9),),
    ("imp", "report_status"): (("role", "executive", 0.6),),
    ("sat", "work_offline"): (("respondent_type", "customer", -0.6),),
    ("sat", "see_workload"): (("current_tool", "spreadsheets", -0.6),),
}
STYLE_WEIGHT = 0.45  # how much one respondent's answers share a common lean (Gaussian copula loading)

WEBMAIL = {"gmail.com": 0.46, "outlook.com": 0.20, "yahoo.com": 0.10, "hotmail.com": 0.10, "icloud.com": 0.09,
           "proton.me": 0.05}
WEBMAIL_SHARE = {"1-10": 0.55, "11-50": 0.25, "51-200": 0.10, "201-1000": 0.04, "1000+": 0.03}
DOMAIN_WORDS = (
    ("north", "blue", "bright", "red", "oak", "silver", "green", "stone", "lake", "iron", "maple", "cedar", "true",
     "clear", "swift", "open", "first", "harbor", "summit", "pixel", "quartz", "fox", "atlas", "nova", "terra",
     "lumen", "orbit", "alpine", "coral", "amber"),
    ("path", "wave", "field", "works", "labs", "studio", "point", "bridge", "line", "forge", "peak", "grove",
     "stack", "craft", "logic", "hub", "media", "health", "foods", "legal", "build", "learn", "finance", "care",
     "design", "group", "digital", "partners"),
)
REGION_TLDS = {
    "North America": ((".com", 0.8), (".ca", 0.1), (".io", 0.1)),
    "Europe": ((".co.uk", 0.25), (".de", 0.22), (".fr", 0.15), (".nl", 0.08), (".es", 0.10), (".eu", 0.05),
               (".com", 0.15)),
    "Latin America": ((".com.br", 0.5), (".com.mx", 0.3), (".com", 0.2)),
    "Asia-Pacific": ((".in", 0.35), (".com.au", 0.3), (".co.jp", 0.2), (".com", 0.15)),
}
STAFF_DOMAIN = "kanbo.io"

PAIN_POINT_EMPTY = 0.27
ANDROID_SYNC_MENTION = 0.12  # customers answering after the Android 5.4.0 release who mention it

# ---------------------------------------------------------------------------------------------------
# survey_responses: respondents
# ---------------------------------------------------------------------------------------------------
def _respondents(rng: np.random.Generator) -> pd.DataFrame:
    """Who answered: type, company size, role, industry, region and current tool, one row each."""
    kind = np.array(["customer"] * N_CUSTOMERS + ["prospect"] * N_PROSPECTS, dtype=object)
    n = len(kind)
    customer = kind == "customer"
    size = np.where(customer, choice(rng, CUSTOMER_SIZE_SHARE, n), choice(rng, PROSPECT_SIZE_SHARE, n))
    role = np.array([ROLES[rng.choice(len(ROLES), p=ROLE_SHARE_BY_SIZE[s])] for s in size], dtype=object)
    tool = np.where(customer, "Kanbo", choice(rng, PROSPECT_TOOL_SHARE, n))
    return pd.DataFrame({
        "respondent_type": kind, "role": role, "company_size": size,
        "industry": choice(rng, INDUSTRY_SHARE, n), "region": choice(rng, REGION_SHARE, n), "current_tool": tool,
    })


def _submitted_at(rng: np.random.Generator, frame: pd.DataFrame) -> pd.Series:
    """UTC submission times: customers answer in waves after each email, the panel fills across weekdays."""
    n = len(frame)
    customer = (frame["respondent_type"] == "customer").to_numpy()
    wave = rng.random(n) < 0.32  # answered after the reminder
    sent = np.where(wave, np.datetime64(CUSTOMER_EMAILS[1]), np.datetime64(CUSTOMER_EMAILS[0]))
    delay_days = np.minimum(rng.exponential(1.3, n), 9.0).astype(int)
    customer_day = sent + delay_days.astype("timedelta64[D]")
    panel_days = pd.bdate_range(FIELDWORK_START, FIELDWORK_END).to_numpy().astype("datetime64[D]")
    all_days = pd.date_range(FIELDWORK_START, FIELDWORK_END).to_numpy().astype("datetime64[D]")
    weekend = rng.random(n) < 0.08
    panel_day = np.where(weekend, all_days[rng.integers(len(all_days), size=n)],
                         panel_days[rng.integers(len(panel_days), size=n)])
    day = np.where(customer, customer_day, panel_day)
    local_minutes = np.where(customer & (delay_days == 0), rng.normal(11.5 * 60, 2.0 * 60, n),
                             rng.normal(13.5 * 60, 3.0 * 60, n))
    local_seconds = (np.clip(local_minutes, 6 * 60, 23 * 60) * 60).astype(np.int64) + rng.integers(0, 60, n)
    offset = frame["region"].map(REGION_UTC_OFFSET).to_numpy().astype(np.int64) * 3600
    utc = day.astype("datetime64[s]") + (local_seconds - offset).astype("timedelta64[s]")
    start = np.datetime64(FIELDWORK_START, "s")
    end = np.datetime64(FIELDWORK_END, "s") + np.timedelta64(86399, "s")
    return pd.Series(np.minimum(np.maximum(utc, start), end))


def _email_domains(rng: np.random.Generator, frame: pd.DataFrame) -> np.ndarray:
    """Email domain of each respondent (the address itself is removed): webmail for many small firms."""
    n = len(frame)
    first, second = DOMAIN_WORDS
    names = np.array([first[i] + second[j] for i, j in zip(rng.integers(len(first), size=n),
                                                          rng.integers(len(second), size=n), strict=True)])
    tlds = np.empty(n, dtype=object)
    for region, options in REGION_TLDS.items():
        mask = (frame["region"] == region).to_numpy()
        tlds[mask] = choice(rng, dict(options), int(mask.sum()))
    webmail = rng.random(n) < frame["company_size"].map(WEBMAIL_SHARE).to_numpy()
    return np.where(webmail, choice(rng, WEBMAIL, n).astype(str), names + tlds.astype(str))


# ---------------------------------------------------------------------------------------------------
# survey_responses: answers
# ---------------------------------------------------------------------------------------------------
def _ordinal(probs: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Answers 1..k from per-row probabilities (n × k) by the inverse CDF at `u` (keeps each row's lean)."""
    cumulative = np.cumsum(probs, axis=1)
    cumulative /= cumulative[:, -1:]
    return np.minimum((u[:, None] > cumulative).sum(axis=1), probs.shape[1] - 1) + 1


def _shifted(base: tuple[float, ...], shift: np.ndarray) -> np.ndarray:
    """Per-row five-point distributions: `base` moved by a logit `shift` (positive = higher answers)."""
    cumulative = np.clip(np.cumsum(base)[:-1], 1e-9, 1 - 1e-9)
    logits = np.log(cumulative / (1 - cumulative))[None, :] - shift[:, None]
    moved = 1 / (1 + np.exp(-logits))
    full = np.concatenate([np.zeros((len(shift), 1)), moved, np.ones((len(shift), 1))], axis=1)
    return np.diff(full, axis=1)


def _segment_shift(frame: pd.DataFrame, rules: tuple) -> np.ndarray:
    """Sum of the logit shifts whose (column, value) the row matches."""
    shift = np.zeros(len(frame))
    for column, value, amount in rules:
        shift += np.where(frame[column].to_numpy() == value, amount, 0.0)
    return shift


def _leaning_uniforms(rng: np.random.Generator, style: np.ndarray) -> np.ndarray:
    """Uniforms that share the respondent's lean `style` (a Gaussian copula), so answers correlate."""
    noise = rng.standard_normal(len(style))
    return ndtr(STYLE_WEIGHT * style + np.sqrt(1 - STYLE_WEIGHT**2) * noise)


def _five_point(top2: float) -> tuple[float, ...]:
    """A plausible 1-5 distribution whose top-2-box share is `top2`."""
    rest = 1 - top2
    return (rest * 0.17, rest * 0.33, rest * 0.50, top2 * 0.58, top2 * 0.42)


def _nps(rng: np.random.Generator, frame: pd.DataFrame, mood: np.ndarray) -> np.ndarray:
    """0-10 likelihood to recommend for customers (NaN for prospects), promoter mix set by company size."""
    u = _leaning_uniforms(rng, mood)
    probs = np.zeros((len(frame), 11))
    for i, size in enumerate(frame["company_size"]):
        promoters, detractors = NPS_MIX[size]
        for score, share in DETRACTOR_SCORES.items():
            probs[i, score] = detractors * share
        for score, share in PASSIVE_SCORES.items():
            probs[i, score] = (1 - promoters - detractors) * share
        for score, share in PROMOTER_SCORES.items():
            probs[i, score] = promoters * share
    score = (_ordinal(probs, u) - 1).astype(float)
    return np.where(frame["respondent_type"] == "customer", score, np.nan)


def _exact_draw(rng: np.random.Generator, shares: tuple[float, ...], n: int) -> np.ndarray:
    """n answers 1..k in exactly the given shares (largest remainder), shuffled: a plant without sampling noise."""
    raw = np.array(shares) * n
    counts = np.floor(raw).astype(int)
    counts[np.argsort(-(raw - counts), kind="stable")[: n - counts.sum()]] += 1
    return rng.permutation(np.repeat(np.arange(1, len(shares) + 1), counts))


def _trust_ai(rng: np.random.Generator, frame: pd.DataFrame) -> np.ndarray:
    """The bimodal item: answers drawn in exactly each role's planted shares."""
    answers = np.zeros(len(frame))
    for role, shares in TRUST_AI_BY_ROLE.items():
        rows = np.flatnonzero((frame["role"] == role).to_numpy())
        answers[rows] = _exact_draw(rng, shares, len(rows))
    return answers


def _likert(rng: np.random.Generator, frame: pd.DataFrame, mood: np.ndarray) -> dict[str, np.ndarray]:
    """The five Likert items (1-5; column order is set by the schema); current-tool items empty without a tool."""
    items: dict[str, np.ndarray] = {}
    no_tool = (frame["current_tool"] == "none").to_numpy()
    for item, base in LIKERT_BASE.items():
        answer = _ordinal(_shifted(base, _segment_shift(frame, LIKERT_SHIFTS[item])),
                          _leaning_uniforms(rng, mood)).astype(float)
        if item in CURRENT_TOOL_ITEMS:
            answer[no_tool] = np.nan
        items[item] = answer
    items["likert_trust_ai"] = _trust_ai(rng, frame)
    return items


def _kano(rng: np.random.Generator, frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Functional and dysfunctional answers per feature, drawn through a category and one of its cells."""
    columns: dict[str, np.ndarray] = {}
    n = len(frame)
    for feature, shares in KANO_SHARES.items():
        probs = np.tile(np.array(shares), (n, 1))
        for (key, column, value), segment in KANO_SEGMENT_SHARES.items():
            if key == feature:
                probs[(frame[column] == value).to_numpy()] = segment
        category = _ordinal(probs, rng.random(n)) - 1
        functional = np.empty(n, dtype=object)
        dysfunctional = np.empty(n, dtype=object)
        for c, name in enumerate(KANO_CATEGORIES):
            rows = np.flatnonzero(category == c)
            cells = KANO_CELLS[name]
            weights = np.array([w for _, w in cells])
            picks = rng.choice(len(cells), size=len(rows), p=weights / weights.sum())
            functional[rows] = [cells[k][0][0] for k in picks]
            dysfunctional[rows] = [cells[k][0][1] for k in picks]
        columns[f"kano_{feature}_functional"] = functional
        columns[f"kano_{feature}_dysfunctional"] = dysfunctional
    return columns


def _nice_price(value: np.ndarray, style: np.ndarray) -> np.ndarray:
    """Round prices the way people type them: whole dollars, x.99 or halves (fives above $20)."""
    whole = np.where(value >= 20, np.round(value / 5) * 5, np.where(value < 3, np.round(value * 2) / 2,
                                                                  np.round(value)))
    whole = np.maximum(whole, 0.5)
    ninety_nine = np.where(whole >= 3, whole - 0.01, whole)
    half = np.where(value >= 20, whole, np.maximum(np.round(value * 2) / 2, 0.5))
    return np.select([style == 0, style == 1], [whole, ninety_nine], half)


def _van_westendorp(rng: np.random.Generator, frame: pd.DataFrame) -> np.ndarray:
    """Four price answers (n × 4), strictly increasing except for the planted inconsistent respondents."""
    n = len(frame)
    reference = frame["company_size"].map(VW_REFERENCE_PRICE).to_numpy() * rng.lognormal(0, VW_SPREAD, n)
    customer = (frame["respondent_type"] == "customer").to_numpy()
    kanbo_team = company.LIST_PRICE_PER_SEAT["Team"]
    reference = np.where(customer, (1 - VW_CUSTOMER_ANCHOR) * reference + VW_CUSTOMER_ANCHOR * kanbo_team, reference)
    style = rng.choice(3, size=n, p=[0.6, 0.25, 0.15])
    answers = np.column_stack([_nice_price(reference * rng.uniform(low, high, n), style)
                               for low, high in VW_FACTORS])
    for k in range(1, 4):  # a consistent respondent never repeats a price: bump to the next round number
        step = np.where(answers[:, k - 1] >= 20, 5.0, 1.0)
        answers[:, k] = np.where(answers[:, k] <= answers[:, k - 1], answers[:, k - 1] + step, answers[:, k])
    kind = np.where(rng.random(n) < VW_INCONSISTENT_SHARE, choice(rng, VW_INCONSISTENT_KINDS, n), "ok")
    answers[kind == "reversed"] = answers[kind == "reversed"][:, ::-1]
    answers[kind == "swapped"] = answers[kind == "swapped"][:, [0, 2, 1, 3]]
    answers[kind == "tied", 3] = answers[kind == "tied", 2]
    answers[kind == "same"] = answers[kind == "same", 3:4]  # one number typed into every box
    return np.round(answers, 2)


def _outcomes(rng: np.random.Generator, frame: pd.DataFrame, mood: np.ndarray) -> dict[str, np.ndarray]:
    """Importance and satisfaction (1-5) for each customer outcome."""
    columns: dict[str, np.ndarray] = {}
    care = rng.standard_normal(len(frame))  # some people rate everything as important
    for outcome, (importance, satisfaction) in OUTCOME_T2B.items():
        for prefix, top2, lean in (("imp", importance, care), ("sat", satisfaction, mood)):
            shift = _segment_shift(frame, OUTCOME_SHIFTS.get((prefix, outcome), ()))
            columns[f"{prefix}_{outcome}"] = _ordinal(_shifted(_five_point(top2), shift),
                                                      _leaning_uniforms(rng, lean)).astype(float)
    return {key: columns[key] for prefix in ("imp", "sat") for key in columns if key.startswith(prefix)}


def _blank_items(rng: np.random.Generator, frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Item non-response: each respondent skips each item now and then (more often for long blocks)."""
    frame = frame.copy()
    skipper = rng.random(len(frame)) < 0.15  # some people skip far more than others
    for column in columns:
        rate = np.where(skipper, ITEM_NONRESPONSE * 4, ITEM_NONRESPONSE * 0.45)
        frame.loc[rng.random(len(frame)) < rate, column] = np.nan
    return frame


# ---------------------------------------------------------------------------------------------------
# survey_responses: pain points
# ---------------------------------------------------------------------------------------------------
PAIN_TOPICS = {
    "workload": (
        "I never know who on the team is overloaded until something is already late.",
        "Hard to see everyone's workload in one place, so the same two or three people get everything.",
        "we find out someone was drowning only in the retro",
        "No way to see capacity. I end up asking in {chat} who has time this week.",
        "Balancing work across {n} people is guesswork. Boards show tasks, not people.",
        "Managers keep assigning to the same senior devs because nobody can see who's free.",
        "Who is working on what?? I ask this every monday",
        "can't tell if the team is at capacity before saying yes to a new project",
        "Workload is invisible. Someone burns out, someone else is bored, and we only notice afterwards.",
        "I'd love one screen that shows who has too much on their plate next week.",
        "People say yes to everything and then quietly miss things because nobody sees the full load.",
    ),
    "deadlines": (
        "Deadlines slip silently. The due date passes and nobody gets a heads-up.",
        "Things fall through the cracks between handoffs.",
        "we miss deadlines because dependencies between tasks are invisible",
        "Tasks sit in 'in progress' for weeks and nobody notices.",
        "Half our due dates are fiction. Nobody updates them.",
        "When one task slips I have no idea what else it drags with it.",
        "Handoffs between design and dev are where things die.",
        "We only realise a deadline is at risk the day before.",
    ),
    "reporting": (
        "Every Friday I rebuild the same status slides for leadership by hand.",
        "Reporting to management takes me half a day a week.",
        "I copy numbers from {tool} into a deck every week. Painful.",
        "Status meetings exist only because nobody trusts the board.",
        "leadership wants a one-page view across all projects and we can't produce it without exporting to excel",
        "No decent dashboards, so I export CSVs and make charts myself",
        "Clients ask 'where are we' and I have to write it up manually every time.",
        "The board is fine for the team but useless for the board of directors.",
        "I spend Monday mornings chasing updates so I can write the weekly report.",
    ),
    "guests": (
        "Inviting {client} means paying for another seat, so we email them screenshots instead.",
        "We work with lots of {client} and giving them limited access to one board is a hassle.",
        "Client feedback lives in email while the work lives in the board.",
        "Need a simple way to share a board read-only with {client} without a full account.",
        "guest access is either all or nothing",
        "Onboarding freelancers for a 2-week job costs more admin time than it's worth.",
        "Our {client} can't see progress unless I send them an update.",
        "Approvals from {client} happen over email and never make it back into the task.",
    ),
    "offline": (
        "Our field staff lose everything when the signal drops.",
        "On the train or on site there is no connection, and the app just spins.",
        "I travel a lot and can't update tasks on the plane.",
        "Need to work offline in the warehouse, reception is terrible there",
        "The mobile app is useless without wifi.",
        "We visit clients' sites with no internet. Notes end up on paper and get typed in later, or never.",
        "Half our team works on the shop floor with patchy wifi.",
        "Lost an hour of edits when my connection dropped. Never again.",
    ),
    "search": (
        "Finding an old task takes forever, search only matches exact titles.",
        "We have hundreds of boards and nobody can find anything.",
        "search is bad. I end up scrolling.",
        "Information is spread across comments, attachments and {chat} threads; searching is hopeless.",
        "I know we discussed it somewhere but I can never find where.",
    ),
    "too_many_tools": (
        "We use {tool}, {chat}, email and a spreadsheet, and none of them agree.",
        "Too many tools. People don't know where the latest version of anything is.",
        "Context switching between {chat} and the board all day.",
        "Every team picked its own tool, so cross-team work is a mess.",
        "half the team uses the board, the other half uses their inbox",
        "We pay for three overlapping tools because each department chose one.",
        "The same task exists in three places with three different statuses.",
        "My day is copy-pasting between apps.",
    ),
    "price": (
        "Per-seat pricing gets expensive as we grow; we share logins to save money.",
        "We only use a fraction of what we pay for in {tool}.",
        "Hard to justify the cost for people who only look at the board once a week.",
        "Pricing jumps too much between the plans. We need one feature from the top tier.",
        "budget. we are a small team and every seat counts",
        "Paying for {n} seats when only a few people are really active.",
        "Finance asks me every quarter why we pay per seat for people who barely log in.",
        "The free plan is too limited and the paid plan is too expensive for us.",
    ),
    "notifications": (
        "Too many notifications, so everyone ignores them, including the important ones.",
        "Email notifications are so noisy I filtered them all into a folder I never open.",
        "I get pinged for every comment on every card.",
        "Notification settings are confusing, people either get everything or nothing.",
        "Important changes drown in a flood of pings.",
    ),
    "timeline": (
        "No proper timeline view, so planning a launch across teams happens in a spreadsheet.",
        "I need to see dependencies on a timeline, not just columns of cards.",
        "Long projects don't fit a kanban board, we need dates and milestones.",
        "Planning a quarter is impossible on a board, we use a gantt chart in excel next to it.",
        "Can't plan work against dates. Everything is 'this week' or 'someday'.",
        "When a milestone moves I have to shift 30 dates by hand.",
        "Cross-team roadmaps live in slides because the tool can't show them.",
    ),
    "adoption": (
        "Getting everyone to actually use the tool is the hardest part.",
        "Older colleagues refuse to use the board and send everything by email.",
        "New hires take weeks to understand our board setup.",
        "We set it up, used it for a month, and it slowly died.",
        "People only update their tasks right before the weekly meeting.",
        "Nobody owns the board, so it gets messy and people stop trusting it.",
        "Every team structures its boards differently, so moving between teams is confusing.",
        "The tool is only as good as the updates, and people don't update.",
    ),
    "integrations": (
        "Doesn't talk to our CRM, so sales and delivery live in two worlds.",
        "We need better integration with {chat} and Google Drive.",
        "Our developers live in Jira and everyone else in {tool}; syncing them is manual.",
        "Wish tasks could be created straight from email.",
        "The calendar sync is one-way and breaks regularly.",
        "No proper API, so every integration is a fragile Zapier chain.",
    ),
    "spreadsheet": (
        "Our task list is a shared spreadsheet and someone always overwrites someone else's changes.",
        "The project spreadsheet has 40 tabs and nobody knows which one is current.",
        "Spreadsheets work until more than three people edit them.",
        "we track everything in google sheets with colour codes only I understand",
        "Version chaos: task_list_FINAL_v3 (2).xlsx",
        "Our tracker is a spreadsheet someone built in 2019 and nobody dares to change.",
        "No reminders, no history, no owner. Just a big sheet.",
    ),
    "email": (
        "Tasks are assigned in email threads and get lost in the inbox.",
        "Work requests come by email, chat and hallway; there's no single list.",
        "Decisions get made in chat and nobody writes them down.",
        "Our 'system' is email plus good memory. It doesn't scale.",
        "If you're not cc'd you don't know it exists.",
    ),
    "time_tracking": (
        "We bill clients by the hour and time tracking lives in a separate app.",
        "Hard to know how long tasks actually take, so estimates are always wrong.",
        "Timesheets are a separate chore at the end of the week and nobody does them properly.",
        "Can't see which client projects actually make money.",
    ),
    "permissions": (
        "IT won't approve anything without SSO and audit logs.",
        "Permissions are too coarse: we need some boards hidden from contractors.",
        "Security review took four months for the last tool we bought.",
        "Managing user access across all our teams is a part-time job.",
        "Offboarding people means hunting through every board by hand.",
    ),
}
ANDROID_SYNC_TEXTS = (
    "Since the last Android update my boards don't sync until I force close the app.",
    "The Android app stopped syncing this week, the team sees old data on their phones.",
    "After the recent update, changes on my phone don't show up on the web. Android.",
    "android app shows yesterday's board after I switch apps. started a few days ago",
)
TOPIC_WEIGHTS = {topic: 1.0 for topic in PAIN_TOPICS} | {"spreadsheet": 0.0, "email": 0.0, "search": 0.6}
PAIN_PREFIXES = ("", "", "", "", "", "", "Honestly, ", "Biggest issue: ", "tbh ", "For me: ", "Main pain: ",
                 "Simple: ", "Probably this: ")
CHATS = ("Slack", "Teams", "Slack", "WhatsApp", "Google Chat")
CLIENTS = ("clients", "contractors", "freelancers", "external partners", "agencies")


def _topic_weights(row: pd.Series) -> np.ndarray:
    """How likely each pain topic is for this respondent (tool, size, industry and role tilt it)."""
    weights = dict(TOPIC_WEIGHTS)
    if row["current_tool"] == "spreadsheets":
        weights["spreadsheet"] = 5.0
    if row["current_tool"] in ("email and chat", "none"):
        weights["email"] = 5.0
    if row["company_size"] in ("201-1000", "1000+"):
        weights["permissions"] = 3.0
        weights["too_many_tools"] = 2.0
    if row["industry"] == "agency":
        weights["guests"] = 3.0
        weights["time_tracking"] = 2.5
    if row["industry"] in ("manufacturing", "healthcare", "retail"):
        weights["offline"] = 2.5
    if row["role"] in ("team lead", "project manager"):
        weights["workload"] = 2.5
        weights["timeline"] = 1.8
    if row["role"] == "executive":
        weights["reporting"] = 2.5
    if row["company_size"] == "1-10" or row["industry"] == "nonprofit":
        weights["price"] = 2.0
    weights["workload"] *= 1.5
    return np.array(list(weights.values()))


def _fill_text(rng: np.random.Generator, text: str, row: pd.Series) -> str:
    """Fill a pain-point text's slots ({tool}, {chat}, {client}, {n}) for this respondent."""
    tool = row["current_tool"] if row["current_tool"] not in ("none", "other", "email and chat", "spreadsheets") \
        else "our tool"
    team = {"1-10": (4, 9), "11-50": (8, 30), "51-200": (15, 60), "201-1000": (20, 120), "1000+": (30, 200)}
    low, high = team[row["company_size"]]
    return (text.replace("{tool}", tool).replace("{chat}", CHATS[int(rng.integers(len(CHATS)))])
            .replace("{client}", CLIENTS[int(rng.integers(len(CLIENTS)))])
            .replace("{n}", str(int(rng.integers(low, high + 1)))))


def _lower_first(text: str) -> str:
    """Lower-case a sentence's first letter after a prefix, leaving "I" and acronyms alone."""
    return text if text.startswith(("I ", "I'", "IT ")) else text[0].lower() + text[1:]


def _typed(rng: np.random.Generator, text: str) -> str:
    """Light typing noise: no final full stop, all lower case, an exclamation now and then."""
    draw = rng.random(3)
    if draw[0] < 0.25:
        text = text.rstrip(".")
    if draw[1] < 0.08:
        text = text.lower()
    if draw[2] < 0.04:
        text = text.rstrip(".") + "!"
    return text


def _pain_points(rng: np.random.Generator, frame: pd.DataFrame) -> list[str | None]:
    """One free-text pain point per respondent (about a quarter leave it empty)."""
    topics = list(PAIN_TOPICS)
    sync_from = pd.Timestamp("2026-01-21")
    texts: list[str | None] = []
    for _, row in frame.iterrows():
        if rng.random() < PAIN_POINT_EMPTY:
            texts.append(None)
            continue
        if (row["respondent_type"] == "customer" and row["submitted_at"] >= sync_from
                and rng.random() < ANDROID_SYNC_MENTION):
            texts.append(ANDROID_SYNC_TEXTS[int(rng.integers(len(ANDROID_SYNC_TEXTS)))])
            continue
        weights = _topic_weights(row)
        picked = rng.choice(len(topics), size=2, replace=False, p=weights / weights.sum())
        options = PAIN_TOPICS[topics[picked[0]]]
        text = _fill_text(rng, options[int(rng.integers(len(options)))], row)
        if rng.random() < 0.18:  # a second complaint, on another topic
            more = PAIN_TOPICS[topics[picked[1]]]
            text = text.rstrip(".") + ". " + _fill_text(rng, more[int(rng.integers(len(more)))], row)
        prefix = PAIN_PREFIXES[int(rng.integers(len(PAIN_PREFIXES)))]
        texts.append(_typed(rng, prefix + _lower_first(text) if prefix else text))
    return texts


# ---------------------------------------------------------------------------------------------------
# survey_responses: assembly and dirt
# ---------------------------------------------------------------------------------------------------
def _test_submissions(rng: np.random.Generator, columns: list[str]) -> pd.DataFrame:
    """Kanbo staff clicking through the live form: kanbo.io addresses, fast, odd answers."""
    rows = []
    for k in range(N_TEST_SUBMISSIONS):
        row: dict[str, object] = {column: np.nan for column in columns}
        size = company.COMPANY_SIZES[int(rng.integers(5))]
        row.update({
            "submitted_at": np.datetime64(FIELDWORK_START, "s") + np.timedelta64(int(rng.integers(0, 6 * 86400)), "s")
            if k < 4 else np.datetime64("2026-01-20T08:05:00") + np.timedelta64(k * 211, "s"),
            "duration_sec": int(rng.integers(35, 140)), "email_domain": STAFF_DOMAIN,
            "respondent_type": "customer", "role": ROLES[int(rng.integers(len(ROLES)))], "company_size": size,
            "industry": "software", "region": "Europe", "current_tool": "Kanbo",
            "nps": float(rng.choice([0, 10, 10])),
            "vw_too_cheap": 1.0, "vw_cheap": 2.0, "vw_expensive": 3.0, "vw_too_expensive": 4.0,
            "pain_point": ("test", "testing the survey flow - please ignore", "asdf", None, "test 2", "ignore",
                           "checking the reminder link")[k % 7],
        })
        for column in columns:
            if column.startswith(("likert_", "imp_", "sat_")):
                row[column] = float(rng.choice([1, 3, 5]))
            elif column.startswith("kano_"):
                row[column] = "like"
        rows.append(row)
    return pd.DataFrame(rows)


def build_survey_responses(rng: np.random.Generator) -> pd.DataFrame:
    """The `survey_responses` table: one row per submission, in submission order."""
    frame = _respondents(rng)
    n = len(frame)
    frame["submitted_at"] = _submitted_at(rng, frame)
    frame["duration_sec"] = np.round(rng.lognormal(np.log(560), 0.45, n)).astype(int)
    frame["email_domain"] = _email_domains(rng, frame)
    mood = rng.standard_normal(n)
    frame["nps"] = _nps(rng, frame, mood)
    for key, values in _likert(rng, frame, mood).items():
        frame[key] = values
    for key, values in _kano(rng, frame).items():
        frame[key] = values
    prices = _van_westendorp(rng, frame)
    for k, key in enumerate(("vw_too_cheap", "vw_cheap", "vw_expensive", "vw_too_expensive")):
        frame[key] = prices[:, k]
    for key, values in _outcomes(rng, frame, mood).items():
        frame[key] = values
    frame["pain_point"] = _pain_points(rng, frame)

    items = [c for c in frame.columns if c.startswith(("likert_", "kano_", "imp_", "sat_"))]
    frame = _blank_items(rng, frame, [*items, "nps"])
    skip_prices = rng.random(n) < 0.03  # skipped the pricing page
    frame.loc[skip_prices, ["vw_too_cheap", "vw_cheap", "vw_expensive", "vw_too_expensive"]] = np.nan
    one_price = np.flatnonzero(~skip_prices & (rng.random(n) < 0.012))
    for row in one_price:
        frame.iloc[row, frame.columns.get_loc(f"vw_{('cheap', 'expensive')[int(rng.integers(2))]}")] = np.nan

    ids = rng.choice(np.arange(100_000, 1_000_000), size=n + N_TEST_SUBMISSIONS, replace=False)
    frame.insert(0, "respondent_id", ids[:n])
    again = frame.iloc[np.sort(rng.choice(n, size=N_DUPLICATES, replace=False))].copy()
    later = np.where(rng.random(N_DUPLICATES) < 0.5, rng.integers(15, 300, N_DUPLICATES),
                     rng.integers(3600, 6 * 86400, N_DUPLICATES))
    closed = pd.Timestamp(FIELDWORK_END) + pd.Timedelta(days=1)  # the survey closed at midnight UTC
    late = again["submitted_at"] + pd.to_timedelta(later, unit="s")
    again["submitted_at"] = late.where(late < closed, again["submitted_at"] + pd.to_timedelta(later % 300, unit="s"))
    again["duration_sec"] = np.round(again["duration_sec"] * rng.uniform(0.3, 1.1, N_DUPLICATES)).astype(int)
    tests = _test_submissions(rng, list(frame.columns)).assign(respondent_id=ids[n:])
    frame = pd.concat([frame, again, tests], ignore_index=True)
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    frame = frame.sort_values(["submitted_at", "respondent_id"], kind="stable").reset_index(drop=True)
    frame.insert(0, "response_id", np.arange(1, len(frame) + 1))
    frame["submitted_at"] = frame["submitted_at"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    for column in ["nps", *[c for c in frame.columns if c.startswith(("likert_", "imp_", "sat_"))]]:
        frame[column] = frame[column].astype("Int64")
    frame["duration_sec"] = frame["duration_sec"].astype(int)
    return frame[[column.name for column in SURVEY_COLUMNS]]


SURVEY_COLUMNS = (
    Column("response_id", "int", unique=True, min=1),
    Column("respondent_id", "int", min=100_000, max=999_999),
    Column("submitted_at", "datetime", min=FIELDWORK_START.isoformat(), max="2026-02-01"),
    Column("duration_sec", "int", min=10, max=7200),
    Column("email_domain", "str"),
    Column("respondent_type", "str", allowed=("prospect", "customer")),
    Column("role", "str", allowed=ROLES),
    Column("company_size", "str", allowed=company.COMPANY_SIZES),
    Column("industry", "str", allowed=company.INDUSTRIES),
    Column("region", "str", allowed=company.REGIONS),
    Column("current_tool", "str", allowed=(*company.COMPETITORS, "Kanbo", "spreadsheets", "email and chat",
                                           "other", "none")),
    Column("nps", "int", nullable=True, min=0, max=10),
    *[Column(item, "int", nullable=True, min=1, max=5)
      for item in ("likert_easy_to_start", "likert_see_priorities", "likert_worth_price", "likert_trust_ai",
                   "likert_too_many_tools")],
    *[Column(f"kano_{feature}_{side}", "str", nullable=True, allowed=KANO_ANSWERS)
      for feature in company.CANDIDATE_FEATURES for side in ("functional", "dysfunctional")],
    *[Column(f"vw_{q}", "float", nullable=True, min=0.5, max=200)
      for q in ("too_cheap", "cheap", "expensive", "too_expensive")],
    *[Column(f"{prefix}_{outcome}", "int", nullable=True, min=1, max=5)
      for prefix in ("imp", "sat") for outcome in company.CUSTOMER_OUTCOMES],
    Column("pain_point", "str", nullable=True),
)

TABLE = Table(
    name="survey_responses",
    build=build_survey_responses,
    description="January 2026 customer and prospect survey, one row per submission",
    unique_key=("response_id",),
    columns=SURVEY_COLUMNS,
)
