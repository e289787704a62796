"""Show a learner's progress: a table on the terminal and a small HTML page with a chart."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go

from pmcourse.learner.progress import CORRECT, NOT_ATTEMPTED, NOT_YET, WRITTEN, NotebookProgress

COLOURS = {CORRECT: "#2e7d32", NOT_YET: "#ef6c00", NOT_ATTEMPTED: "#9e9e9e"}


def _pts(x: float) -> str:
    return f"{x:g}"


def text_report(results: Sequence[NotebookProgress]) -> str:
    """Per notebook and exercise: the verdict, the points and what to read next; then the totals."""
    lines = []
    for entry in results:
        lines.append(f"{entry.assignment}/{entry.notebook}: {_pts(entry.score)} of {_pts(entry.points)} points")
        if entry.problem:
            lines.append(f"  ! this notebook {entry.problem}")
        for ex in entry.exercises:
            points = "" if ex.verdict == WRITTEN else f"{_pts(ex.score)}/{_pts(ex.points)}"
            line = f"  {ex.key:<22} {ex.verdict:<14} {points:>6}"
            lines.append(f"{line}  {ex.message}".rstrip())
    score, points = sum(r.score for r in results), sum(r.points for r in results)
    counts = {v: sum(ex.verdict == v for r in results for ex in r.exercises)
              for v in (CORRECT, NOT_YET, NOT_ATTEMPTED, WRITTEN)}
    lines.append("")
    lines.append(f"Total: {_pts(score)} of {_pts(points)} autograded points. "
                 + ", ".join(f"{n} {v.lower()}" for v, n in counts.items()) + " exercises.")
    lines.append("Written answers are graded by an instructor; compare yours with the masters in solutions/.")
    return "\n".join(lines)


def chart(results: Sequence[NotebookProgress]) -> go.Figure:
    """Autograded points per notebook, stacked by verdict."""
    names = [f"{r.assignment}/{r.notebook}" for r in results]
    fig = go.Figure()
    for verdict in (CORRECT, NOT_YET, NOT_ATTEMPTED):
        earned = [sum(ex.score if verdict == CORRECT else ex.points - ex.score
                      for ex in r.exercises if ex.verdict == verdict) for r in results]
        fig.add_bar(y=names, x=earned, name=verdict if verdict == CORRECT else f"{verdict} (points to win)",
                    orientation="h", marker_color=COLOURS[verdict])
    fig.update_layout(barmode="stack", title="Autograded points per notebook", xaxis_title="points",
                      yaxis={"autorange": "reversed"}, height=220 + 34 * len(results), template="plotly_white",
                      legend={"orientation": "h", "traceorder": "normal", "y": -0.25 - 0.5 / max(len(results), 1)})
    return fig


def html_report(results: Sequence[NotebookProgress]) -> str:
    """A self-contained page (plotly inlined, so it opens offline) with the chart and every exercise."""
    rows = []
    for entry in results:
        for ex in entry.exercises:
            points = "" if ex.verdict == WRITTEN else f"{_pts(ex.score)} / {_pts(ex.points)}"
            rows.append(f"<tr><td>{html.escape(entry.assignment)}/{html.escape(entry.notebook)}</td>"
                        f"<td>{html.escape(ex.key)}</td><td class='v'>{ex.verdict}</td><td>{points}</td>"
                        f"<td>{html.escape(ex.message)}</td></tr>")
        if entry.problem:
            rows.append(f"<tr><td>{html.escape(entry.assignment)}/{html.escape(entry.notebook)}</td><td></td>"
                        f"<td class='v'>Problem</td><td></td><td>{html.escape(entry.problem)}</td></tr>")
    figure = chart(results).to_html(full_html=False, include_plotlyjs=True)
    total = f"{_pts(sum(r.score for r in results))} of {_pts(sum(r.points for r in results))}"
    return ("<!doctype html><html><head><meta charset='utf-8'><title>PM Analytics Lab: my progress</title>"
            "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left;"
            "border-bottom:1px solid #ddd}.v{white-space:nowrap}</style></head><body>"
            f"<h1>My progress</h1><p>{total} autograded points.</p>{figure}"
            "<table><tr><th>notebook</th><th>exercise</th><th>verdict</th><th>points</th><th>what to read</th></tr>"
            + "".join(rows) + "</table></body></html>")


def write_html(results: Sequence[NotebookProgress], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_report(results), encoding="utf-8")
    return path
