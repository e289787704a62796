"""The Kanbo world generator: every dataset of the course comes from here, seeded and deterministic.

Each table has its own numpy Generator stream, derived from WORLD_SEED and the table's name, so
adding or changing one table never shifts the random numbers of another. Ground-truth parameters
live in the table modules (for instructors), never in datasets/.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from pmcourse.world.calendar import build_pm_calendar

WORLD_SEED = 20260202

TABLES: dict[str, Callable[[np.random.Generator], pd.DataFrame]] = {
    "pm_calendar": build_pm_calendar,
}


def table_rng(name: str) -> np.random.Generator:
    """The random stream of table `name`: fixed by the world seed and the name alone."""
    return np.random.default_rng([WORLD_SEED, zlib.crc32(name.encode("utf-8"))])


def build_table(name: str) -> pd.DataFrame:
    """Generate table `name` from its own seeded stream."""
    if name not in TABLES:
        raise KeyError(f"Unknown table {name!r}; the world has: {', '.join(sorted(TABLES))}.")
    return TABLES[name](table_rng(name))


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as CSV with fixed float formatting and Unix newlines, so bytes match across machines."""
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.6f")


def write_world(out_dir: Path) -> list[Path]:
    """Generate every table into `out_dir` and return the files written, in name order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(TABLES):
        path = out_dir / f"{name}.csv"
        write_table(build_table(name), path)
        written.append(path)
    return written
