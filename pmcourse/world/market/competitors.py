"""The `competitors` grid: Kanbo and the six competitors of company.COMPETITORS, prices and features.

Hand-compiled from pricing pages checked in January 2026: list prices and has/partial/none for 15
features. Planted: parity features everybody has (PARITY_FEATURES), Kanbo gaps most competitors have
and Kanbo lacks (KANBO_GAPS, offline mode among them; SSO too: Kanbo has none yet, backlog item KB-117
proposes it), Kanbo's list prices at the median of the market.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.spec import Column, Table

TABLE_STAKES = ("kanban_boards", "list_view", "mobile_apps", "file_attachments", "integrations", "sso",
                "automations", "reporting")
FEATURES = tuple(company.CANDIDATE_FEATURES) + TABLE_STAKES
PARITY_FEATURES = ("kanban_boards", "list_view", "mobile_apps", "file_attachments")
KANBO_GAPS = ("offline_mode", "gantt_timeline", "dark_mode", "sso")  # Kanbo "none", at least 4 of 6 competitors "has"
H, P, N = "has", "partial", "none"
COMPETITOR_GRID = {  # product -> (hq, founded, free plan, free seats, team, business, annual %, features...)
    "Kanbo": ("DE", 2024, True, 10, 8.00, 15.00, 0,
              dict(offline_mode=N, ai_summaries=N, gantt_timeline=N, time_tracking=N, guest_access=P,
                   custom_fields=P, dark_mode=N, integrations=H, sso=N, automations=H, reporting=P)),
    "Trellis": ("US", 2011, True, 10, 6.00, 12.50, 17,
                dict(offline_mode=H, ai_summaries=P, gantt_timeline=P, time_tracking=N, guest_access=H,
                     custom_fields=H, dark_mode=H, integrations=H, sso=H, automations=H, reporting=P)),
    "Taskwise": ("US", 2014, True, 5, 10.99, 24.99, 20,
                 dict(offline_mode=H, ai_summaries=H, gantt_timeline=H, time_tracking=H, guest_access=P,
                      custom_fields=H, dark_mode=H, integrations=H, sso=H, automations=H, reporting=H)),
    "Boardly": ("GB", 2016, False, None, 7.00, 13.00, 15,
                dict(offline_mode=H, ai_summaries=N, gantt_timeline=H, time_tracking=P, guest_access=N,
                     custom_fields=H, dark_mode=H, integrations=H, sso=N, automations=P, reporting=H)),
    "FlowDeck": ("NL", 2017, True, 3, 12.00, 20.00, 20,
                 dict(offline_mode=P, ai_summaries=H, gantt_timeline=H, time_tracking=H, guest_access=H,
                      custom_fields=H, dark_mode=H, integrations=H, sso=H, automations=H, reporting=H)),
    "Pinboard Pro": ("AU", 2018, False, None, 5.00, 9.00, 0,
                     dict(offline_mode=H, ai_summaries=N, gantt_timeline=N, time_tracking=H, guest_access=P,
                          custom_fields=P, dark_mode=N, integrations=P, sso=N, automations=N, reporting=N)),
    "Sprintly": ("US", 2015, True, 15, 9.00, 16.00, 15,
                 dict(offline_mode=H, ai_summaries=N, gantt_timeline=H, time_tracking=N, guest_access=H,
                      custom_fields=H, dark_mode=H, integrations=H, sso=H, automations=P, reporting=P)),
}
PRICING_CHECKED = {"Kanbo": "2026-01-06", "Trellis": "2026-01-06", "Taskwise": "2026-01-06",
                   "Boardly": "2026-01-07", "FlowDeck": "2026-01-07", "Pinboard Pro": "2026-01-08",
                   "Sprintly": "2026-01-08"}
COMPETITOR_NOTES = {
    "Kanbo": "Monthly billing only; no SSO yet (on the roadmap)",
    "Trellis": "Free plan limited to 10 boards; timeline view only on Business",
    "Taskwise": "Minimum 3 seats on paid plans",
    "Boardly": "14-day free trial instead of a free plan",
    "FlowDeck": "Offline mode is read-only",
    "Pinboard Pro": None,
    "Sprintly": "AI features announced for Q2 2026",
}


def build_competitors(rng: np.random.Generator) -> pd.DataFrame:
    """The `competitors` table: Kanbo and its six competitors, list prices and feature coverage."""
    rows = []
    for product, (hq, founded, free, seats, team, business, annual, features) in COMPETITOR_GRID.items():
        row = {"product": product, "hq_country": hq, "founded": founded, "free_plan": free,
               "free_seat_limit": seats, "team_price": team, "business_price": business,
               "annual_discount_pct": annual, "pricing_checked_on": PRICING_CHECKED[product]}
        for feature in FEATURES:
            row[f"feat_{feature}"] = H if feature in PARITY_FEATURES else features.get(feature, H)
        row["notes"] = COMPETITOR_NOTES[product]
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["free_seat_limit"] = frame["free_seat_limit"].astype("Int64")
    return frame


TABLE = Table(
    name="competitors",
    build=build_competitors,
    description="Kanbo and its competitors: list prices and feature coverage",
    unique_key=("product",),
    columns=(
        Column("product", "str", unique=True, allowed=("Kanbo", *company.COMPETITORS)),
        Column("hq_country", "str"),
        Column("founded", "int", min=2000, max=2025),
        Column("free_plan", "bool"),
        Column("free_seat_limit", "int", nullable=True, min=1, max=100),
        Column("team_price", "float", min=0, max=100),
        Column("business_price", "float", min=0, max=100),
        Column("annual_discount_pct", "int", min=0, max=50),
        Column("pricing_checked_on", "date", min="2026-01-01", max="2026-01-31"),
        *[Column(f"feat_{feature}", "str", allowed=(H, P, N)) for feature in FEATURES],
        Column("notes", "str", nullable=True),
    ),
)
