"""Load the Kanbo tables as pandas DataFrames with the right column types.

Date columns follow one naming rule, so loading needs no knowledge of the generator (and stays a
cheap import in every notebook): `date`, `month` and names ending in `_date`, `_at` or `_on` are read
as pandas datetimes; ISO timestamps with a `Z` (UTC) come back time-zone aware.
"""

from __future__ import annotations

import os
import re

import pandas as pd

from pmcourse.paths import dataset_file

DATE_COLUMN = re.compile(r"^(date|month)$|_(date|at|on)$")


def is_date_column(name: str) -> bool:
    """Whether a column called `name` holds dates, by the datasets' naming rule."""
    return bool(DATE_COLUMN.search(name))


def load(name: str, start: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read table `name` (e.g. "users", "experiments/quick_add_users") from the course's datasets/ folder.

    The folder is found from `start` or the working directory (see pmcourse.paths).
    """
    if not isinstance(name, str):
        raise TypeError(f"Table names are strings such as 'pm_calendar', not {type(name).__name__}.")
    path = dataset_file(name, start)
    header = pd.read_csv(path, nrows=0).columns
    return pd.read_csv(path, parse_dates=[c for c in header if is_date_column(c)])
