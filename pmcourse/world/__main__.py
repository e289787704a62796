"""Write tables of the world into datasets/: `python -m pmcourse.world [table ...]` (all when none given)."""

from __future__ import annotations

import sys
import time

from pmcourse.grading.course import COURSE_ROOT
from pmcourse.world import CATALOG, build_table, write_table


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in CATALOG]
    if unknown:
        print(f"Unknown tables: {', '.join(unknown)}. The world has: {', '.join(sorted(CATALOG))}.", file=sys.stderr)
        return 2
    for name in names or sorted(CATALOG):
        begin = time.perf_counter()
        path = COURSE_ROOT / "datasets" / CATALOG[name].filename
        frame = build_table(name)
        write_table(frame, path)
        print(f"{name}: {len(frame):,} rows, {path.stat().st_size / 1e6:.2f} MB, {time.perf_counter() - begin:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
