"""Every number `docs/world-ground-truth.md` states about `competitors` and `backlog`, recomputed from the data.

The instructors' ground-truth document says what the frozen files show; it drifted once already (Kanbo lost
SSO, the backlog lost its Kano column, the numbers stayed). So each value of the "### `competitors`"
subsection and of the "## Backlog" section is recomputed here from `datasets/` with plain pandas, numpy and
scipy (never by calling the generator), formatted as the document prints it ("3,480", "16,091.7", "3.9%",
"0.33") inside a short template of the surrounding words, and looked up in the document (whitespace
collapsed, so re-wrapping a paragraph does not matter). Generator parameters the document quotes
(`QUARTER_CAPACITY_PERSON_MONTHS = 12`, `KANBO_GAPS`) are read from the generator modules instead, and
checked against what the data shows. The last test checks that every number token in the two sections lies
inside some claim, so a number added to the prose without a claim fails too.

The conventions are written out here, as in `tests/test_world_backlog.py`: RICE = reach × impact ×
confidence_pct/100 / effort in person-months (4 person-weeks to a month for the teams whose `effort_unit`
says weeks), a quarter of 12 person-months, the capstone's re-score of the Android sync item (reach ×3,
impact 3, confidence 100%). Run this file as a script to print every claim, marking those the document lacks.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from functools import cache
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from kanbo_measures import KANO_ORDER, KANO_TABLE, TIE_ORDER, best_sets, deps, greedy, kahn
from scipy.stats import kendalltau

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

DOC = COURSE_ROOT / "docs" / "world-ground-truth.md"
WORLD = COURSE_ROOT / "pmcourse" / "world"
SECTIONS = {"competitors": "### `competitors`", "backlog": "## Backlog: `backlog`"}
Facts = dict[str, object]

CAPACITY = 12.0  # person-months in the quarter, as the roadmap notebook states
WEEKS_PER_MONTH = 4  # the course's convention: 1 person-month = 4 person-weeks
RESCORE = {"reach_factor": 3, "impact": 3.0, "confidence": 1.0}  # the capstone's Thursday re-score of KB-103
SCORE = {"has": 1.0, "partial": 0.5, "none": 0.0}  # the unweighted feature score
KANO_NAMES = {"M": "Must-be", "O": "One-dimensional", "A": "Attractive", "I": "Indifferent"}
SHORT = {"KB-120": "EU data residency", "KB-117": "SAML SSO", "KB-104": "AI summaries",
         "KB-116": "annual billing"}  # the document's short names; other items fall back to their title
WORDS = {18: "Eighteen", 19: "Nineteen", 20: "Twenty", 21: "Twenty-one", 22: "Twenty-two"}

# Survey clean-up and the Kano evaluation table, as in tests/test_world_market.py.
STAFF_DOMAIN = "kanbo.io"


def constants(module: str) -> SimpleNamespace:
    """The literal top-level constants of a generator module, read from its source.

    Parameters only. Importing `pmcourse.world` would build every generator module (about a CPU-second).
    """
    values: dict[str, object] = {}
    for node in ast.parse((WORLD / module).read_text(encoding="utf-8")).body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else getattr(
            node, "target", None)
        if isinstance(target, ast.Name) and getattr(node, "value", None) is not None:
            try:
                values[target.id] = ast.literal_eval(node.value)
            except (ValueError, TypeError):
                pass  # not a literal (a call, an expression): not a parameter the document quotes
    return SimpleNamespace(**values)


backlog_module = constants("backlog.py")
competitors_module = constants("market/competitors.py")
company = constants("company.py")


# --- formatting ----------------------------------------------------------------------------------------------

def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def score(value: float) -> str:
    """A RICE score as the document prints it: whole numbers with a comma ("3,480"), else one decimal."""
    return f"{value:,.0f}" if abs(value - round(value)) < 1e-9 else f"{value:,.1f}"


def items(ids: Iterable[str]) -> str:
    """Item ids in id order, comma-separated."""
    return ", ".join(sorted(ids))


def both(names: list[str]) -> str:
    """"A", "A and B", "A, B and C" ("none" for no names)."""
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, so a claim matches however the paragraph is wrapped."""
    return " ".join(text.split())


# --- competitors ---------------------------------------------------------------------------------------------

@cache
def competitor_facts() -> Facts:
    grid = load("competitors", start=COURSE_ROOT).set_index("product")
    features = [c.removeprefix("feat_") for c in grid.columns if c.startswith("feat_")]
    feat = grid[[f"feat_{f}" for f in features]].set_axis(features, axis=1)
    others = feat.drop(index="Kanbo")
    n = len(others)
    has = (others == "has").sum()
    parity = [f for f in features if (feat[f] == "has").all()]
    near = [f for f in features if (feat[f] != "has").sum() == 1]
    near_text = "; ".join(f"{f} nearly: {both(list(feat.index[feat[f] != 'has']))} "
                          f"{feat.loc[feat[f] != 'has', f].iloc[0]}" for f in near)
    # Gaps as tests/test_world_market.py defines them: Kanbo none, at least two thirds of competitors have it.
    gaps = [f for f in features if feat.loc["Kanbo", f] == "none" and has[f] >= n * 2 / 3]
    backlog = load("backlog", start=COURSE_ROOT)
    sso_items = backlog.loc[backlog["title"].str.contains("single sign-on"), "item_id"].tolist()

    def gap_text(k: int, f: str) -> str:
        note = " — and it is Must-be" if company.PLANTED_KANO.get(f) == "M" else ""
        if f == "sso" and sso_items:
            note += f"; backlog {both(sso_items)} proposes SAML SSO"
        return f"{f} ({has[f]}/{n}{' has; Kanbo none' if k == 0 else ''}{note})"

    looser = [f for f in features if feat.loc["Kanbo", f] != "has" and has[f] > n / 2 and f not in gaps]
    looser_text = ", ".join(f"{f} joins (Kanbo {feat.loc['Kanbo', f]}, {has[f]}/{n} has)" for f in looser)

    def prices(column: str) -> str:
        ordered = grid[column].sort_values(kind="stable")
        return ", ".join(f"**{v:.2f}**" if p == "Kanbo" else f"{v:.2f}" for p, v in ordered.items())

    rank = {c: int((grid[c] < grid.loc["Kanbo", c]).sum()) + 1 for c in ("team_price", "business_price")}
    scores = feat.apply(lambda column: column.map(SCORE)).sum(axis=1).sort_values(kind="stable")
    return {
        "rows": len(grid), "kb": (COURSE_ROOT / "datasets" / "competitors.csv").stat().st_size / 1e3,
        "n_products": len(grid), "parity": ", ".join(parity), "near": near_text,
        "gap_min": int(has[gaps].min()), "n_comp": n,
        "gaps": ", ".join(gap_text(k, f) for k, f in enumerate(gaps)), "gap_list": gaps,
        "looser": looser_text,
        "ai_has": both(list(others.index[others["ai_summaries"] == "has"])),
        "team_prices": prices("team_price"), "business_prices": prices("business_price"),
        "price_rank": ordinal(rank["team_price"]), "on_both": " on both" if len(set(rank.values())) == 1 else "",
        "scores": ", ".join(f"{p} {s:.1f}" for p, s in scores.items()), "n_features": len(features),
        "score_has": f"{SCORE['has']:g}", "score_partial": f"{SCORE['partial']:g}",
        "kanbo_team": grid.loc["Kanbo", "team_price"], "kanbo_business": grid.loc["Kanbo", "business_price"],
        "parity_list": parity,
    }


COMPETITORS = [
    ("heading", "### `competitors` ({rows} rows, {kb:.1f} KB)"),
    ("parity", "| all {n_products} products `has`: {parity} ({near}) |"),
    ("gap rule", "| `KANBO_GAPS`: Kanbo `none`, ≥ {gap_min} of {n_comp} competitors `has` |"),
    ("gaps", "| {gaps}. With a looser rule (Kanbo below `has`, most competitors `has`) {looser}. AI "
             "summaries is a differentiation chance: only {ai_has} have it |"),
    ("prices", "| Team: {team_prices}; Business: {business_prices} — Kanbo {price_rank} of {n_products}{on_both} |"),
    ("score rule", "| Unweighted feature score (has {score_has}, partial {score_partial}) |"),
    ("scores", "| {scores} (of {n_features}) |"),
]


# --- backlog -------------------------------------------------------------------------------------------------

@cache
def backlog() -> pd.DataFrame:
    frame = load("backlog", start=COURSE_ROOT)
    in_weeks = frame["effort_unit"] == "person-weeks"
    frame = frame.assign(effort_pm=np.where(in_weeks, frame["effort"] / WEEKS_PER_MONTH, frame["effort"]))
    value = frame["reach"] * frame["impact"] * frame["confidence_pct"] / 100
    return frame.assign(value=value, rice=value / frame["effort_pm"],
                        wsjf=(frame["business_value"] + frame["time_criticality"] + frame["risk_reduction"])
                        / frame["job_size"],
                        ice=frame["ice_impact"] * frame["ice_confidence"] * frame["ice_ease"]).set_index("item_id")


def chain(item: str, finish: dict[str, float], needs: dict[str, list[str]]) -> list[str]:
    """The chain of prerequisites that sets `item`'s earliest start (latest-finishing prerequisite, then id)."""
    path = [item]
    while needs[path[0]]:
        path.insert(0, max(sorted(needs[path[0]]), key=lambda d: finish[d]))
    return path


def kano_modal(survey: pd.DataFrame, feature: str) -> str:
    """The modal Kano category of one feature (pairs with a missing answer dropped, ties by TIE_ORDER)."""
    pairs = survey[[f"kano_{feature}_functional", f"kano_{feature}_dysfunctional"]].dropna()
    cats = [KANO_TABLE[KANO_ORDER.index(f)][KANO_ORDER.index(d)] for f, d in pairs.itertuples(index=False)]
    counts = pd.Series(cats).value_counts().reindex(TIE_ORDER, fill_value=0)
    return str(counts.idxmax())


@cache
def survey_kano() -> dict[str, str]:
    raw = load("survey_responses", start=COURSE_ROOT)
    survey = raw[raw["email_domain"] != STAFF_DOMAIN].sort_values("submitted_at").drop_duplicates(
        "respondent_id", keep="first")
    features = sorted({c.split("_functional")[0].removeprefix("kano_") for c in survey.columns
                       if c.startswith("kano_") and c.endswith("_functional")})
    return {f: kano_modal(survey, f) for f in features}


@cache
def backlog_facts() -> Facts:
    b = backlog()
    n = len(b)
    needs = deps(b)
    by_rice = b["rice"].sort_values(ascending=False)
    rice_rank = b["rice"].rank(ascending=False, method="min").astype(int)
    f: Facts = {"n_words": WORDS.get(n, str(n)), "n": n,
                "cap": f"{backlog_module.QUARTER_CAPACITY_PERSON_MONTHS:g}",
                "weeks": backlog_module.PERSON_WEEKS_PER_MONTH, "sync_param": backlog_module.SYNC_ITEM}
    f["rice_list"] = " · ".join(f"{i} {score(r)} ({b.loc[i, 'effort_pm']:g})" for i, r in by_rice.items())
    f["ties"] = "No ties." if b["rice"].is_unique else "Ties!"
    # Exact knapsack, its runner-up, and greedy.
    (best, best_value), (second, second_value) = best_sets(b["value"], b["effort_pm"], CAPACITY)
    f.update(capacity=f"{CAPACITY:g}", best=items(best), best_value=score(best_value),
             best_pm=f"{b.loc[sorted(best), 'effort_pm'].sum():g}",
             swap=f"{both(sorted(second - best))} instead of {both(sorted(best - second))}",
             second_value=score(second_value), gap=1 - second_value / best_value,
             respects="respects" if all(set(needs[i]) <= best for i in best) else "breaks")
    rice_order = b["rice"].sort_values(ascending=False, kind="stable").index
    skip = greedy(rice_order, b["effort_pm"], CAPACITY)
    stop = greedy(rice_order, b["effort_pm"], CAPACITY, skip_misfits=False)
    broken = [f"{i} without its prerequisite {both([d for d in needs[i] if d not in skip])}"
              for i in skip if not set(needs[i]) <= set(skip)]
    by_rice_sum = best_sets(b["rice"], b["effort_pm"], CAPACITY, k=1)[0][0]
    f.update(greedy_skip=score(b.loc[skip, "value"].sum()), greedy_stop=score(b.loc[stop, "value"].sum()),
             greedy_loss=1 - b.loc[skip, "value"].sum() / best_value, greedy_set=items(skip),
             greedy_broken="; ".join(broken) or "no item without its prerequisite",
             rice_sum=("the same set as greedy" if by_rice_sum == set(skip) else items(by_rice_sum)))
    # The roadmap's themes: which get nothing this quarter.
    idle = [t for t in backlog_module.THEMES if t not in set(b.loc[sorted(best), "theme"])]
    f.update(themes=", ".join(f"{t} {(b['theme'] == t).sum()}" for t in backlog_module.THEMES), idle=both(idle))
    # Mixed effort units: the teams counting in person-weeks, and the best set if nobody converts.
    weeks = b[b["effort_unit"] == "person-weeks"]
    naive_rice = b["reach"] * b["impact"] * b["confidence_pct"] / 100 / b["effort"]
    naive_best = best_sets(b["value"], b["effort"], CAPACITY, k=1)[0][0]
    f.update(week_teams=both(sorted(set(weeks["team"]))),
             week_items=", ".join(f"{i} {e:g}" for i, e in weeks["effort"].items()),
             naive_same="stays the same (it holds no mobile item)" if naive_best == best else "changes",
             rank_moves=int((naive_rice.rank(ascending=False) != b["rice"].rank(ascending=False)).sum()))
    # Confidence as 80 instead of 0.8.
    as_pct = b["reach"] * b["impact"] * b["confidence_pct"] / b["effort_pm"]
    factors = np.unique(np.round(as_pct / b["rice"], 9))
    same_set = best_sets(as_pct * b["effort_pm"], b["effort_pm"], CAPACITY, k=1)[0][0] == best
    same_rank = (as_pct.rank() == b["rice"].rank()).all()
    f.update(confidences=", ".join(str(c) for c in sorted(set(b["confidence_pct"]), reverse=True)),
             factor=f"exactly {factors[0]:g}" if len(factors) == 1 else "different factors",
             unchanged="ranking and knapsack set are unchanged" if same_set and same_rank else "things change")
    # RICE, ICE and WSJF.
    f.update(tau_rw=kendalltau(b["rice"], b["wsjf"]).statistic, tau_ri=kendalltau(b["rice"], b["ice"]).statistic,
             tau_iw=kendalltau(b["ice"], b["wsjf"]).statistic)
    wsjf_rank = b["wsjf"].rank(ascending=False, method="min").astype(int)
    move = rice_rank - wsjf_rank
    big = sorted(move.index[move.abs() >= 10], key=lambda i: (-abs(move[i]), -rice_rank[i]))
    name = lambda i: SHORT.get(i, b.loc[i, "title"])  # noqa: E731
    top = wsjf_rank.idxmin()
    f.update(moves=", ".join(f"{i} {name(i)} {ordinal(rice_rank[i])} → {ordinal(wsjf_rank[i])}" for i in big),
             wsjf_top=f"{top} {name(top)} {ordinal(rice_rank[top])} → {ordinal(wsjf_rank[top])}")
    # Dependencies: the DAG, Kahn's order against RICE order, the critical path.
    f["dag"] = ", ".join(f"{i}←{d}" for i, d in b["dependencies"].dropna().items())
    order, plain = kahn(b), list(by_rice.index)
    waits = [i for i in b.index if any(rice_rank[d] > rice_rank[i] for d in needs[i])]
    rest_equal = [i for i in order if i not in waits] == [i for i in plain if i not in waits]
    def waiting(i: str) -> str:
        later = [f"{d} ({score(b.loc[d, 'rice'])})" for d in needs[i] if rice_rank[d] > rice_rank[i]]
        return (f"{i} (RICE {score(b.loc[i, 'rice'])}) waits for {both(later)} and moves from "
                f"{ordinal(plain.index(i) + 1)} to {ordinal(order.index(i) + 1)}")

    f["kahn"] = (("equals the RICE order except that " if rest_equal else "differs from the RICE order: ")
                 + "; ".join(waiting(i) for i in waits))
    finish: dict[str, float] = {}
    for item in order:
        finish[item] = max((finish[d] for d in needs[item]), default=0.0) + b.loc[item, "effort_pm"]
    last = max(sorted(finish), key=lambda i: finish[i])
    critical = chain(last, finish, needs)
    runner = max(v for i, v in finish.items() if i not in critical)
    next_chains = [chain(i, finish, needs) for i in sorted(finish) if i not in critical and finish[i] == runner]
    next_chains = [c for c in next_chains if not any(set(c) < set(o) for o in next_chains)]
    f.update(critical=" → ".join(critical), critical_pm=f"{finish[last]:g}",
             longest=f"{b['effort_pm'].max():g}", next_chains=both([" → ".join(c) for c in next_chains]),
             next_pm=f"{runner:g}")
    # Kano: the category of an item's `feature`, from the survey (no column in the backlog).
    kano = survey_kano()
    named = b["feature"].dropna()
    groups = named.groupby(named, sort=False).apply(lambda s: list(s.index))
    shared = [f"{feat.replace('_', ' ')} ({KANO_NAMES[kano[feat]]}) on {both(ids)}"
              for feat, ids in groups.items() if len(ids) > 1]
    single = [f"{ids[0]} {kano[feat]}" for feat, ids in groups.items() if len(ids) == 1]
    planted = all(kano[feat] == company.PLANTED_KANO[feat] for feat in kano)
    f.update(kano_items="; ".join(shared) + ("; " if shared and single else "") + ", ".join(single),
             kano_planted=f"as in `company.PLANTED_KANO` for all {len(kano)} features" if planted
             else "NOT as in `company.PLANTED_KANO`",
             no_feature=int(b["feature"].isna().sum()))
    # The Android sync item, before and after the capstone's re-score.
    sync = b.index[b["title"].str.contains("sync", case=False) & (b["team"] == "Mobile")][0]
    s = b.loc[sync]
    rescored = b["value"].copy()
    rescored[sync] = RESCORE["reach_factor"] * s["reach"] * RESCORE["impact"] * RESCORE["confidence"]
    new_best = best_sets(rescored, b["effort_pm"], CAPACITY, k=1)[0][0]
    f.update(sync=sync, sync_title=s["title"], sync_reach=f"{s['reach']:,}", sync_impact=f"{s['impact']:g}",
             sync_conf=s["confidence_pct"], sync_effort=f"{s['effort']:g} {s['effort_unit']}",
             incident=company.INCIDENT_VERSION, sync_rice=score(s["rice"]), sync_rank=ordinal(rice_rank[sync]),
             sync_in="in" if sync in best else "not in", reach_factor=RESCORE["reach_factor"],
             new_impact=f"{RESCORE['impact']:g}", new_conf=f"{RESCORE['confidence']:.1f}",
             new_rice=score(rescored[sync] / s["effort_pm"]), new_value=score(rescored[sync]),
             enters="enters" if sync in new_best else "stays out of", new_best=items(new_best),
             joins=both(sorted(new_best - best - {sync})), leaves=both(sorted(best - new_best)))
    return f


BACKLOG = [
    ("items", "{n_words} hand-written candidate items"),
    ("subsets", "(by exhaustive search over the 2^{n} subsets)"),
    ("capacity parameter", "`QUARTER_CAPACITY_PERSON_MONTHS = {cap}`"),
    ("weeks parameter", "`PERSON_WEEKS_PER_MONTH = {weeks}`"),
    ("sync parameter", "`SYNC_ITEM = \"{sync_param}\"`"),
    ("RICE definition", "(RICE = reach × impact × confidence_pct/100 / effort in person-months)"),
    ("RICE list", "RICE (person-months in brackets): {rice_list}. {ties}"),
    ("value definition", "(value = reach × impact × confidence_pct/100, the RICE numerator)"),
    ("knapsack", "| best set within {capacity} pm, by total value: {best} = value {best_value} using {best_pm} pm; "
                 "second best ({swap}) {second_value} ({gap:.1%} lower); the best set {respects} the dependencies |"),
    ("greedy", "| greedy by RICE (value per person-month): {greedy_set} = value {greedy_skip} when it skips items "
               "that do not fit ({greedy_loss:.1%} below the best; {greedy_broken}), {greedy_stop} when it stops "
               "at the first misfit. Maximising total RICE instead of value picks {rice_sum} |"),
    ("themes", "`ITEM_THEMES`: `theme` per item ({themes}) | the best set leaves {idle} with nothing this quarter |"),
    ("week units", "| {week_teams} ({week_items}) in person-weeks |"),
    ("unconverted", "| unconverted, the best set {naive_same}; the RICE ranking changes ({rank_moves} of {n} "
                    "items change rank), which exercise 1 catches |"),
    ("confidence", "| `confidence_pct` ∈ {{{confidences}}} | using 80 instead of 0.8 multiplies every RICE score by "
                   "{factor}: {unchanged}"),
    ("kendall", "| Kendall τ: RICE–WSJF {tau_rw:.2f}, RICE–ICE {tau_ri:.2f}, ICE–WSJF {tau_iw:.2f}. Biggest "
                "RICE→WSJF moves: {moves}; {wsjf_top} |"),
    ("dag", "| DAG: {dag} |"),
    ("kahn", "| Kahn order (ties by highest RICE, then id) {kahn} |"),
    ("critical path", "| critical path {critical} = {critical_pm} person-months (longest item {longest}); next "
                      "{next_chains} = {next_pm} |"),
    ("kano", "| modal survey category of the item's `feature`: {kano_items} ({kano_planted}); {no_feature} items "
             "name no feature |"),
    ("sync item", "| {sync} \"{sync_title}\", reach {sync_reach}, impact {sync_impact}, confidence {sync_conf}%, "
                  "{sync_effort} — scored before the {incident} incident |"),
    ("sync rescored", "| RICE {sync_rice}, {sync_rank} of {n}; {sync_in} the best set. Re-scored for the capstone "
                      "with {reach_factor}× reach, impact {new_impact}, confidence {new_conf} (RICE {new_rice}, value "
                      "{new_value}) it {enters} the best set ({new_best}) with {joins}; {leaves} leaves |"),
]


# --- the document and the tests ------------------------------------------------------------------------------

CLAIMS = {"competitors": (competitor_facts, COMPETITORS), "backlog": (backlog_facts, BACKLOG)}
CASES = [(section, name) for section, (_, claims) in CLAIMS.items() for name, _ in claims]


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def section_text(section: str) -> str:
    """The lines of one section, from its heading to the next heading of the same or a higher level."""
    heading = SECTIONS[section]
    level = len(heading.split(" ")[0])
    lines = doc_text().splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith(heading))
    end = next((k for k in range(start + 1, len(lines))
                if re.match(rf"#{{1,{level}}} ", lines[k])), len(lines))
    return "\n".join(lines[start:end])


def render(section: str, name: str) -> str:
    facts, claims = CLAIMS[section]
    return squash(dict(claims)[name].format(**facts()))


@pytest.mark.parametrize(("section", "name"), CASES, ids=[f"{s}: {n}" for s, n in CASES])
def test_the_document_states_what_the_frozen_data_shows(section: str, name: str):
    sentence = render(section, name)
    assert sentence in squash(section_text(section)), f"{section} / {name}: the document should say\n{sentence}"


# Numbers that are names, not measurements: the "used in" column's module numbers and the planned quarter.
ALLOWED_TOKENS = {"01", "04", "05", "06"}
ALLOWED_PHRASES = ("Q2 2026",)  # the quarter the backlog plans ("next quarter" in late February 2026)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_number_in_the_section_is_inside_a_claim(section: str):
    text = squash(section_text(section))
    covered = np.zeros(len(text) + 1, dtype=bool)
    for phrase in [render(section, name) for name, _ in CLAIMS[section][1]] + list(ALLOWED_PHRASES):
        for match in re.finditer(re.escape(phrase), text):
            covered[match.start():match.end()] = True
    loose = [m.group() for m in NUMBER.finditer(text)
             if m.group() not in ALLOWED_TOKENS and not covered[m.start():m.end()].all()]
    assert not loose, f"{section}: numbers no claim covers: {loose}"


def test_the_generator_parameters_agree_with_the_data_and_the_tests_conventions():
    """The parameters the document quotes from the generator are the ones the data and this file use."""
    b, c = backlog(), competitor_facts()
    assert backlog_module.QUARTER_CAPACITY_PERSON_MONTHS == CAPACITY
    assert backlog_module.PERSON_WEEKS_PER_MONTH == WEEKS_PER_MONTH
    assert set(backlog_module.WEEK_UNIT_TEAMS) == set(b.loc[b["effort_unit"] == "person-weeks", "team"])
    assert backlog_module.SYNC_ITEM == backlog_facts()["sync"]
    assert set(backlog_module.CONFIDENCES_PCT) == set(b["confidence_pct"])
    assert not [col for col in b.columns if "kano" in col.lower()], "the backlog gives 01's Kano answers away"
    assert survey_kano() == company.PLANTED_KANO
    assert c["gap_list"] == list(competitors_module.KANBO_GAPS)
    assert c["parity_list"] == list(competitors_module.PARITY_FEATURES)
    assert (c["kanbo_team"], c["kanbo_business"]) == (company.LIST_PRICE_PER_SEAT["Team"],
                                                      company.LIST_PRICE_PER_SEAT["Business"])


if __name__ == "__main__":
    for section, name in CASES:
        sentence = render(section, name)
        print(("   " if sentence in squash(section_text(section)) else "!! ") + f"{section} / {name}: {sentence}")
