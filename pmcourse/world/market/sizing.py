"""`market_sizing`: firms by country and company size band, with the inputs for TAM, SAM and SOM.

National business registers, harmonised bands, with employees, knowledge-worker share, task-tool
adoption and seats per account. Planted: the top-down TAM (every knowledge worker in an adopting firm
a seat) is several times the bottom-up TAM (adopting firms x the seats a team really buys), which
the exercise reconciles.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmcourse.world import company
from pmcourse.world.spec import Column, Table

# Firms (employer enterprises, harmonised bands) per country, in company.COMPANY_SIZES order.
FIRMS = {
    "US": (4_850_000, 905_000, 172_000, 44_800, 11_200),
    "CA": (905_000, 131_000, 21_500, 4_650, 1_080),
    "GB": (1_160_000, 198_000, 33_600, 8_900, 2_350),
    "DE": (2_480_000, 312_000, 58_400, 14_900, 3_700),
    "FR": (1_350_000, 142_000, 24_900, 6_200, 1_620),
    "NL": (410_000, 46_500, 9_300, 2_450, 690),
    "ES": (1_240_000, 108_000, 18_600, 4_300, 1_010),
    "BR": (3_900_000, 415_000, 61_000, 13_800, 3_350),
    "MX": (3_650_000, 188_000, 38_500, 9_600, 2_100),
    "IN": (5_900_000, 640_000, 96_000, 21_500, 5_400),
    "AU": (820_000, 96_500, 16_200, 3_650, 950),
    "JP": (2_750_000, 395_000, 68_500, 13_200, 3_900),
}
AVG_EMPLOYEES = {"1-10": 3.6, "11-50": 22.0, "51-200": 96.0, "201-1000": 415.0, "1000+": 4_600.0}
AVG_EMPLOYEES_COUNTRY = {"US": 1.25, "JP": 1.15, "DE": 1.05, "IN": 1.10}  # large-firm size multiplier (1000+)
KNOWLEDGE_WORKER_SHARE = {"US": 0.46, "CA": 0.45, "GB": 0.47, "DE": 0.43, "FR": 0.42, "NL": 0.48, "ES": 0.36,
                          "BR": 0.28, "MX": 0.24, "IN": 0.21, "AU": 0.44, "JP": 0.40}
KNOWLEDGE_WORKER_SIZE = {"1-10": 0.85, "11-50": 0.95, "51-200": 1.0, "201-1000": 1.05, "1000+": 1.1}
TOOL_ADOPTION = {"1-10": 0.08, "11-50": 0.22, "51-200": 0.38, "201-1000": 0.52, "1000+": 0.68}
TOOL_ADOPTION_COUNTRY = {"US": 1.0, "CA": 0.95, "GB": 0.97, "DE": 0.85, "FR": 0.80, "NL": 1.02, "ES": 0.72,
                         "BR": 0.58, "MX": 0.50, "IN": 0.45, "AU": 0.95, "JP": 0.62}
SEATS_PER_ACCOUNT = {"1-10": 3.4, "11-50": 9.0, "51-200": 19.0, "201-1000": 38.0, "1000+": 75.0}
SOURCE_YEAR = {"US": 2022, "CA": 2023, "GB": 2024, "DE": 2022, "FR": 2022, "NL": 2024, "ES": 2023, "BR": 2022,
               "MX": 2019, "IN": 2023, "AU": 2024, "JP": 2021}


def build_market_sizing(rng: np.random.Generator) -> pd.DataFrame:
    """The `market_sizing` table: one row per country and size band with the inputs for TAM, SAM and SOM."""
    rows = []
    for country, (name, region) in company.COUNTRIES.items():
        for band, firms in zip(company.COMPANY_SIZES, FIRMS[country], strict=True):
            employees = AVG_EMPLOYEES[band] * rng.lognormal(0, 0.04)
            if band == "1000+":
                employees *= AVG_EMPLOYEES_COUNTRY.get(country, 1.0)
            knowledge = KNOWLEDGE_WORKER_SHARE[country] * KNOWLEDGE_WORKER_SIZE[band] * rng.lognormal(0, 0.03)
            adoption = TOOL_ADOPTION[band] * TOOL_ADOPTION_COUNTRY[country] * rng.lognormal(0, 0.05)
            seats = SEATS_PER_ACCOUNT[band] * rng.lognormal(0, 0.06)
            rows.append({
                "country": country, "country_name": name, "region": region, "size_band": band,
                "firms": int(round(firms * rng.lognormal(0, 0.02), -1 if firms < 100_000 else -2)),
                "avg_employees": round(employees, 1), "knowledge_worker_share": round(knowledge, 3),
                "task_tool_adoption": round(adoption, 3), "avg_seats_per_account": round(seats, 1),
                "source_year": SOURCE_YEAR[country],
            })
    return pd.DataFrame(rows)


TABLE = Table(
    name="market_sizing",
    build=build_market_sizing,
    description="firms by country and company size band, with the inputs for market sizing",
    unique_key=("country", "size_band"),
    columns=(
        Column("country", "str", allowed=tuple(company.COUNTRIES)),
        Column("country_name", "str", allowed=tuple(name for name, _ in company.COUNTRIES.values())),
        Column("region", "str", allowed=company.REGIONS),
        Column("size_band", "str", allowed=company.COMPANY_SIZES),
        Column("firms", "int", min=1),
        Column("avg_employees", "float", min=1),
        Column("knowledge_worker_share", "float", min=0, max=1),
        Column("task_tool_adoption", "float", min=0, max=1),
        Column("avg_seats_per_account", "float", min=1),
        Column("source_year", "int", min=2015, max=2025),
    ),
)
