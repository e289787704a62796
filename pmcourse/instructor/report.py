"""Item-analysis report: one self-contained HTML page (plotly) on how a class did, for instructors.

The page shows, per assignment, the distribution of total scores; the pass rate of every autograded test
cell; the misconception hints learners saw most often; and how well each test cell separates strong from
weak students. Failed submissions (not gradable, see status.py) are left out of every statistic, counted,
and listed with their reasons, as are the grader's notes.

Discrimination is the upper-lower index: for each autograded test cell, the pass rate among the top 27%
of students by total score on that assignment minus the pass rate among the bottom 27% (ties broken by
student id; at least one student per group). It runs from -1 to 1; items at 0 or below are flagged.
The page also gives the item-rest correlation (point-biserial: passing the cell against the total score
without that cell), which uses every student rather than the extremes.

plotly.js is inlined once in the page head, so the file works offline and can be mailed around.
"""

from __future__ import annotations

import html
import math
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import plotly.express as px
from plotly.graph_objects import Figure
from plotly.offline import get_plotlyjs

from pmcourse.instructor.export import exercises_table, gradebook_url, grades_table, submission_statuses
from pmcourse.instructor.status import SubmissionStatus

GROUP_SHARE = 0.27
TOP_HINTS = 25
TITLES = {
    "overview": "Overview",
    "distribution": "Score distribution",
    "pass_rate": "Pass rate per test cell",
    "hints": "Most frequent misconception hints",
    "discrimination": "Item discrimination",
    "failed": "Failed submissions",
    "notes": "Grader notes",
}
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
p.explain { color: #444; max-width: 60em; } p.caption { color: #666; font-size: 0.9em; }
p.message { background: #f6f6f6; padding: 0.8em; border-left: 4px solid #999; }
table.data { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
table.data th, table.data td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
table.data th { background: #f3f3f3; }
"""


def _table(frame: pd.DataFrame) -> str:
    """A pandas table as HTML (values escaped)."""
    return frame.to_html(index=False, classes="data", border=0, na_rep="", float_format=lambda x: f"{x:.2f}")


def _figure(fig: Figure) -> str:
    """A plotly figure as an HTML fragment that relies on the page's single copy of plotly.js."""
    fig.update_layout(template="plotly_white", margin={"l": 40, "r": 20, "t": 60, "b": 40})
    return fig.to_html(full_html=False, include_plotlyjs=False)


def _p(text: str, kind: str = "explain") -> str:
    return f'<p class="{kind}">{html.escape(text)}</p>'


def _section(key: str, explanation: str, body: str) -> str:
    return f'<section id="{key}"><h2>{html.escape(TITLES[key])}</h2>{_p(explanation)}{body}</section>'


def submission_scores(grades: pd.DataFrame) -> pd.DataFrame:
    """Per submitted assignment: student, status, total score (NaN when failed) and the assignment's maximum."""
    frame = grades[grades["status"] != "not submitted"]
    return pd.DataFrame({"assignment": frame["assignment"], "student": frame["student_id"],
                         "status": frame["status"], "score": pd.to_numeric(frame["score"], errors="coerce"),
                         "max_score": pd.to_numeric(frame["max_score"], errors="coerce")}).reset_index(drop=True)


def graded_tests(exercises: pd.DataFrame) -> pd.DataFrame:
    """Autograded test cells of graded submissions, with `passed` as 0/1 and an `item` label."""
    tests = exercises[(exercises["kind"] == "autograded_test") & (exercises["status"] == "graded")
                      & exercises["passed"].notna()].copy()
    tests["passed"] = tests["passed"].astype(bool).astype(int)
    tests["item"] = tests["assignment"] + " · " + tests["notebook"] + " · " + tests["grade_id"]
    return tests


def overview(scores: pd.DataFrame) -> pd.DataFrame:
    """Per assignment: submissions, graded, failed, and the mean and median total of the graded ones."""
    graded = scores[scores["status"] == "graded"]
    table = scores.groupby("assignment").agg(submissions=("student", "size"),
                                             failed=("status", lambda s: int((s == "failed").sum())),
                                             out_of=("max_score", "max"))
    stats = graded.groupby("assignment")["score"].agg(["size", "mean", "median"])
    table["graded"] = stats["size"].reindex(table.index).fillna(0).astype(int)
    table["mean score"] = stats["mean"].reindex(table.index)
    table["median score"] = stats["median"].reindex(table.index)
    return table.reset_index()[["assignment", "submissions", "graded", "failed", "mean score", "median score",
                                "out_of"]].rename(columns={"out_of": "out of"})


def distribution_section(scores: pd.DataFrame) -> str:
    """A histogram of total scores per assignment, failed submissions counted in the caption."""
    parts = []
    for assignment, frame in scores.groupby("assignment"):
        graded = frame[frame["status"] == "graded"]
        failed = int((frame["status"] == "failed").sum())
        out_of = frame["max_score"].max()
        caption = (f"{len(graded)} graded submission(s); {failed} failed submission(s) are left out "
                   "(they have no score, see the list of failed submissions below).")
        title = f"{TITLES['distribution']}: {assignment}"
        if len(graded) < 2:
            shown = f" (score {graded['score'].iloc[0]:g} of {out_of:g})" if len(graded) else ""
            parts.append(f"<h3>{html.escape(title)}</h3>" + _p(
                f"{len(graded)} graded submission(s){shown}: a distribution needs at least two.", "message"))
        else:
            fig = px.histogram(graded, x="score", nbins=int(min(20, max(out_of, 1))), title=title,
                               range_x=[0, out_of], labels={"score": f"total score (out of {out_of:g})"})
            fig.update_layout(yaxis_title="students", bargap=0.05)
            parts.append(_figure(fig))
        parts.append(_p(caption, "caption"))
    explanation = ("How total scores (nbgrader's score after any late penalty, manual grades included once "
                   "given) spread across the class. A pile-up at the top means the assignment was easy for most; "
                   "two humps often mean one exercise stopped part of the class.")
    return _section("distribution", explanation, "".join(parts) or _p("No submissions yet.", "message"))


def pass_rates(tests: pd.DataFrame) -> pd.DataFrame:
    """Share of graded submissions that got full marks on each test cell, lowest first."""
    rates = tests.groupby(["assignment", "notebook", "grade_id", "item"], sort=False)["passed"].agg(
        ["mean", "size"]).reset_index().rename(columns={"mean": "pass rate", "size": "students"})
    return rates.sort_values(["pass rate", "item"], kind="stable", ignore_index=True)


def pass_rate_section(tests: pd.DataFrame) -> str:
    """A sorted horizontal bar chart of the pass rate of every autograded test cell."""
    explanation = ("The share of graded submissions that passed each autograded test cell (full marks on it), "
                   "hardest at the top. Low bars point at exercises worth revisiting in class.")
    if tests.empty:
        return _section("pass_rate", explanation, _p("No graded test cells yet.", "message"))
    rates = pass_rates(tests)
    fig = px.bar(rates, x="pass rate", y="item", orientation="h", title=TITLES["pass_rate"],
                 hover_data=["students"], range_x=[0, 1])
    fig.update_layout(height=max(300, 60 + 22 * len(rates)), yaxis={"autorange": "reversed", "title": ""},
                      xaxis_tickformat=".0%")
    return _section("pass_rate", explanation, _figure(fig))


def hint_counts(exercises: pd.DataFrame) -> pd.DataFrame:
    """How many students saw each misconception hint, most frequent first."""
    shown = exercises[(exercises["hint"].fillna("") != "") & (exercises["status"] == "graded")]
    counts = shown.groupby(["assignment", "notebook", "grade_id", "hint"]).size().rename("students").reset_index()
    return counts.sort_values(["students", "assignment", "grade_id"], ascending=[False, True, True],
                              kind="stable", ignore_index=True)


def hints_section(exercises: pd.DataFrame) -> str:
    """A table of the misconception hints learners triggered, with counts."""
    explanation = ("Test cells recognise common wrong answers and tell the learner which mistake it looks like "
                   "(\"Not yet: ...\"). These are the hints shown most often: the misconceptions to address "
                   "with the whole class.")
    counts = hint_counts(exercises)
    body = _table(counts.head(TOP_HINTS)) if not counts.empty else _p("No misconception hint was triggered.",
                                                                      "message")
    return _section("hints", explanation, body)


def _rest_correlation(passed: pd.Series, rest: pd.Series) -> float:
    """Point-biserial correlation of passing with the rest score; NaN when either does not vary."""
    if passed.nunique() < 2 or rest.nunique() < 2:
        return math.nan
    return float(passed.corr(rest))


def _flag(row: pd.Series) -> str:
    """Why an item with discrimination <= 0 deserves a look, in words."""
    if row["discrimination"] > 0:
        return ""
    if row["pass rate"] == 1:
        return "everyone passed: says nothing about who understood"
    if row["pass rate"] == 0:
        return "nobody passed: check the exercise and the test"
    if row["discrimination"] < 0:
        return "weaker students pass more often than stronger ones: check the test"
    return "does not separate strong from weak students"


def discrimination(tests: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Upper-lower discrimination (top minus bottom 27% by total) and item-rest correlation per test cell."""
    graded = scores[scores["status"] == "graded"].set_index(["assignment", "student"])["score"]
    rows = []
    for (assignment, notebook, grade_id), item in tests.groupby(["assignment", "notebook", "grade_id"]):
        item = item.assign(total=[graded.get((assignment, s), math.nan) for s in item["student"]])
        item = item.dropna(subset=["total"]).sort_values(["total", "student"], ascending=[False, True])
        if len(item) < 2:
            continue
        size = max(1, round(GROUP_SHARE * len(item)))
        top, bottom = item["passed"].head(size).mean(), item["passed"].tail(size).mean()
        rows.append({"assignment": assignment, "notebook": notebook, "grade_id": grade_id, "students": len(item),
                     "pass rate": item["passed"].mean(), "top 27% pass rate": top, "bottom 27% pass rate": bottom,
                     "discrimination": top - bottom,
                     "item-rest r": _rest_correlation(item["passed"], item["total"] - item["score"])})
    table = pd.DataFrame(rows, columns=["assignment", "notebook", "grade_id", "students", "pass rate",
                                        "top 27% pass rate", "bottom 27% pass rate", "discrimination",
                                        "item-rest r"])
    table["check"] = [_flag(row) for _, row in table.iterrows()] if len(table) else []
    return table.sort_values(["discrimination", "assignment", "grade_id"], ascending=[False, True, True],
                             kind="stable", ignore_index=True)


def discrimination_section(tests: pd.DataFrame, scores: pd.DataFrame) -> str:
    """The exercises that separate strong from weak students best, and the ones flagged for a look."""
    explanation = ("Discrimination = pass rate among the top 27% of students (by total score on the assignment) "
                   "minus the pass rate among the bottom 27%. Near 1: the exercise separates students who "
                   "understood from those who did not. At 0 or below it does not (everyone or nobody passed, or "
                   "weaker students pass more often): such items are flagged in the 'check' column. "
                   "'item-rest r' is the correlation between passing and the score on the rest of the "
                   "assignment, a second opinion that uses every student. Small classes give noisy numbers.")
    table = discrimination(tests, scores)
    if table.empty:
        return _section("discrimination", explanation, _p(
            "Discrimination needs at least two graded submissions of an assignment.", "message"))
    fig = px.bar(table.assign(item=table["assignment"] + " · " + table["grade_id"]), x="discrimination", y="item",
                 orientation="h", title=f"{TITLES['discrimination']} (top 27% minus bottom 27%)",
                 range_x=[-1, 1])
    fig.update_layout(height=max(300, 60 + 22 * len(table)), yaxis={"autorange": "reversed", "title": ""})
    flagged = table[table["check"] != ""]
    body = (_figure(fig) + "<h3>Exercises that most separate strong from weak students</h3>"
            + _table(table[table["discrimination"] > 0].head(10))
            + f"<h3>Flagged items (discrimination &lt;= 0): {len(flagged)}</h3>"
            + (_table(flagged) if len(flagged) else _p("None.", "message")))
    return _section("discrimination", explanation, body)


def failed_section(statuses: list[SubmissionStatus]) -> str:
    """Failed submissions with their reasons, and every note the grader left, from the status records."""
    failed = pd.DataFrame([{"assignment": s.assignment, "student": s.student, "reason": s.reason or "",
                            "finished at": s.finished_at} for s in statuses if s.failed],
                          columns=["assignment", "student", "reason", "finished at"])
    notes = pd.DataFrame([{"assignment": s.assignment, "student": s.student, "status": s.status, "note": note}
                          for s in statuses for note in s.notes], columns=["assignment", "student", "status", "note"])
    failed_body = _table(failed) if len(failed) else _p("No submission failed.", "message")
    notes_body = _table(notes) if len(notes) else _p("No notes.", "message")
    return (_section("failed", "Submissions that could not be graded (an invalid or missing notebook, a dead kernel, "
                     "a timeout). They have no score, not 0: fix and grade them again, or grade them by hand.",
                     failed_body)
            + _section("notes", "What the grader repaired or refused in submissions it did grade (a restored test "
                       "cell, a tampering cell replaced, output cut short).", notes_body))


def render(grades: pd.DataFrame, exercises: pd.DataFrame, statuses: list[SubmissionStatus], source: str) -> str:
    """The whole page as a string; `source` says where the data came from."""
    scores, tests = submission_scores(grades), graded_tests(exercises)
    sections = [distribution_section(scores), pass_rate_section(tests), hints_section(exercises),
                discrimination_section(tests, scores), failed_section(statuses)]
    summary = _section("overview", "Submissions per assignment. Failed submissions could not be graded and are "
                       "left out of every statistic below.", _table(overview(scores)) if len(scores)
                       else _p("No submissions in the gradebook yet: nothing to analyse.", "message"))
    body = "".join(sections)
    plotly_js = f'<script type="text/javascript">{get_plotlyjs()}</script>' if "plotly-graph-div" in body else ""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Item analysis</title>'
            f"<style>{STYLE}</style>{plotly_js}</head><body><h1>Item analysis</h1>"
            + _p(f"{source}; generated {stamp}.", "caption")
            + summary + body + "</body></html>")


def build_report(root: Path, out_file: Path, db_url: str | None = None) -> Path:
    """Write the item-analysis page for the course at `root` to `out_file`; return its path."""
    root, out_file = Path(root), Path(out_file)
    url = gradebook_url(root, db_url)
    statuses = list(submission_statuses(root, url).values())
    source = f"Course folder {root.resolve()}, gradebook {url}"
    page = render(grades_table(root, url), exercises_table(root, url), statuses, source)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(page, encoding="utf-8")
    return out_file
