"""The Kanbo world generator: every dataset of the course comes from here, seeded and deterministic.

Each table module (calendar, market, reviews, people, product, billing, experiments, backlog) lists its
tables as `Table` specs: a builder, a schema and a file name. Each builder draws from its own numpy stream
(`streams.table_rng`), so changing one table never shifts the random numbers of another. The people data
flows one way: workspaces (the roster) -> product (users, activity) -> billing (seats) -> people (users). Ground-truth
parameters live in the table modules and in docs/world-ground-truth.md (for instructors), never in datasets/.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pandas as pd

from pmcourse.world import backlog, billing, calendar, experiments, launch, market, people, product, reviews
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import WORLD_SEED, table_rng

__all__ = ["CATALOG", "WORLD_SEED", "Column", "Table", "build_table", "table_rng", "write_table", "write_world"]

CATALOG: dict[str, Table] = {
    table.name: table
    for module in (calendar, market, reviews, people, product, billing, experiments, backlog, launch)
    for table in module.TABLES
}


def build_table(name: str) -> pd.DataFrame:
    """Generate table `name` from its own seeded stream."""
    if name not in CATALOG:
        raise KeyError(f"Unknown table {name!r}; the world has: {', '.join(sorted(CATALOG))}.")
    return CATALOG[name].build(table_rng(name))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes with fixed float formatting and Unix newlines, so bytes match across machines."""
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.10g").encode("utf-8")


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as CSV, gzipped when the name ends in .gz (no timestamp or name in the gzip header)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = csv_bytes(frame)
    if path.suffix == ".gz":
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        data = buffer.getvalue()
    path.write_bytes(data)


def write_world(out_dir: Path) -> list[Path]:
    """Generate every table into `out_dir` and return the files written, in name order."""
    written = []
    for name in sorted(CATALOG):
        path = out_dir / CATALOG[name].filename
        write_table(build_table(name), path)
        written.append(path)
    return written
