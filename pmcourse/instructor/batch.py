"""Autograde every submission in submitted/ on all cores, through nbgrader, with one writer to the gradebook.

nbgrader's own autograde is sequential (nbgrader #174). Here one worker process per core runs
`NbGraderAPI.autograde` on one submission at a time, into a private copy of the gradebook; this
process copies each result into the course gradebook (SQLite takes one writer at a time), writes a
status record, and moves the progress bar. The grades are the ones `nbgrader autograde` gives, because
nbgrader, with the course's configuration, does the grading.

Nothing is lost: a submission that cannot be graded (an invalid or missing notebook, a dead kernel, a
run past the time limit, which ends in the worker and its kernel being killed) is recorded as failed with
its reason, and the batch goes on.
"""

from __future__ import annotations

import json
import os
import queue
import selectors
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import psutil
from nbgrader.api import Gradebook, MissingEntry
from tqdm import tqdm

from pmcourse.grading.course import assignment_ids, ensure_tools_on_path, load_config, open_api
from pmcourse.grading.new_gradebook import ensure_gradebook
from pmcourse.instructor.gradebook_sync import copy_submission, record_ungraded
from pmcourse.instructor.status import SubmissionStatus, write_status

DEFAULT_TIMEOUT = 300  # seconds for one submission; each cell also has nbgrader's own limit (Execute.timeout)


@dataclass(frozen=True)
class Task:
    """One submission to grade: submitted/<student>/<assignment>/."""

    assignment: str
    student: str
    notebook: str = "*"  # nbgrader's --notebook: grade only this notebook of the submission


def find_submissions(root: Path, assignments: Iterable[str] | None = None,
                     students: Iterable[str] | None = None) -> list[Task]:
    """Every submission in submitted/ for the given assignments (default: all) and students (default: all)."""
    wanted = list(assignments or assignment_ids(root))
    chosen = set(students) if students else None
    submitted = root / "submitted"
    tasks = []
    for student_dir in sorted(submitted.iterdir()) if submitted.is_dir() else []:
        if chosen is not None and student_dir.name not in chosen:
            continue
        for assignment in wanted:
            if (student_dir / assignment).is_dir():
                tasks.append(Task(assignment, student_dir.name))
    return tasks


def ensure_registered(root: Path, db_url: str, assignments: Iterable[str]) -> list[str]:
    """Register each assignment in the gradebook (nbgrader generate_assignment) unless it already is."""
    registered = []
    ensure_gradebook(db_url)
    for assignment in assignments:
        with Gradebook(db_url) as gradebook:
            try:
                gradebook.find_assignment(assignment)
                continue
            except MissingEntry:
                pass
        result = open_api(root, db_url).generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(f"nbgrader generate_assignment {assignment} failed:\n{result['error']}")
        registered.append(assignment)
    return registered


def snapshot(db_url: str, target: Path) -> None:
    """A consistent copy of the gradebook (SQLite's backup API), the template of every private gradebook."""
    source = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()


class Worker:
    """One worker process (pmcourse.instructor.worker) and the pipes to it; killed with its kernels on a hang."""

    def __init__(self, root: Path, log: Path) -> None:
        self.log = log.open("a", encoding="utf-8")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pmcourse.instructor.worker", str(root)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.log, env=env, cwd=root, start_new_session=True)
        self.buffer = b""

    def ask(self, task: dict, timeout: float) -> dict | None:
        """Send a task and wait for its result; None when none came in `timeout` seconds or the worker died."""
        self.process.stdin.write((json.dumps(task) + "\n").encode())
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while b"\n" not in self.buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    return None
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    return None
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def kill(self) -> None:
        """Stop the worker and everything it started (its kernels run in sessions of their own)."""
        try:
            family = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            family = []
        for process in [*family, psutil.Process(self.process.pid)] if self.process.poll() is None else family:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
        self.process.wait()
        self.log.close()

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            return
        self.log.close()


def _serve(root: Path, template: Path, scratch: Path, tasks: queue.Queue, results: queue.Queue,
           timeout: float, slot: int, live: dict[int, Worker]) -> None:
    """A thread that feeds one worker process, replacing it whenever it hangs or dies."""
    worker: Worker | None = None
    while True:
        try:
            task = tasks.get_nowait()
        except queue.Empty:
            break
        if worker is None:
            worker = live[slot] = Worker(root, scratch / f"worker-{slot}.log")
        db = scratch / f"{task.assignment}--{task.student}.db"
        shutil.copyfile(template, db)
        started = time.monotonic()
        outcome = worker.ask({"assignment": task.assignment, "student": task.student, "db": str(db),
                              "notebook": task.notebook}, timeout)
        if outcome is None:
            alive = worker.process.poll() is None
            worker.kill()
            worker = None
            reason = (f"stopped after {timeout:g} s: the notebook did not finish (a cell that ignores interrupts?)"
                      if alive else "the grader's worker process died")
            outcome = {"assignment": task.assignment, "student": task.student, "failed": True, "reason": reason,
                       "notes": [], "seconds": round(time.monotonic() - started, 2), "timed_out": True}
        outcome["db"] = str(db)
        results.put(outcome)
    if worker is not None:
        worker.close()


@dataclass(frozen=True)
class BatchResult:
    """What a batch did: one status per submission, and how long it took."""

    statuses: list[SubmissionStatus]
    seconds: float
    workers: int


def autograde_batch(root: Path, assignments: Iterable[str] | None = None, students: Iterable[str] | None = None,
                    workers: int | None = None, timeout: float = DEFAULT_TIMEOUT, db_url: str | None = None,
                    progress: bool = True, only_notebook: Mapping[str, str] | None = None) -> BatchResult:
    """Grade every matching submission in `root`/submitted on `workers` processes (default: one per core).

    The progress bar shows on a terminal (tqdm leaves it out of logs); `progress=False` hides it everywhere.
    `only_notebook` maps a student to the one notebook of theirs to grade (nbgrader's `--notebook`).
    """
    ensure_tools_on_path()
    root = root.resolve()
    db_url = db_url or load_config(root).CourseDirectory.db_url
    wanted = list(assignments or assignment_ids(root))
    todo = [replace(task, notebook=(only_notebook or {}).get(task.student, "*"))
            for task in find_submissions(root, wanted, students)]
    ensure_registered(root, db_url, sorted({task.assignment for task in todo}))
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    started = time.monotonic()
    statuses: list[SubmissionStatus] = []
    with tempfile.TemporaryDirectory(prefix="pmcourse-batch-") as scratch_name:
        scratch = Path(scratch_name)
        template = scratch / "template.db"
        snapshot(db_url, template)
        tasks: queue.Queue = queue.Queue()
        for task in todo:
            tasks.put(task)
        results: queue.Queue = queue.Queue()
        live: dict[int, Worker] = {}
        threads = [threading.Thread(target=_serve, daemon=True,
                                    args=(root, template, scratch, tasks, results, timeout, slot, live))
                   for slot in range(workers)]
        for thread in threads:
            thread.start()
        try:
            with tqdm(total=len(todo), desc="autograde", unit="submission", disable=None if progress else True,
                      file=sys.stderr) as bar:
                for _ in todo:
                    outcome = results.get()
                    statuses.append(_record(root, db_url, outcome))
                    bar.set_postfix_str(f"{outcome['student']} {outcome['assignment']}", refresh=False)
                    bar.update()
        except BaseException:  # Ctrl-C: workers run in sessions of their own and would outlive the batch
            while not tasks.empty():
                tasks.get_nowait()
            for worker in list(live.values()):
                if worker.process.poll() is None:
                    worker.kill()
            raise
        for thread in threads:
            thread.join()
    return BatchResult(statuses, time.monotonic() - started, workers)


def _record(root: Path, db_url: str, outcome: dict) -> SubmissionStatus:
    """Copy one result into the course gradebook and write its status record (the single writer's job)."""
    assignment, student = outcome["assignment"], outcome["student"]
    db = Path(outcome["db"])
    copied = db.exists() and not outcome.get("timed_out") and copy_submission(
        f"sqlite:///{db}", db_url, assignment, student)
    if not copied:
        record_ungraded(db_url, assignment, student)
    db.unlink(missing_ok=True)
    if outcome["failed"]:
        # nbgrader removes a failed notebook's output; a killed worker may have left half of one.
        shutil.rmtree(root / "autograded" / student / assignment, ignore_errors=True)
    status = SubmissionStatus(assignment=assignment, student=student,
                              status="failed" if outcome["failed"] else "graded", reason=outcome["reason"],
                              notes=list(outcome["notes"]), seconds=outcome["seconds"],
                              finished_at=datetime.now(UTC).isoformat(timespec="seconds"))
    write_status(root, status)
    return status
