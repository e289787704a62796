"""Which feedback a notebook gets: self-paced (a verdict after each check) or graded (nbgrader's, as it is).

The rule, in order:
1. nbgrader validating or autograding (it sets `NBGRADER_EXECUTION`) is always graded.
2. `PMCOURSE_FEEDBACK=graded` or `=self-paced` decides, when set.
3. Self-paced when the notebook runs inside a clone of the course, that is when a folder above the
   working directory holds `solutions/` (the masters) next to `notebooks/`; graded otherwise, as for a
   student who holds only the release. The installed package's location is never used: on a hub the
   course package may live in the instructor's clone, and students must not get its masters.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PMCOURSE_FEEDBACK"
SELF_PACED, GRADED = "self-paced", "graded"


def course_with_masters(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest folder above `start` (default: the working directory) holding solutions/ and notebooks/."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "solutions").is_dir() and (folder / "notebooks").is_dir():
            return folder
    return None


def feedback_mode(start: str | os.PathLike[str] | None = None) -> str:
    """SELF_PACED or GRADED, by the rule in this module's docstring."""
    if os.environ.get("NBGRADER_EXECUTION"):
        return GRADED
    chosen = os.environ.get(ENV_VAR, "").strip().lower()
    if chosen in {SELF_PACED, GRADED}:
        return chosen
    return SELF_PACED if course_with_masters(start) else GRADED
