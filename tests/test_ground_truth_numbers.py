"""Every number `docs/world-ground-truth.md` states for the market research, reviews and experiments tables.

The instructors' ground-truth document quotes many values "measured on the frozen files". So that it cannot
drift from the data again, each value is recomputed here from `datasets/` with plain pandas / scipy /
statsmodels (never by calling the generator), formatted as the document prints it (same rounding, "1,480",
"+27.4", "2.4e-39", "41.8%") inside a short template of the surrounding words, and looked up in the
document. Generator parameters the document states ("σ 0.28", "`VISITORS_PER_DAY` 650") are read from the
generator modules instead. A last test checks that every number in these sections is covered by some claim.
The definitions are the ones the document states (cleaning rules, windows, pooled SE for z, unpooled SE for
the CI, delta method, Welch, χ² goodness of fit for SRM, CUPED θ pooled over arms, BH via statsmodels).
Run this file as a script to print every claim as it should read, marking those the document lacks.
"""

from __future__ import annotations

import numbers
import re
import string
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

TEAM_PRICE = 8.0  # checked against company.LIST_PRICE_PER_SEAT in the parameter claims
DOC = COURSE_ROOT / "docs" / "world-ground-truth.md"
DATASETS = COURSE_ROOT / "datasets"
WORLD = COURSE_ROOT / "pmcourse" / "world"
Facts = dict[str, object]


class _Prose(string.Formatter):
    """str.format as the document prints numbers: minus as "−", exponents unpadded ("9.0e-5")."""

    def format_field(self, value: object, format_spec: str) -> str:
        text = format(value, format_spec)
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            text = re.sub(r"e([+-])0*(\d)", lambda m: "e" + m[1].replace("+", "") + m[2], text)
            text = re.sub(r"(?<!e)-", "−", text)
        return text


PROSE = _Prose()


def table(name: str) -> pd.DataFrame:
    """A frozen table, parsed once per process by `load` (which hands out copies)."""
    return load(name, start=COURSE_ROOT)


def file_size(name: str, unit: float) -> float:
    """Size of a frozen file in decimal units (1e3 = KB, 1e6 = MB)."""
    return (DATASETS / name).stat().st_size / unit


def r(value: float, step: float) -> float:
    """`value` rounded to the nearest multiple of `step`, as prose rounds ("≈ 60–100")."""
    return round(value / step) * step


def day_month(day: pd.Timestamp | str) -> str:
    """"21 Jan" as the document writes dates."""
    return f"{pd.Timestamp(day).day} {pd.Timestamp(day):%b}"


# --- survey_responses ---------------------------------------------------------------------------------------

STAFF_DOMAIN = "kanbo.io"
FEATURES = ("offline_mode", "ai_summaries", "gantt_timeline", "time_tracking", "guest_access", "custom_fields",
            "dark_mode")
OUTCOMES = ("see_workload", "plan_timeline", "work_offline", "onboard_guests", "report_status", "find_tasks")
VW = ("vw_too_cheap", "vw_cheap", "vw_expensive", "vw_too_expensive")
SIZES = ("1-10", "11-50", "51-200", "201-1000", "1000+")
LIKERT = ("easy_to_start", "see_priorities", "worth_price", "trust_ai", "too_many_tools")
KANO_ORDER = ("like", "must-be", "neutral", "live-with", "dislike")
KANO_TABLE = (  # rows functional answer, columns dysfunctional answer
    ("Q", "A", "A", "A", "O"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "R", "R", "R", "Q"),
)
TIE_ORDER = ("M", "O", "A", "I", "R", "Q")


@cache
def survey_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(raw file, cleaned): no kanbo.io test submissions, each respondent's earliest submission."""
    raw = table("survey_responses")
    clean = raw[raw["email_domain"] != STAFF_DOMAIN].sort_values("submitted_at")
    return raw, clean.drop_duplicates("respondent_id", keep="first").reset_index(drop=True)


def nps_parts(scores: pd.Series, detractor_max: int = 6) -> tuple[float, float, int]:
    """(promoter share, detractor share, n) of the answered 0-10 scores."""
    scores = scores.dropna()
    return (scores >= 9).mean(), (scores <= detractor_max).mean(), len(scores)


def nps(scores: pd.Series, detractor_max: int = 6, drop_passives: bool = False) -> float:
    """NPS in points; the keyword arguments reproduce two common mistakes."""
    scores = scores.dropna()
    promoters, detractors = (scores >= 9).sum(), (scores <= detractor_max).sum()
    base = promoters + detractors if drop_passives else len(scores)
    return 100 * (promoters - detractors) / base


def kano_shares(survey: pd.DataFrame, feature: str) -> pd.Series:
    """Category shares of one feature over the answered pairs, in TIE_ORDER."""
    pairs = survey[[f"kano_{feature}_functional", f"kano_{feature}_dysfunctional"]].dropna()
    cats = [KANO_TABLE[KANO_ORDER.index(f)][KANO_ORDER.index(d)] for f, d in pairs.itertuples(index=False)]
    counts = pd.Series(cats).value_counts().reindex(TIE_ORDER, fill_value=0)
    return counts / counts.sum()


def price_points(answers: pd.DataFrame) -> dict[str, float]:
    """Van Westendorp PMC, OPP, IPP and PME on a 0.01 grid (first crossing), as the spec defines them."""
    values = {q: answers[q].to_numpy() for q in VW}
    grid = np.arange(int(np.round(answers.min().min() * 100)), int(np.round(answers.max().max() * 100)) + 1) / 100
    n = len(answers)
    too_cheap = (values["vw_too_cheap"][None, :] >= grid[:, None]).sum(axis=1) / n
    cheap = (values["vw_cheap"][None, :] >= grid[:, None]).sum(axis=1) / n
    expensive = (values["vw_expensive"][None, :] <= grid[:, None]).sum(axis=1) / n
    too_expensive = (values["vw_too_expensive"][None, :] <= grid[:, None]).sum(axis=1) / n

    def first(rising: np.ndarray, falling: np.ndarray) -> float:
        return float(grid[np.argmax(rising >= falling)])

    return {"PMC": first(1 - cheap, too_cheap), "OPP": first(too_expensive, too_cheap),
            "IPP": first(expensive, cheap), "PME": first(too_expensive, 1 - expensive)}


def consistent(survey: pd.DataFrame) -> pd.DataFrame:
    """Respondents whose four prices rise strictly (NaN comparisons are False, so gaps drop out)."""
    p = survey[list(VW)]
    keep = (p["vw_too_cheap"] < p["vw_cheap"]) & (p["vw_cheap"] < p["vw_expensive"]) & (
        p["vw_expensive"] < p["vw_too_expensive"])
    return survey[keep]


def top2(series: pd.Series) -> float:
    """Share answering 4 or 5 among those who answered."""
    return float((series.dropna() >= 4).mean())


def points_text(points: dict[str, float]) -> str:
    return "/".join(f"{points[k]:.2f}" for k in ("PMC", "OPP", "IPP", "PME"))


@cache
def survey_facts() -> Facts:
    raw, survey = survey_tables()
    staff = raw["email_domain"] == STAFF_DOMAIN
    f: Facts = {"rows": len(raw), "columns": raw.shape[1], "mb": file_size("survey_responses.csv", 1e6),
                "staff": int(staff.sum()), "repeats": int(raw[~staff].duplicated("respondent_id").sum()),
                "respondents": len(survey)}
    kind = survey["respondent_type"].value_counts()
    f["customers"], f["prospects"] = kind["customer"], kind["prospect"]
    # Kano: modal vs runner-up, R and Q minorities, Better / Worse.
    shares = {feature: kano_shares(survey, feature) for feature in FEATURES}
    modal = []
    for feature, s in shares.items():
        first = s.idxmax()  # ties broken by TIE_ORDER (index order)
        second = s.drop(first).idxmax()
        modal.append(f"{feature} {first} {s[first]:.1%} vs {second} {s[second]:.1%}")
    f["kano_modal"] = "; ".join(modal)
    r_share = pd.Series({k: s["R"] for k, s in shares.items()})
    f["r_ai"], f["r_time"] = r_share["ai_summaries"], r_share["time_tracking"]
    rest = r_share.drop(["ai_summaries", "time_tracking"])
    f["r_lo"], f["r_hi"] = 100 * rest.min(), 100 * rest.max()
    q_share = pd.Series({k: s["Q"] for k, s in shares.items()})
    f["q_lo"], f["q_hi"] = 100 * q_share.min(), 100 * q_share.max()
    label = {"offline_mode": "offline", "ai_summaries": "AI", "gantt_timeline": "Gantt",
             "time_tracking": "time tracking", "guest_access": "guest", "custom_fields": "custom fields",
             "dark_mode": "dark mode"}
    better_worse = []
    for feature, s in shares.items():
        base = s[["A", "O", "M", "I"]].sum()
        better, worse = (s["A"] + s["O"]) / base, -(s["O"] + s["M"]) / base
        better_worse.append(PROSE.format("{} {:.2f} / {:.2f}", label[feature], better, worse))
    f["better_worse"] = "; ".join(better_worse)
    f["ai_better_rq"] = shares["ai_summaries"][["A", "O"]].sum()
    f["time_better_rq"] = shares["time_tracking"][["A", "O"]].sum()
    # NPS, by size, and its misconceptions.
    customers = survey[survey["respondent_type"] == "customer"]
    p, d, n = nps_parts(customers["nps"])
    f.update(nps_n=n, nps=100 * (p - d), nps_p=p, nps_d=d, nps_se=100 * np.sqrt((p + d - (p - d) ** 2) / n))
    by_size = []
    for k, size in enumerate(SIZES):
        scores = customers.loc[customers["company_size"] == size, "nps"]
        n_text = f"n {scores.notna().sum()}" if k == 0 else f"{scores.notna().sum()}"
        by_size.append(PROSE.format("{} {:+.1f} ({})", size, nps(scores), n_text))
    f["nps_by_size"] = ", ".join(by_size)
    f["sixes"] = (customers["nps"].dropna() == 6).mean()
    f["nps_lt6"], f["nps_no_passives"] = nps(customers["nps"], 5), nps(customers["nps"], drop_passives=True)
    f["nps_fraction"] = nps(customers["nps"]) / 100
    raw_customers = raw[raw["respondent_type"] == "customer"]
    f["nps_raw"] = nps(raw_customers["nps"])
    no_staff = raw_customers[raw_customers["email_domain"] != STAFF_DOMAIN]
    f["staff_moves_nps"] = "under a point" if abs(nps(raw_customers["nps"]) - nps(no_staff["nps"])) < 1 else "more"
    # Van Westendorp.
    kept = consistent(survey)
    complete = survey[list(VW)].dropna()
    f["vw_consistent"] = len(kept)
    right = price_points(kept[list(VW)])
    f.update({f"vw_{k}": v for k, v in right.items()})
    f["vw_by_size"] = "; ".join(
        f"{size} {points_text(price_points(kept.loc[kept['company_size'] == size, list(VW)]))}" for size in SIZES)
    f["vw_customers"] = points_text(price_points(kept.loc[kept["respondent_type"] == "customer", list(VW)]))
    f["vw_prospects"] = points_text(price_points(kept.loc[kept["respondent_type"] == "prospect", list(VW)]))
    wrong = price_points(complete)
    f.update({f"vw_wrong_{k}": v for k, v in wrong.items()})
    f["vw_opp_moves"] = wrong["OPP"] - right["OPP"]
    f["vw_complete"], f["vw_inconsistent"] = len(complete), len(complete) - len(kept)
    f["vw_inconsistent_share"] = 1 - len(kept) / len(complete)
    # Likert: trust_ai by role, ranked by top-2-box and by mean; the other items overall.
    item = survey.groupby("role")["likert_trust_ai"]
    t2b = item.apply(top2).sort_values(ascending=False)
    mean = item.mean().sort_values(ascending=False)
    f["trust_top2"] = ", ".join(f"{role} {share:.1%}" + (" (highest)" if k == 0 else "")
                                for k, (role, share) in enumerate(t2b.items()))
    f["trust_mean"] = ", ".join(f"{role} {value:.2f}" + {0: " (highest)", len(mean) - 1: " (lowest)"}.get(k, "")
                                for k, (role, value) in enumerate(mean.items()))
    f["likert_top2"] = ", ".join(f"{name} {top2(survey[f'likert_{name}']):.1%}" for name in LIKERT)
    # Opportunity scores on the 0-10 scale.
    imp = pd.Series({o: 10 * top2(survey[f"imp_{o}"]) for o in OUTCOMES})
    sat = pd.Series({o: 10 * top2(survey[f"sat_{o}"]) for o in OUTCOMES})
    score = (imp + (imp - sat).clip(lower=0)).sort_values(ascending=False)
    f["opportunity"] = "; ".join(f"{o} {imp[o]:.2f}, {sat[o]:.2f}, " + (f"**{s:.2f}** (top)" if k == 0 else f"{s:.2f}")
                                 for k, (o, s) in enumerate(score.items()))
    no_max = imp + (imp - sat)
    f["find_tasks_no_max"] = no_max["find_tasks"]
    f["falls_below"] = "onboard_guests" if no_max["find_tasks"] < no_max["onboard_guests"] else "?"
    # Pain points, on the raw file.
    pain = raw["pain_point"]
    f["pain_filled"], f["pain_empty"] = pain.notna().sum(), pain.isna().mean()
    f["pain_distinct"] = pain.nunique()
    f["pain_android"] = pain.str.contains("android", case=False, na=False).sum()
    # Test submissions and repeats.
    tests = raw[staff]
    f["test_rows"] = len(tests)
    f["test_sec_lo"], f["test_sec_hi"] = tests["duration_sec"].min(), tests["duration_sec"].max()
    f["test_nps"] = "/".join(str(int(v)) for v in sorted(tests["nps"].dropna().unique()))
    f["test_prices"] = "/".join(f"{v:g}" for v in tests[list(VW)].drop_duplicates().iloc[0]) if len(
        tests[list(VW)].drop_duplicates()) == 1 else "?"
    kano_columns = [c for c in raw.columns if c.startswith("kano_")]
    f["test_kano"] = "all Kano \"like\"" if (tests[kano_columns] == "like").all().all() else "?"
    later = raw[~staff].sort_values("submitted_at").groupby("respondent_id")["submitted_at"].agg(["min", "max"])
    gaps = (later["max"] - later["min"])[later["max"] > later["min"]]
    f["repeat_ids"] = len(gaps)
    f["within_5min"] = "half" if 0.35 <= (gaps < pd.Timedelta(minutes=5)).mean() <= 0.65 else "?"
    items = [c for c in survey.columns if c.startswith(("likert_", "kano_", "imp_", "sat_"))]
    empty = survey[items].isna().mean()
    f["empty_lo"], f["empty_hi"] = 100 * empty.min(), 100 * empty.max()
    return f


SURVEY = [
    ("heading", "### `survey_responses` ({rows:,} rows × {columns} columns, {mb:.2f} MB)"),
    ("cleaning", "drop the {staff}\n`kanbo.io` test submissions, keep each `respondent_id`'s earliest submission "
                 "({repeats} repeats dropped) →\n{respondents:,} respondents ({customers} customers, {prospects} "
                 "prospects)"),
    ("kano modal", "modal share vs runner-up: {kano_modal} |"),
    ("R and Q", "R {r_ai:.1%} (AI summaries) and {r_time:.1%} (time tracking), {r_lo:.0f}–{r_hi:.0f}% elsewhere; "
                "Q {q_lo:.1f}–{q_hi:.1f}%"),
    ("better worse", "Better / Worse: {better_worse}. With R and Q in the denominator AI Better drops to "
                     "{ai_better_rq:.2f} (time tracking {time_better_rq:.2f})"),
    ("nps", "{nps_n} customers answered: NPS **{nps:+.1f}** (P {nps_p:.1%}, D {nps_d:.1%}, SE {nps_se:.1f} points); "
            "by size {nps_by_size} |"),
    ("nps sixes", "many 6s ({sixes:.1%} of answers)"),
    ("nps mistakes", "detractors as < 6: {nps_lt6:+.1f}; passives dropped: {nps_no_passives:+.1f}; as a fraction: "
                     "{nps_fraction:.3f}. Keeping staff and repeats: {nps_raw:+.1f}"),
    ("van westendorp", "consistent respondents ({vw_consistent:,}): **PMC ${vw_PMC:.2f}, OPP ${vw_OPP:.2f}, "
                       "IPP ${vw_IPP:.2f}, PME ${vw_PME:.2f}**. By size (PMC/OPP/IPP/PME): {vw_by_size}. "
                       "Customers {vw_customers}, prospects {vw_prospects} |"),
    ("vw inconsistent", "{vw_inconsistent} of {vw_complete:,} complete answer sets ({vw_inconsistent_share:.1%}) not "
                        "strictly rising. Keeping them: PMC {vw_wrong_PMC:.2f}, **OPP {vw_wrong_OPP:.2f}** "
                        "(+${vw_opp_moves:.2f}), IPP {vw_wrong_IPP:.2f}, PME {vw_wrong_PME:.2f}"),
    ("trust_ai", "top-2-box: {trust_top2}. Mean: {trust_mean} |"),
    ("likert", "top-2-box overall: {likert_top2} |"),
    ("opportunity", "on the 0–10 scale (imp, sat, opportunity): {opportunity}. Without max(): find_tasks "
                    "{find_tasks_no_max:.2f}, falls below {falls_below} |"),
    ("pain points", "raw file: {pain_filled:,} non-empty ({pain_empty:.1%} empty), {pain_distinct} distinct texts; "
                    "{pain_android} mention Android"),
    ("test submissions", "{test_rows} rows at `kanbo.io`, {test_sec_lo}–{test_sec_hi} s, NPS {test_nps}, prices "
                         "{test_prices}, {test_kano} | {test_rows} rows; removing them moves NPS by {staff_moves_nps}"),
    ("repeats", "{repeat_ids} respondents submitted twice ({within_5min} within 5 minutes"),
    ("repeat ids", "| {repeat_ids} repeated `respondent_id`s |"),
    ("item non-response", "| {empty_lo:.0f}–{empty_hi:.0f}% empty per item column |"),
]


# --- market_sizing -----------------------------------------------------------------------------------------

SERVICEABLE_REGIONS = ("North America", "Europe")


@cache
def sizing_facts() -> Facts:
    sizing = table("market_sizing")
    price = 12 * TEAM_PRICE  # the Team list price per seat, a year
    adopters = sizing["firms"] * sizing["task_tool_adoption"]
    top_down = adopters * sizing["avg_employees"] * sizing["knowledge_worker_share"] * price
    bottom_up = adopters * sizing["avg_seats_per_account"] * price
    band = sizing["size_band"]
    us = sizing[sizing["country"] == "US"].set_index("size_band")["firms"]
    region = sizing["region"].isin(SERVICEABLE_REGIONS)
    sam_bands = band.isin(["11-50", "51-200", "201-1000"])
    f: Facts = {
        "rows": len(sizing), "kb": file_size("market_sizing.csv", 1e3),
        "firms_m": sizing["firms"].sum() / 1e6,
        "share_small": sizing.loc[band == "1-10", "firms"].sum() / sizing["firms"].sum(),
        "us_small_m": us["1-10"] / 1e6, "us_large": us["1000+"],
        "employees_m": (sizing["firms"] * sizing["avg_employees"]).sum() / 1e6,
        "knowledge_m": (sizing["firms"] * sizing["avg_employees"] * sizing["knowledge_worker_share"]).sum() / 1e6,
        "top_down": top_down.sum() / 1e9, "bottom_up": bottom_up.sum() / 1e9,
        "ratio": top_down.sum() / bottom_up.sum(),
        "td_large": top_down[band == "1000+"].sum() / 1e9, "bu_large": bottom_up[band == "1000+"].sum() / 1e9,
        "td_small": top_down[band == "1-10"].sum() / 1e9, "bu_small": bottom_up[band == "1-10"].sum() / 1e9,
        "seats_large": r(sizing.loc[band == "1000+", "avg_seats_per_account"].mean(), 5),
        "adopters_m": adopters.sum() / 1e6,
        "sam": bottom_up[region & sam_bands].sum() / 1e9,
        "sam_share": bottom_up[region & sam_bands].sum() / bottom_up.sum(),
        "sam_td": top_down[region & sam_bands].sum() / 1e9,
        "sam_with_small": bottom_up[region & (band != "1000+")].sum() / 1e9,
        "price": TEAM_PRICE,
    }
    return f


SIZING = [
    ("heading", "### `market_sizing` ({rows} rows, {kb:.1f} KB)"),
    ("magnitudes", "{firms_m:.1f} M firms in all, {share_small:.0%} of them 1-10; US 1-10 {us_small_m:.1f} M, "
                   "US 1000+ {us_large:,}; {employees_m:.0f} M employees, {knowledge_m:.0f} M knowledge workers"),
    ("formulas", "top-down = Σ firms × adoption × avg_employees × knowledge_worker_share × ${price:.0f} × 12; "
                 "bottom-up = Σ firms × adoption × avg_seats_per_account × ${price:.0f} × 12"),
    ("tams", "**top-down ${top_down:.2f} bn vs bottom-up ${bottom_up:.2f} bn (ratio {ratio:.1f})**. The gap is the "
             "1000+ band: top-down ${td_large:.2f} bn vs bottom-up ${bu_large:.2f} bn (a large firm buys "
             "~{seats_large:.0f} seats, not thousands); in 1-10 top-down is lower (${td_small:.2f} bn vs "
             "${bu_small:.2f} bn: everybody in a tiny firm is a seat). {adopters_m:.2f} M firms buy a tool"),
    ("sam", "bottom-up SAM for North America + Europe, 11-50 … 201-1000: ${sam:.2f} bn ({sam_share:.0%} of "
            "bottom-up TAM); top-down ${sam_td:.2f} bn. North America + Europe, 1-10 … 201-1000: "
            "${sam_with_small:.2f} bn"),
]


# --- the document and the tests -----------------------------------------------------------------------------

SECTIONS: dict[str, tuple[Callable[[], Facts], list[tuple[str, str]]]] = {
    "survey_responses": (survey_facts, SURVEY),
    "market_sizing": (sizing_facts, SIZING),
}


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def render(section: str, name: str) -> str:
    facts, claims = SECTIONS[section]
    return PROSE.format(dict(claims)[name], **facts())


CLAIMS = [(section, name) for section, (_, claims) in SECTIONS.items() for name, _ in claims]


@pytest.mark.parametrize(("section", "name"), CLAIMS, ids=[f"{s}: {n}" for s, n in CLAIMS])
def test_the_document_states_what_the_frozen_data_shows(section: str, name: str):
    sentence = render(section, name)
    assert sentence in doc_text(), f"{section} / {name}: the document should say\n{sentence}"


if __name__ == "__main__":
    text = doc_text()
    for section, name in CLAIMS:
        sentence = render(section, name)
        print(("   " if sentence in text else "!! ") + f"{section} / {name}: {sentence}")
