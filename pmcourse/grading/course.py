"""Open a course folder through nbgrader's own API, configured by the folder's nbgrader_config.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from nbclient import NotebookClient
from nbformat import NotebookNode
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from sqlalchemy.exc import SQLAlchemyError
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from pmcourse.grading.new_gradebook import ensure_gradebook

COURSE_ROOT = Path(__file__).resolve().parents[2]


def ensure_tools_on_path() -> None:
    """nbgrader creates a gradebook by running `alembic`; make the running interpreter's scripts findable."""
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def load_config(root: Path, db_url: str | None = None) -> Config:
    """Read `root/nbgrader_config.py` (NbGraderAPI does not do this by itself); optionally swap the gradebook."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    if db_url:
        config.CourseDirectory.db_url = db_url
    return config


def open_api(root: Path = COURSE_ROOT, db_url: str | None = None) -> NbGraderAPI:
    """An NbGraderAPI for the course at `root`, with the course's configuration and a gradebook made in-process."""
    ensure_tools_on_path()
    config = load_config(root, db_url)
    try:
        ensure_gradebook(config.CourseDirectory.db_url)
    except SQLAlchemyError:  # an unreachable database: nbgrader's own commands say so in their words
        pass
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def assignment_ids(root: Path = COURSE_ROOT) -> list[str]:
    """Every assignment in solutions/ (a folder holding at least one notebook), in course order."""
    source = root / "solutions"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def notebook_names(assignment: str, root: Path = COURSE_ROOT) -> list[str]:
    """The notebooks of an assignment, by file stem, sorted."""
    return sorted(p.stem for p in (root / "solutions" / assignment).glob("*.ipynb"))


def notebook_client(nb: NotebookNode, folder: Path, timeout: int = 60) -> NotebookClient:
    """A client that runs `nb` in the python3 kernel from `folder`, as nbgrader does."""
    return NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
