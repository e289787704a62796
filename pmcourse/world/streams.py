"""The world's random streams: one numpy Generator per table (or joint simulation), fixed by name."""

from __future__ import annotations

import zlib

import numpy as np

WORLD_SEED = 20260202


def table_rng(name: str) -> np.random.Generator:
    """The random stream of `name`: fixed by the world seed and the name alone, so tables never shift each other."""
    return np.random.default_rng([WORLD_SEED, zlib.crc32(name.encode("utf-8"))])
