"""Load the Kanbo tables as pandas DataFrames with the right column types."""

from __future__ import annotations

import os

import pandas as pd

from pmcourse.paths import dataset_file

# Columns each table reads as dates; everything else keeps pandas' own inference.
DATE_COLUMNS: dict[str, list[str]] = {
    "pm_calendar": ["date"],
}


def load(name: str, start: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read table `name` from the course's datasets/ folder (found from `start` or the working directory)."""
    if not isinstance(name, str):
        raise TypeError(f"Table names are strings such as 'pm_calendar', not {type(name).__name__}.")
    return pd.read_csv(dataset_file(name, start), parse_dates=DATE_COLUMNS.get(name, []))
