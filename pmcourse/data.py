"""Load the Kanbo tables as pandas DataFrames with the right column types.

Date columns follow one naming rule, so loading needs no knowledge of the generator (and stays a
cheap import in every notebook): `date`, `month`, `at` and names ending in `_date`, `_at` or `_on` are read
as pandas datetimes; ISO timestamps with a `Z` (UTC) come back time-zone aware.

A table is parsed once per process and handed out as a fresh copy: hidden tests reload the raw tables
in every cell, and parsing the 421k activity rows each time made grading twice as slow.
"""

from __future__ import annotations

import os
import re

import pandas as pd

from pmcourse.paths import dataset_file

DATE_COLUMN = re.compile(r"^(date|month|at)$|_(date|at|on)$")
_PARSED: dict[tuple[str, int, int], pd.DataFrame] = {}
_KEPT = 24  # parsed tables kept per process: the course has 24, about 110 MB parsed


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
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        header = pd.read_csv(path, nrows=0).columns
        _PARSED[key] = pd.read_csv(path, parse_dates=[c for c in header if is_date_column(c)])
        while len(_PARSED) > _KEPT:
            del _PARSED[next(iter(_PARSED))]  # the oldest: tests load copies of the course from many folders
    return _PARSED[key].copy()  # a learner who edits the table in place leaves the next load untouched
