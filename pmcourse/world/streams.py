"""The world's random streams (one numpy Generator per table or joint simulation, fixed by name) and a draw helper."""

from __future__ import annotations

import zlib

import numpy as np

WORLD_SEED = 20260202


def table_rng(name: str) -> np.random.Generator:
    """The random stream of `name`: fixed by the world seed and the name alone, so tables never shift each other."""
    return np.random.default_rng([WORLD_SEED, zlib.crc32(name.encode("utf-8"))])


def choice(rng: np.random.Generator, shares: dict, size: int) -> np.ndarray:
    """Draw `size` keys of `shares` with those probabilities (keys in insertion order, returned as objects)."""
    keys = np.array(list(shares), dtype=object)
    probs = np.array(list(shares.values()), dtype=float)
    return keys[rng.choice(len(keys), size=size, p=probs / probs.sum())]
