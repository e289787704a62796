"""The `backlog` table: the candidate items Kanbo's product teams proposed for next quarter.

Twenty items, each scored by its team for RICE, ICE and WSJF, with the candidate feature it builds, the
customer outcome it serves and the items it depends on. No Kano category: 01 grades the learner's own
categories from the survey, so the backlog must not hand them out.
The items are written by hand, not drawn: the numbers are built so the roadmap exercises have one
clear answer. Planted, for instructors (docs/world-ground-truth.md):

- with reach x impact x confidence (the RICE numerator) as value and effort in person-months as
  weight, the best set within QUARTER_CAPACITY_PERSON_MONTHS (exact 0/1 knapsack) is unique with a
  clear margin, respects the dependencies, and greedy by RICE (value per person-month) ends strictly
  lower: it fills the quarter with small items and leaves no room for the Gantt view;
- the Mobile team estimates effort in person-weeks (PERSON_WEEKS_PER_MONTH to convert): left
  unconverted, the mobile items look four times bigger and the RICE ranking changes;
- every item serves one theme (THEMES), each with the module 02 KPI it should move; the best set
  leaves two themes, reliability among them, with nothing this quarter;
- confidence is stored as a percentage (80, not 0.8): every RICE score comes out 100 times too big;
- RICE, ICE and WSJF rank the items differently (Kendall tau RICE vs WSJF about 0.3), with EU data
  residency, SAML SSO (both time-critical for Business deals) and AI summaries moving most;
- the dependencies form a DAG whose release order (Kahn, ties by highest RICE then item id) differs
  from plain RICE order, and whose critical path is longer than any single item;
- the Android sync-reliability item (SYNC_ITEM) is scored modestly: it was proposed before the 5.4.0
  incident, and the capstone re-scores it.

The data has no randomness: the builder ignores its stream.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.spec import Column, Table

QUARTER_CAPACITY_PERSON_MONTHS = 12.0
PERSON_WEEKS_PER_MONTH = 4  # the course's convention: 1 person-month = 4 person-weeks
WEEK_UNIT_TEAMS = ("Mobile",)  # teams that estimate effort in person-weeks
SYNC_ITEM = "KB-103"
TEAMS = ("Boards", "Mobile", "Growth", "Platform")
# The outcome themes of the roadmap; the notebook pairs each with the module 02 KPI it should move.
THEMES = ("activation", "habit", "reliability", "planning", "revenue")
ITEM_THEMES = {
    "KB-101": "reliability", "KB-102": "reliability", "KB-103": "reliability",
    "KB-104": "habit", "KB-105": "planning", "KB-106": "planning", "KB-107": "planning",
    "KB-108": "activation", "KB-109": "activation", "KB-110": "planning", "KB-111": "habit",
    "KB-112": "planning", "KB-113": "habit", "KB-114": "habit", "KB-115": "activation",
    "KB-116": "revenue", "KB-117": "revenue", "KB-118": "habit", "KB-119": "habit", "KB-120": "revenue",
}
IMPACTS = (3.0, 2.0, 1.0, 0.5, 0.25)
CONFIDENCES_PCT = (100, 80, 50)
FIBONACCI = (1, 2, 3, 5, 8, 13, 20)

COLUMNS = ("item_id", "title", "team", "outcome", "feature", "reach", "impact", "confidence_pct", "effort",
           "ice_impact", "ice_confidence", "ice_ease", "business_value", "time_criticality", "risk_reduction",
           "job_size", "dependencies")

# item_id, title, team, outcome, feature, reach, impact, confidence %, effort (the team's unit),
# ICE impact/confidence/ease, WSJF business value/time criticality/risk reduction/job size, dependencies.
ITEMS = (
    ("KB-101", "Offline mode for the mobile apps", "Mobile", "work_offline", "offline_mode",
     5700, 2.0, 50, 24, 8, 5, 3, 13, 5, 8, 20, "KB-102"),
    ("KB-102", "Local cache and conflict resolution for offline edits", "Platform", "work_offline", "offline_mode",
     4500, 0.5, 80, 3.0, 5, 5, 4, 2, 1, 8, 8, ""),
    ("KB-103", "Android sync reliability: refresh boards on resume", "Mobile", "", "",
     2400, 1.0, 50, 6, 5, 5, 7, 3, 2, 5, 5, ""),
    ("KB-104", "AI task summaries on cards and boards", "Boards", "report_status", "ai_summaries",
     9000, 2.0, 50, 4.0, 8, 4, 4, 8, 2, 1, 13, "KB-113"),
    ("KB-105", "Gantt timeline view", "Boards", "plan_timeline", "gantt_timeline",
     7750, 2.0, 80, 5.0, 8, 7, 3, 13, 5, 2, 8, ""),
    ("KB-106", "Task dependencies on the timeline", "Boards", "plan_timeline", "",
     2700, 1.0, 80, 2.0, 6, 6, 5, 8, 2, 3, 5, "KB-105"),
    ("KB-107", "Built-in time tracking", "Boards", "see_workload", "time_tracking",
     2000, 0.5, 50, 3.0, 4, 4, 5, 3, 1, 1, 5, ""),
    ("KB-108", "Free guest access for clients and contractors", "Growth", "onboard_guests", "guest_access",
     3650, 2.0, 80, 2.0, 8, 7, 7, 13, 8, 2, 5, ""),
    ("KB-109", "Guest roles and permissions model", "Platform", "onboard_guests", "",
     4000, 0.5, 100, 2.0, 4, 8, 5, 3, 3, 5, 5, "KB-108"),
    ("KB-110", "Custom fields on cards", "Boards", "report_status", "custom_fields",
     4500, 1.0, 80, 3.0, 7, 6, 6, 13, 3, 1, 8, ""),
    ("KB-111", "Dark mode in the mobile apps", "Mobile", "", "dark_mode",
     3700, 0.25, 100, 4, 3, 9, 7, 2, 1, 1, 3, ""),
    ("KB-112", "Team workload view", "Boards", "see_workload", "",
     3150, 2.0, 50, 3.0, 7, 5, 6, 8, 3, 2, 8, "KB-105;KB-110"),
    ("KB-113", "Search rewrite: instant search across boards", "Platform", "find_tasks", "",
     8700, 2.0, 80, 4.0, 7, 7, 4, 13, 3, 8, 8, ""),
    ("KB-114", "Scheduled status report e-mails", "Boards", "report_status", "",
     2600, 1.0, 80, 1.5, 5, 7, 8, 5, 2, 1, 3, ""),
    ("KB-115", "Onboarding checklist v2", "Growth", "", "",
     6600, 1.0, 50, 1.0, 6, 5, 9, 8, 5, 1, 2, ""),
    ("KB-116", "Annual billing with a two-months-free discount", "Growth", "", "",
     1050, 2.0, 80, 0.5, 5, 8, 8, 8, 8, 2, 2, ""),
    ("KB-117", "SAML single sign-on for Business", "Platform", "", "",
     600, 3.0, 100, 2.5, 6, 8, 5, 13, 13, 5, 5, "KB-109"),
    ("KB-118", "Daily push-notification digest", "Mobile", "", "",
     4500, 0.5, 80, 3, 4, 6, 9, 5, 2, 1, 2, ""),
    ("KB-119", "Slack integration v2: create and update cards from Slack", "Growth", "", "",
     5100, 1.0, 80, 2.0, 6, 7, 7, 8, 5, 1, 5, ""),
    ("KB-120", "EU data residency for Business workspaces", "Platform", "", "",
     400, 1.0, 80, 4.0, 4, 6, 2, 13, 20, 13, 8, ""),
)


def build_backlog(rng: np.random.Generator) -> pd.DataFrame:
    """Return the backlog, one row per candidate item in id order (hand-written, `rng` unused)."""
    frame = pd.DataFrame(ITEMS, columns=COLUMNS)
    frame.insert(frame.columns.get_loc("effort") + 1, "effort_unit",
                 np.where(frame["team"].isin(WEEK_UNIT_TEAMS), "person-weeks", "person-months"))
    frame.insert(frame.columns.get_loc("outcome"), "theme", frame["item_id"].map(ITEM_THEMES))
    return frame.replace({"": None})


TABLES = (
    Table(
        name="backlog",
        build=build_backlog,
        description="candidate items for next quarter, with their prioritisation inputs",
        unique_key=("item_id",),
        columns=(
            Column("item_id", "str", unique=True),
            Column("title", "str", unique=True),
            Column("team", "str", allowed=TEAMS),
            Column("theme", "str", allowed=THEMES),
            Column("outcome", "str", nullable=True, allowed=tuple(company.CUSTOMER_OUTCOMES)),
            Column("feature", "str", nullable=True, allowed=tuple(company.CANDIDATE_FEATURES)),
            Column("reach", "int", min=1),
            Column("impact", "float", allowed=IMPACTS),
            Column("confidence_pct", "int", allowed=CONFIDENCES_PCT),
            Column("effort", "float", min=0.25),
            Column("effort_unit", "str", allowed=("person-months", "person-weeks")),
            Column("ice_impact", "int", min=1, max=10),
            Column("ice_confidence", "int", min=1, max=10),
            Column("ice_ease", "int", min=1, max=10),
            Column("business_value", "int", allowed=FIBONACCI),
            Column("time_criticality", "int", allowed=FIBONACCI),
            Column("risk_reduction", "int", allowed=FIBONACCI),
            Column("job_size", "int", allowed=FIBONACCI),
            Column("dependencies", "str", nullable=True),
        ),
    ),
)

