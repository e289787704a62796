"""datasets/ is exactly what the world generator makes, and every nbgrader folder can find it."""

from __future__ import annotations

import pandas as pd
import pytest

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT
from pmcourse.paths import ENV_VAR, DatasetsNotFound, dataset_file, datasets_dir
from pmcourse.world import TABLES, build_table, write_world

DATASETS = COURSE_ROOT / "datasets"


def test_committed_datasets_match_a_fresh_generation(tmp_path):
    written = write_world(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in DATASETS.glob("*.csv*"))
    changed = [p.name for p in written if p.read_bytes() != (DATASETS / p.name).read_bytes()]
    assert changed == [], "datasets/ differs from the generator: run `python3 course.py build` and commit"


def test_generation_is_deterministic():
    for name in TABLES:
        pd.testing.assert_frame_equal(build_table(name), build_table(name))


def test_every_table_is_in_the_data_dictionary():
    dictionary = (DATASETS / "README.md").read_text(encoding="utf-8")
    for name in TABLES:
        assert f"`{name}`" in dictionary


@pytest.mark.parametrize("folder", [
    "solutions/00-orientation",
    "notebooks/00-orientation",
    "submitted/some-student/00-orientation",
    "autograded/some-student/00-orientation",
    "feedback/some-student/00-orientation",
])
def test_datasets_are_found_from_every_nbgrader_folder(tmp_path, monkeypatch, folder):
    """A copy of the course anywhere: the helper finds *that* copy's datasets, not the installed one."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "README.md").write_text("dictionary")
    (tmp_path / "datasets" / "pm_calendar.csv").write_bytes((DATASETS / "pm_calendar.csv").read_bytes())
    work = tmp_path / folder
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert datasets_dir() == tmp_path / "datasets"
    assert len(load("pm_calendar")) == len(load("pm_calendar", start=COURSE_ROOT))


def test_environment_variable_overrides_the_search(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(DATASETS))
    monkeypatch.chdir(tmp_path)
    assert datasets_dir() == DATASETS.resolve()
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(DatasetsNotFound, match="not a folder"):
        datasets_dir()


def test_unknown_table_names_the_tables_that_exist():
    with pytest.raises(FileNotFoundError, match="pm_calendar"):
        dataset_file("no_such_table", start=COURSE_ROOT)
    with pytest.raises(TypeError, match="strings"):
        load(42)  # type: ignore[arg-type]


def test_pm_calendar_schema():
    calendar = load("pm_calendar", start=COURSE_ROOT)
    assert list(calendar.columns) == ["entry_id", "date", "weekday", "start_time", "end_time", "duration_min",
                                      "title", "responsibility", "recurring", "attendees", "status"]
    assert calendar["entry_id"].is_unique and calendar["entry_id"].is_monotonic_increasing
    assert pd.api.types.is_datetime64_any_dtype(calendar["date"])
    assert calendar["date"].dt.dayofweek.max() <= 4, "working days only"
    assert calendar["date"].dt.to_period("W").nunique() == 4
    assert set(calendar["status"]) == {"confirmed", "cancelled"}
    assert set(calendar["responsibility"]) == {"vision_roadmap", "market_research", "metrics", "backlog",
                                               "launch", "stakeholders", "team", "admin"}
    minutes = pd.to_timedelta(calendar["end_time"] + ":00") - pd.to_timedelta(calendar["start_time"] + ":00")
    assert (minutes.dt.total_seconds() / 60 == calendar["duration_min"]).all()
    assert calendar["duration_min"].between(15, 240).all()
    assert calendar["attendees"].between(1, 30).all()
