"""The pm_calendar table: four working weeks in the calendar of Kanbo's product manager for boards.

The month is built from a realistic rhythm (stand-ups, two-week sprints, a weekly KPI review) plus
one-off entries drawn at random into free slots. The planted story: execution and stakeholder work
crowd out strategy, and the roadmap review only gets attention in the last week. About one entry in
twelve was cancelled and stays in the export with status "cancelled", as real calendar exports do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.spec import Column, Table

FIRST_MONDAY = date(2026, 2, 2)
WEEKS = 4
DAY_START, DAY_END = 9 * 60, 18 * 60  # minutes after midnight, local time (Europe/Berlin office)
CANCEL_RATE = 0.08

RESPONSIBILITIES = (
    "vision_roadmap", "market_research", "metrics", "backlog", "launch", "stakeholders", "team", "admin",
)


@dataclass(frozen=True)
class Recurring:
    """An entry that repeats on given weekdays (0 = Monday) in given weeks (1-4) at a fixed time."""

    title: str
    responsibility: str
    weekdays: tuple[int, ...]
    start: int
    minutes: int
    attendees: int
    weeks: tuple[int, ...] = (1, 2, 3, 4)


RECURRING = (
    Recurring("Inbox and Slack triage", "admin", (0, 2, 4), 8 * 60 + 30, 30, 1),
    Recurring("Daily stand-up (Boards squad)", "team", (0, 1, 2, 3, 4), 9 * 60 + 30, 15, 8),
    Recurring("Sprint planning", "backlog", (0,), 10 * 60, 90, 9, (1, 3)),
    Recurring("KPI review: activation and retention", "metrics", (1,), 10 * 60, 60, 6),
    Recurring("Design review", "team", (1,), 14 * 60, 60, 4),
    Recurring("Backlog refinement", "backlog", (2,), 14 * 60, 60, 7),
    Recurring("1:1 with engineering lead", "team", (3,), 11 * 60, 30, 2),
    Recurring("Sales and support sync", "stakeholders", (3,), 15 * 60, 45, 6),
    Recurring("Sprint review and demo", "backlog", (4,), 15 * 60, 60, 12, (2, 4)),
    Recurring("Retrospective", "team", (4,), 16 * 60 + 15, 45, 8, (2, 4)),
    Recurring("1:1 with Head of Product", "stakeholders", (0,), 16 * 60, 30, 2),
)


@dataclass(frozen=True)
class OneOff:
    """A kind of one-off entry: how many per week (by week 1-4), how long, with whom."""

    titles: tuple[str, ...]
    responsibility: str
    per_week: tuple[int, int, int, int]
    minutes: tuple[int, ...]
    attendees: tuple[int, int]


ONE_OFFS = (
    OneOff(("Customer interview: {company}", "Churned-customer call: {company}"), "market_research",
           (3, 2, 1, 1), (45, 60), (2, 3)),
    OneOff(("Competitor teardown: {competitor}", "Survey design: pricing questions"), "market_research",
           (1, 1, 0, 0), (90,), (1, 1)),
    OneOff(("Write user stories: {feature}", "Acceptance check: {feature}", "Bug triage with QA"),
           "backlog", (3, 3, 3, 3), (45, 60, 90), (1, 3)),
    OneOff(("Experiment readout: {experiment}", "Dashboard deep-dive: {metric}"), "metrics",
           (1, 1, 1, 1), (45, 60), (2, 5)),
    OneOff(("Launch readiness: {feature}", "Go-to-market sync with marketing", "Release notes review"),
           "launch", (0, 1, 3, 3), (30, 45, 60), (3, 8)),
    OneOff(("Exec update prep", "Partner call: {company}", "Marketing campaign brief",
            "Support escalation: Android sync (5.4.0)"), "stakeholders", (2, 3, 3, 3), (30, 45, 60), (2, 6)),
    OneOff(("Roadmap working session", "Strategy doc: {theme}"), "vision_roadmap", (0, 1, 0, 2), (60, 90, 120),
           (1, 4)),
    OneOff(("Quarterly roadmap review with leadership",), "vision_roadmap", (0, 0, 0, 1), (120,), (9, 9)),
    OneOff(("Hiring interview: associate PM", "Expense reports and admin"), "admin", (1, 1, 2, 1), (30, 45, 60),
           (1, 2)),
)

FILLERS = {
    "company": ("Northwind Logistics", "Brightpath Dental", "Okapi Studio", "Fjord Robotics", "Lumen Legal",
                "Harbor & Finch", "Tallgrass Foods", "Pixelmint Agency", "Coriander Health", "Veloce Bikes"),
    "competitor": company.COMPETITORS[:4],  # same length as before: the draws stay put
    "feature": ("recurring tasks", "bulk card editing", "card cover images", "CSV import",  # shipped this quarter,
                "due-date reminders", "board archive and restore"),  # none of them a backlog item or a gap
    "experiment": ("onboarding checklist", "annual-plan banner", "template gallery"),
    "metric": ("week-1 retention", "seat expansion", "Android sessions"),
    "theme": ("Business plan growth", "mobile parity", "AI task suggestions"),
}


def _working_days() -> list[tuple[int, date]]:
    return [(week, FIRST_MONDAY + timedelta(weeks=week - 1, days=weekday))
            for week in range(1, WEEKS + 1) for weekday in range(5)]


def _fits(busy: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= b_start or start >= b_end for b_start, b_end in busy)


def _fill(template: str, rng: np.random.Generator) -> str:
    for key, options in FILLERS.items():
        token = "{" + key + "}"
        if token in template:
            template = template.replace(token, options[int(rng.integers(len(options)))])
    return template


def build_pm_calendar(rng: np.random.Generator) -> pd.DataFrame:
    """Return the PM's four weeks of calendar entries, one row per entry, sorted by time."""
    days = _working_days()
    busy: dict[date, list[tuple[int, int]]] = {day: [] for _, day in days}
    rows: list[dict[str, object]] = []

    def add(day: date, start: int, minutes: int, title: str, responsibility: str, recurring: bool,
            attendees: int) -> None:
        busy[day].append((start, start + minutes))
        rows.append({"day": day, "start": start, "minutes": minutes, "title": title,
                     "responsibility": responsibility, "recurring": recurring, "attendees": attendees})

    for week, day in days:
        for item in RECURRING:
            if day.weekday() in item.weekdays and week in item.weeks:
                add(day, item.start, item.minutes, item.title, item.responsibility, True, item.attendees)

    for kind in ONE_OFFS:
        for week in range(1, WEEKS + 1):
            week_days = [day for w, day in days if w == week]
            for _ in range(kind.per_week[week - 1]):
                minutes = int(rng.choice(kind.minutes))
                for _attempt in range(200):
                    day = week_days[int(rng.integers(len(week_days)))]
                    start = DAY_START + 15 * int(rng.integers((DAY_END - DAY_START - minutes) // 15 + 1))
                    if _fits(busy[day], start, start + minutes):
                        title = _fill(kind.titles[int(rng.integers(len(kind.titles)))], rng)
                        low, high = kind.attendees
                        add(day, start, minutes, title, kind.responsibility, False,
                            int(rng.integers(low, high + 1)))
                        break

    frame = pd.DataFrame(rows).sort_values(["day", "start", "title"], kind="stable").reset_index(drop=True)
    cancelled = rng.random(len(frame)) < CANCEL_RATE
    return pd.DataFrame({
        "entry_id": np.arange(1, len(frame) + 1),
        "date": [d.isoformat() for d in frame["day"]],
        "weekday": [d.strftime("%a") for d in frame["day"]],
        "start_time": [f"{m // 60:02d}:{m % 60:02d}" for m in frame["start"]],
        "end_time": [f"{(m + n) // 60:02d}:{(m + n) % 60:02d}" for m, n in zip(frame["start"], frame["minutes"],
                                                                                 strict=True)],
        "duration_min": frame["minutes"].astype(int),
        "title": frame["title"],
        "responsibility": frame["responsibility"],
        "recurring": frame["recurring"],
        "attendees": frame["attendees"].astype(int),
        "status": np.where(cancelled, "cancelled", "confirmed"),
    })


TABLES = (
    Table(
        name="pm_calendar",
        build=build_pm_calendar,
        description="a product manager's four working weeks of calendar entries",
        columns=(
            Column("entry_id", "int", unique=True, min=1),
            Column("date", "date", min="2026-02-02", max="2026-02-27"),
            Column("weekday", "str", allowed=("Mon", "Tue", "Wed", "Thu", "Fri")),
            Column("start_time", "str"),
            Column("end_time", "str"),
            Column("duration_min", "int", min=15, max=240),
            Column("title", "str"),
            Column("responsibility", "str", allowed=RESPONSIBILITIES),
            Column("recurring", "bool"),
            Column("attendees", "int", min=1, max=30),
            Column("status", "str", allowed=("confirmed", "cancelled")),
        ),
    ),
)
