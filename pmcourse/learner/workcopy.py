"""The learner's working copy: `my-work/`, laid out like `notebooks/`, which course updates never overwrite.

`notebooks/` is nbgrader's release folder and belongs to git; a learner who edits it there cannot
`git pull` the next version of the course. So the learner works in a git-ignored copy, and `sync`
brings each update in the way nbgitpuller does, with one promise: the learner's work always wins.

- A notebook that is new in the course is copied in; one the learner deleted is restored.
- A notebook the learner has not touched (same cells as the release it came from; outputs do not
  count) is replaced by the new release.
- A notebook the learner has touched is never overwritten: when the course changed it, the new release
  is put beside it as `<name>.course-update-<date>.ipynb`, with a line saying which exercises changed.

To tell "touched" from "changed by the course", the working copy keeps the release each notebook came
from in `my-work/.course-release/` (the common ancestor of a three-way merge).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

WORK_DIR_NAME = "my-work"
BASE_DIR_NAME = ".course-release"
_EXERCISE = re.compile(r"^(.+?)-(?:answer|test|chart)(?:-|$)")


@dataclass(frozen=True)
class Change:
    """What one sync did to one file of the release, in words a learner reads."""

    path: str  # relative to the release folder, e.g. "02-kpis/engagement.ipynb"
    action: str  # new, restored, updated, kept-and-offered, kept, removed-from-course
    detail: str = ""

    def line(self) -> str:
        verbs = {
            "new": "new in the course, copied in",
            "restored": "you had deleted it; restored from the course",
            "updated": "updated to the course's new version (you had not changed it)",
            "kept-and-offered": "the course changed it; YOUR VERSION IS KEPT and the new one is beside it",
            "kept": "kept as it is",
            "removed-from-course": "no longer part of the course; your copy is kept",
            "carried-over": "your edits in notebooks/ were carried into the working copy",
        }
        text = f"{self.path}: {verbs.get(self.action, self.action)}"
        return f"{text}. {self.detail}" if self.detail else text


@dataclass
class SyncReport:
    """Everything one sync did; `changes` is empty when the working copy was already up to date."""

    work: Path
    created: bool
    changes: list[Change] = field(default_factory=list)
    git_hint: str = ""

    def lines(self) -> list[str]:
        if self.created:
            copied = sum(c.action in {"new", "carried-over"} for c in self.changes)
            lines = [f"Created your working copy {self.work} ({copied} files from the course). "
                     "Work there: course updates never overwrite it."]
            lines += ["  " + c.line() for c in self.changes if c.action not in {"new"}]
        elif not self.changes:
            lines = [f"Your working copy {self.work} is up to date with the course."]
        else:
            lines = [f"Updated your working copy {self.work}:"] + ["  " + c.line() for c in self.changes]
        if self.git_hint:
            lines.append(self.git_hint)
        return lines


def _read_json(data: bytes) -> dict | None:
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return nb if isinstance(nb, dict) else None


def _cells(nb: dict) -> list[tuple[str, str]]:
    """A notebook's content as the learner wrote it: each cell's type and source, outputs ignored."""
    cells = nb.get("cells")
    if not isinstance(cells, list):
        return []
    content = []
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        source = cell.get("source", "")
        content.append((str(cell.get("cell_type")), "".join(source) if isinstance(source, list) else str(source)))
    return content


def same_work(a: bytes, b: bytes, notebook: bool) -> bool:
    """Whether two versions hold the same work: for notebooks the same cells, whatever the outputs."""
    if a == b:
        return True
    if not notebook:
        return False
    nb_a, nb_b = _read_json(a), _read_json(b)
    return nb_a is not None and nb_b is not None and _cells(nb_a) == _cells(nb_b)


def _graded_sources(nb: dict | None) -> dict[str, str]:
    sources = {}
    for cell in (nb or {}).get("cells", []):
        gid = ((cell.get("metadata") or {}).get("nbgrader") or {}).get("grade_id") if isinstance(cell, dict) else None
        if gid:
            source = cell.get("source", "")
            sources[gid] = "".join(source) if isinstance(source, list) else str(source)
    return sources


def exercise_key(gid: str) -> str:
    """The exercise a graded cell belongs to: `ex3` for `ex3-test-share` or `ex3-answer`, else the grade id."""
    match = _EXERCISE.match(gid)
    return match.group(1) if match else gid


def changed_exercises(old: bytes, new: bytes) -> str:
    """One line naming the exercises whose graded cells the course added, removed or changed."""
    before, after = _graded_sources(_read_json(old)), _graded_sources(_read_json(new))
    added = sorted({exercise_key(g) for g in after.keys() - before.keys()})
    removed = sorted({exercise_key(g) for g in before.keys() - after.keys()} - set(added))
    changed = sorted({exercise_key(g) for g in before.keys() & after.keys() if before[g] != after[g]}
                     - set(added) - set(removed))
    parts = [f"{label}: {', '.join(names)}" for label, names in
             (("changed", changed), ("new", added), ("removed", removed)) if names]
    return ("Exercises " + "; ".join(parts) + ".") if parts else "Only the text around the exercises changed."


def _write(path: Path, data: bytes) -> None:
    """Write atomically, so an interrupted sync never leaves half a notebook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".sync-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def beside_name(path: Path, today: dt.date, data: bytes) -> Path:
    """Where the new release goes next to a learner's notebook: `<stem>.course-update-<date>.ipynb`."""
    n = 1
    while True:
        suffix = f".course-update-{today.isoformat()}" + (f"-{n}" if n > 1 else "")
        candidate = path.with_name(path.stem + suffix + path.suffix)
        if not candidate.exists() or candidate.read_bytes() == data:
            return candidate
        n += 1


def _release_files(release: Path) -> list[str]:
    """The files a learner works with: everything in notebooks/ except hidden files and checkpoints."""
    files = []
    for path in release.rglob("*"):
        rel = path.relative_to(release)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            files.append(rel.as_posix())
    return sorted(files)


def _git(course: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    if shutil.which("git") is None:
        return None
    return subprocess.run(["git", *args], cwd=course, capture_output=True, check=False)


def committed_release(course: Path) -> dict[str, bytes]:
    """Release files a learner edited in place in a git clone (the old way), with git's committed version.

    Before the working copy existed, learners edited notebooks/ itself. Those edits are their work, and
    the committed version is the release they started from. Outside a git clone there is nothing to find.
    """
    diff = _git(course, "diff", "--name-only", "-z", "--relative", "HEAD", "--", "notebooks")
    if diff is None or diff.returncode != 0:
        return {}
    committed = {}
    for rel in filter(None, diff.stdout.decode("utf-8", "replace").split("\0")):
        shown = _git(course, "show", f"HEAD:./{rel}")
        if shown is not None and shown.returncode == 0 and rel.startswith("notebooks/"):
            committed[rel.removeprefix("notebooks/")] = shown.stdout
    return committed


def sync(course: Path, work: Path | None = None, today: dt.date | None = None) -> SyncReport:
    """Bring the working copy up to date with the course's release; never overwrite the learner's work.

    Reads `course/notebooks/`, writes only below `work` (default `course/my-work/`).
    """
    course = course.resolve()
    release = course / "notebooks"
    work = (work or course / WORK_DIR_NAME).resolve()
    base_dir = work / BASE_DIR_NAME
    today = today or dt.date.today()
    if not release.is_dir():
        raise FileNotFoundError(f"No notebooks/ folder in {course}: is this the course folder?")
    created = not work.exists()
    report = SyncReport(work=work, created=created)
    edited_in_place = committed_release(course)
    released = set(_release_files(release)) | set(edited_in_place)

    for rel in sorted(released):
        target, base = work / rel, base_dir / rel
        notebook = rel.endswith(".ipynb")
        if rel in edited_in_place:
            # notebooks/ holds the learner's own edits; the course's release is the committed version.
            new, learners = edited_in_place[rel], (release / rel).read_bytes() if (release / rel).exists() else b""
            if learners and not target.exists() and not base.exists():
                _write(target, learners)
                _write(base, new)
                report.changes.append(Change(rel, "carried-over"))
                continue
        else:
            new = (release / rel).read_bytes()
        if not target.exists():
            action = "restored" if base.exists() else "new"
            _write(target, new)
            _write(base, new)
            report.changes.append(Change(rel, action))
            continue
        mine = target.read_bytes()
        if not base.exists():
            # A copy made by hand (or a lost .course-release/): the starting release is unknown.
            if not same_work(mine, new, notebook):
                offered = beside_name(target, today, new)
                _write(offered, new)
                report.changes.append(Change(rel, "kept-and-offered",
                                             f"The course's version is {offered.name}."))
            _write(base, new)
            continue
        old = base.read_bytes()
        if old == new:
            continue
        if same_work(mine, old, notebook):
            _write(target, new)
            report.changes.append(Change(rel, "updated"))
        else:
            offered = beside_name(target, today, new)
            _write(offered, new)
            detail = (changed_exercises(old, new) + " " if notebook else "") + f"The new version: {offered.name}."
            report.changes.append(Change(rel, "kept-and-offered", detail))
        _write(base, new)

    for base in sorted(base_dir.rglob("*")) if base_dir.is_dir() else []:
        rel = base.relative_to(base_dir).as_posix()
        if base.is_file() and rel not in released:
            base.unlink()
            if (work / rel).exists():
                report.changes.append(Change(rel, "removed-from-course"))
    if edited_in_place:
        report.git_hint = ("Your edits to notebooks/ are safe in the working copy. So that `git pull` can update "
                           "the course, put notebooks/ back as committed: git checkout -- notebooks/")
    return report
