"""Find the course's datasets/ folder from wherever a notebook runs.

nbgrader runs the same notebook from solutions/<a>/, notebooks/<a>/, submitted/<student>/<a>/ and
autograded/<student>/<a>/; all of them sit below the course root, so walking up from the working
directory finds it. PMCOURSE_DATASETS overrides the search (e.g. on a JupyterHub with shared data).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PMCOURSE_DATASETS"
MARKER = "README.md"  # datasets/README.md, the data dictionary, marks the real folder


class DatasetsNotFound(FileNotFoundError):
    """Raised when no datasets/ folder can be found; the message says where it looked."""


def _is_datasets_dir(path: Path) -> bool:
    return path.is_dir() and (path / MARKER).is_file()


def datasets_dir(start: str | os.PathLike[str] | None = None) -> Path:
    """Return the course's datasets/ folder: $PMCOURSE_DATASETS, else the nearest one above `start`."""
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override).expanduser().resolve()
        if not path.is_dir():
            raise DatasetsNotFound(f"{ENV_VAR} points to {path}, which is not a folder.")
        return path
    here = Path(start or Path.cwd()).resolve()
    searched = [here, *here.parents]
    # The installed package sits in the course root too (an editable install), a last resort.
    searched.append(Path(__file__).resolve().parent.parent)
    for folder in searched:
        if _is_datasets_dir(folder / "datasets"):
            return folder / "datasets"
    raise DatasetsNotFound(
        f"No datasets/ folder found above {here}. Open the notebook from inside the course folder, "
        f"or set {ENV_VAR} to the folder that holds the course's CSV files."
    )


def dataset_file(name: str, start: str | os.PathLike[str] | None = None) -> Path:
    """Return the file of table `name` (`name.csv` or `name.csv.gz`) inside datasets/."""
    folder = datasets_dir(start)
    for candidate in (folder / f"{name}.csv", folder / f"{name}.csv.gz"):
        if candidate.is_file():
            return candidate
    known = sorted(str(p.relative_to(folder)).split(".")[0] for p in folder.rglob("*.csv*"))
    raise FileNotFoundError(f"No table called {name!r} in {folder}. Tables there: {', '.join(known) or 'none'}.")
