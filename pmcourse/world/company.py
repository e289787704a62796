"""Kanbo's fixed facts, shared by every table so the story agrees from module to module.

Kanbo is a freemium team task-board app (web, iOS, Android) sold per seat each month. The dates,
plans, segments, features and app releases below are the world's skeleton; each table module adds
its own randomness on top from its own seeded stream.
"""

from __future__ import annotations

from datetime import date

# The export window: a year of product and billing history, exported on 1 March 2026.
WORLD_START = date(2025, 3, 1)
WORLD_END = date(2026, 2, 28)  # inclusive

PLATFORMS = ("web", "ios", "android")
PLANS = ("Free", "Team", "Business")
LIST_PRICE_PER_SEAT = {"Free": 0.0, "Team": 8.0, "Business": 15.0}  # USD per seat per month
GROSS_MARGIN = 0.80  # Kanbo's gross margin on subscription revenue (hosting, support, payment fees)

COMPANY_SIZES = ("1-10", "11-50", "51-200", "201-1000", "1000+")  # employees, in this order
INDUSTRIES = ("software", "agency", "retail", "education", "healthcare", "finance", "manufacturing", "nonprofit")
REGIONS = ("North America", "Europe", "Latin America", "Asia-Pacific")
SERVED_REGIONS = ("North America", "Europe")  # where Kanbo sells, markets and supports today
COUNTRIES = {  # country code -> (name, region)
    "US": ("United States", "North America"),
    "CA": ("Canada", "North America"),
    "GB": ("United Kingdom", "Europe"),
    "DE": ("Germany", "Europe"),
    "FR": ("France", "Europe"),
    "NL": ("Netherlands", "Europe"),
    "ES": ("Spain", "Europe"),
    "BR": ("Brazil", "Latin America"),
    "MX": ("Mexico", "Latin America"),
    "IN": ("India", "Asia-Pacific"),
    "AU": ("Australia", "Asia-Pacific"),
    "JP": ("Japan", "Asia-Pacific"),
}
ACQUISITION_CHANNELS = ("organic", "paid_search", "paid_social", "content", "referral", "partners")
PAID_CHANNELS = ("paid_search", "paid_social", "content", "partners")  # channels with marketing spend

# Competitors in the team task-board market (fictional).
COMPETITORS = ("Trellis", "Taskwise", "Boardly", "FlowDeck", "Pinboard Pro", "Sprintly")

# Candidate features: asked about in the survey (Kano), compared across competitors, and built from
# the backlog. Key -> display name.
CANDIDATE_FEATURES = {
    "offline_mode": "Offline mode",
    "ai_summaries": "AI task summaries",
    "gantt_timeline": "Gantt timeline view",
    "time_tracking": "Built-in time tracking",
    "guest_access": "Free guest access",
    "custom_fields": "Custom fields",
    "dark_mode": "Dark mode",
}

# Mobile app releases: (version, release date). Web ships continuously and has no version.
# Android 5.4.0 shipped a sync regression: boards stop syncing after the app resumes from background.
# It is the incident of the capstone; no fix ships before the export.
APP_RELEASES = {
    "ios": (
        ("5.0.0", date(2025, 2, 25)), ("5.1.0", date(2025, 5, 13)), ("5.1.1", date(2025, 6, 3)),
        ("5.2.0", date(2025, 8, 19)), ("5.3.0", date(2025, 10, 28)), ("5.3.1", date(2025, 11, 18)),
        ("5.4.0", date(2026, 1, 14)),
    ),
    "android": (
        ("5.0.0", date(2025, 2, 26)), ("5.1.0", date(2025, 5, 14)), ("5.1.1", date(2025, 6, 10)),
        ("5.2.0", date(2025, 8, 20)), ("5.3.0", date(2025, 10, 29)), ("5.3.1", date(2025, 11, 25)),
        ("5.4.0", date(2026, 1, 20)),
    ),
}
APP_VERSIONS = tuple(sorted({version for releases in APP_RELEASES.values() for version, _ in releases}))
INCIDENT_PLATFORM = "android"
INCIDENT_VERSION = "5.4.0"
INCIDENT_DATE = date(2026, 1, 20)


def app_version_on(platform: str, day: date) -> str | None:
    """The newest app version released on `platform` by `day` (None for web or before the first)."""
    current = None
    for version, released in APP_RELEASES.get(platform, ()):
        if released <= day:
            current = version
    return current

# How customers really feel about each candidate feature (planted in the survey's Kano answers; the
# backlog names the feature, never its category). M must-be, O one-dimensional, A attractive, I indifferent.
PLANTED_KANO = {
    "offline_mode": "M",
    "ai_summaries": "A",
    "gantt_timeline": "O",
    "time_tracking": "I",
    "guest_access": "A",
    "custom_fields": "O",
    "dark_mode": "I",
}

# Outcomes customers want from a task board (outcome-driven innovation): the survey asks how important
# each is and how satisfied they are today (1-5); backlog items name the outcome they serve.
CUSTOMER_OUTCOMES = {
    "see_workload": "See who is overloaded before deadlines slip",
    "plan_timeline": "Plan work against dates and dependencies",
    "work_offline": "Keep working without a connection",
    "onboard_guests": "Bring clients and contractors into a board",
    "report_status": "Report status without building slides",
    "find_tasks": "Find any task in seconds",
}
