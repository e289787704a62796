"""What a table of the world looks like: its builder, its file and its column schema.

The schema is the contract the data dictionary documents and the test suite checks on the frozen
files (plain pandas, no extra validation library: the rules are few and the messages are ours).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

KINDS = ("int", "float", "str", "bool", "date", "datetime")


@dataclass(frozen=True)
class Column:
    """One column: its kind, whether it may be empty, and its allowed values or range."""

    name: str
    kind: str
    nullable: bool = False
    unique: bool = False
    allowed: tuple | None = None
    min: float | str | None = None
    max: float | str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name}: kind must be one of {KINDS}, not {self.kind!r}")


@dataclass(frozen=True)
class Table:
    """A table of the world: `name` may hold a folder (`experiments/srm_users`)."""

    name: str
    build: Callable[[np.random.Generator], pd.DataFrame]
    columns: tuple[Column, ...]
    compress: bool = False
    description: str = ""
    unique_key: tuple[str, ...] = field(default=())

    @property
    def filename(self) -> str:
        return f"{self.name}.csv.gz" if self.compress else f"{self.name}.csv"



def _kind_ok(series: pd.Series, kind: str) -> bool:
    values = series.dropna()
    if kind == "int":
        return pd.api.types.is_integer_dtype(series) or (
            pd.api.types.is_float_dtype(series) and bool((values == values.round()).all()))
    if kind == "float":
        return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    if kind == "bool":
        return pd.api.types.is_bool_dtype(series) or set(values.unique()) <= {True, False}
    if kind in ("date", "datetime"):
        return pd.api.types.is_datetime64_any_dtype(series)
    return pd.api.types.is_string_dtype(series) or pd.api.types.is_object_dtype(series)


def schema_problems(table: Table, frame: pd.DataFrame) -> list[str]:
    """Every way `frame` breaks `table`'s schema, as readable sentences (empty when it conforms)."""
    problems = []
    expected = [c.name for c in table.columns]
    if list(frame.columns) != expected:
        return [f"{table.name}: columns are {list(frame.columns)}, the schema says {expected}"]
    for col in table.columns:
        series = frame[col.name]
        where = f"{table.name}.{col.name}"
        if not col.nullable and series.isna().any():
            problems.append(f"{where}: {int(series.isna().sum())} empty values in a required column")
        if not _kind_ok(series, col.kind):
            problems.append(f"{where}: dtype {series.dtype} is not {col.kind}")
            continue
        values = series.dropna()
        if col.unique and not series.is_unique:
            problems.append(f"{where}: values repeat in a unique column")
        if col.allowed is not None:
            extra = sorted(set(values.unique()) - set(col.allowed), key=str)
            if extra:
                problems.append(f"{where}: values outside the allowed set: {extra[:5]}")
        if col.min is not None and len(values) and values.min() < _bound(col.min, series):
            problems.append(f"{where}: minimum {values.min()} is below {col.min}")
        if col.max is not None and len(values) and values.max() > _bound(col.max, series):
            problems.append(f"{where}: maximum {values.max()} is above {col.max}")
    if table.unique_key and frame.duplicated(list(table.unique_key)).any():
        problems.append(f"{table.name}: rows repeat on the key {table.unique_key}")
    return problems


def _bound(value: float | str, series: pd.Series) -> object:
    """A range bound comparable with the column: a timestamp (in the column's time zone) for dates."""
    if not pd.api.types.is_datetime64_any_dtype(series):
        return value
    bound = pd.Timestamp(value)
    return bound.tz_localize(series.dt.tz) if series.dt.tz is not None else bound
