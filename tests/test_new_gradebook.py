"""A gradebook made in-process is the one nbgrader's Gradebook makes (through its `alembic` subprocess)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from nbgrader.api import Gradebook

from pmcourse.grading.course import ensure_tools_on_path
from pmcourse.grading.new_gradebook import ensure_gradebook


def schema_and_stamp(path: Path) -> tuple[list[tuple], list[tuple]]:
    with sqlite3.connect(path) as db:
        schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        stamp = db.execute("SELECT version_num FROM alembic_version").fetchall()
    return schema, stamp


def test_the_in_process_gradebook_matches_nbgraders_own(tmp_path):
    ensure_tools_on_path()
    Gradebook(f"sqlite:///{tmp_path / 'nbgrader.db'}").close()
    assert ensure_gradebook(f"sqlite:///{tmp_path / 'ours.db'}")
    theirs, ours = schema_and_stamp(tmp_path / "nbgrader.db"), schema_and_stamp(tmp_path / "ours.db")
    assert ours == theirs
    assert len(ours[1]) == 1 and ours[0]


def test_an_existing_gradebook_is_left_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert ensure_gradebook(url)
    with Gradebook(url) as gradebook:
        gradebook.add_student("ada")
    assert not ensure_gradebook(url)
    with Gradebook(url) as gradebook:
        assert [s.id for s in gradebook.students] == ["ada"]
