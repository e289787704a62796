"""Rebuild what the course generates: datasets/ from the world generator, notebooks/ from solutions/.

Run it as `python3 course.py build` (or `python -m pmcourse.build`) after changing the generator or a
solution notebook; the test suite fails until the committed files match a fresh build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pmcourse.grading.course import COURSE_ROOT, assignment_ids, open_api
from pmcourse.world import write_world


def generate_release(root: Path, assignments: list[str], db_url: str | None = None) -> None:
    """Run nbgrader generate_assignment for each assignment; raise with nbgrader's log on failure."""
    api = open_api(root, db_url)
    for assignment in assignments:
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(f"generate_assignment {assignment} failed:\n{result['error']}\n{result['log']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", help="assignments to release (default: all)")
    parser.add_argument("--skip-data", action="store_true", help="do not regenerate datasets/")
    args = parser.parse_args(argv)
    if not args.skip_data:
        datasets = COURSE_ROOT / "datasets"
        written = write_world(datasets)
        for path in written:
            print(f"wrote {path.relative_to(COURSE_ROOT)}")
        for stale in sorted(set(datasets.rglob("*.csv*")) - set(written)):
            stale.unlink()  # a table that left the world must leave datasets/ too
            print(f"removed {stale.relative_to(COURSE_ROOT)}")
    assignments = args.assignments or assignment_ids(COURSE_ROOT)
    generate_release(COURSE_ROOT, assignments)
    for assignment in assignments:
        print(f"released notebooks/{assignment}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
