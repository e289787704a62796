"""datasets/ is exactly what the world generator makes, matches its schemas and dictionary, and is found anywhere."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys

import pandas as pd
import pytest

from pmcourse.data import is_date_column, load
from pmcourse.grading.course import COURSE_ROOT
from pmcourse.paths import ENV_VAR, DatasetsNotFound, dataset_file, datasets_dir
from pmcourse.world import CATALOG, build_table, write_world
from pmcourse.world.spec import schema_problems

DATASETS = COURSE_ROOT / "datasets"
SIZE_BUDGET_MB = 25


def _csv_text(path) -> bytes:
    """The CSV bytes of a table file; gzip headers and zlib builds differ across machines, the CSV must not."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _committed_files() -> list[str]:
    return sorted(str(p.relative_to(DATASETS)) for p in DATASETS.rglob("*.csv*"))


def test_committed_datasets_match_a_fresh_generation(tmp_path):
    written = write_world(tmp_path)
    assert sorted(str(p.relative_to(tmp_path)) for p in written) == _committed_files()
    changed = [p.name for p in written if _csv_text(p) != _csv_text(DATASETS / p.relative_to(tmp_path))]
    assert changed == [], "datasets/ differs from the generator: run `python3 course.py build` and commit"


def test_generation_is_deterministic():
    for name in ("pm_calendar", "marketing_spend"):
        pd.testing.assert_frame_equal(build_table(name), build_table(name))


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_table_matches_its_schema(name):
    assert schema_problems(CATALOG[name], load(name, start=COURSE_ROOT)) == []


def _dictionary_sections() -> dict[str, str]:
    text = (DATASETS / "README.md").read_text(encoding="utf-8")
    parts = re.split(r"^## `([^`]+)`\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_table_and_column_is_in_the_data_dictionary(name):
    sections = _dictionary_sections()
    assert name in sections, f"datasets/README.md needs a section headed ## `{name}`"
    documented = re.findall(r"^\| `([^`]+)` \|", sections[name], flags=re.MULTILINE)
    # A family of columns may be documented once: `kano_<feature>_functional` stands for every feature.
    patterns = [re.compile(re.sub(r"<[a-z_]+>", "[a-z_]+", re.escape(d).replace(r"\<", "<").replace(r"\>", ">")) + "$")
                for d in documented]
    missing = [c.name for c in CATALOG[name].columns if not any(p.match(c.name) for p in patterns)]
    assert missing == [], f"columns of {name} missing from its dictionary table: {missing}"


def test_the_dictionary_overview_gives_each_file_and_its_row_count():
    text = (DATASETS / "README.md").read_text(encoding="utf-8")
    overview = {m[0]: (m[1], int(m[2].replace(",", "")))
                for m in re.findall(r"^\| `([^`]+)` \| `([^`]+)` \| ([\d,]+) \|", text, flags=re.MULTILINE)}
    assert set(overview) == set(CATALOG)
    for name, (filename, rows) in overview.items():
        assert filename == CATALOG[name].filename
        assert rows == len(load(name, start=COURSE_ROOT)), f"row count of {name} in the overview"


def test_date_columns_follow_the_loaders_naming_rule():
    """load() parses dates by column name; every date column of every schema must obey the rule, and only they."""
    wrong = [f"{t.name}.{c.name}" for t in CATALOG.values() for c in t.columns
             if is_date_column(c.name) != (c.kind in ("date", "datetime"))]
    assert wrong == []


def test_loading_data_does_not_import_the_generator():
    """Notebooks import pmcourse.data; the generator (and scipy) would add most of a second to every run."""
    code = ("import sys, pmcourse.data; "
            "print(sorted(m for m in sys.modules if m.startswith(('pmcourse.world', 'scipy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_datasets_stay_within_the_size_budget():
    total = sum(p.stat().st_size for p in DATASETS.rglob("*") if p.is_file())
    assert total < SIZE_BUDGET_MB * 1e6, f"datasets/ is {total / 1e6:.1f} MB"


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


def test_tables_in_a_folder_load_by_their_path(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    (tmp_path / "datasets" / "experiments").mkdir(parents=True)
    (tmp_path / "datasets" / "README.md").write_text("dictionary")
    source = DATASETS / CATALOG["experiments/quick_add_users"].filename
    (tmp_path / "datasets" / "experiments" / source.name).write_bytes(source.read_bytes())
    frame = load("experiments/quick_add_users", start=tmp_path / "notebooks" / "03-ab-testing")
    assert len(frame) == len(load("experiments/quick_add_users", start=COURSE_ROOT))
    assert pd.api.types.is_datetime64_any_dtype(frame["assigned_date"])
    with pytest.raises(FileNotFoundError, match="experiments/quick_add_users"):
        dataset_file("quick_add_users", start=tmp_path)


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


def test_the_world_command_refuses_unknown_tables_and_writes_nothing():
    before = {p: p.stat().st_mtime_ns for p in DATASETS.rglob("*.csv*")}
    run = subprocess.run([sys.executable, "-m", "pmcourse.world", "users", "no_such_table"],
                         capture_output=True, text=True, cwd=COURSE_ROOT)
    assert run.returncode == 2 and "no_such_table" in run.stderr and "users" in run.stderr
    assert before == {p: p.stat().st_mtime_ns for p in DATASETS.rglob("*.csv*")}


def test_a_table_edited_in_place_does_not_change_the_next_load(tmp_path):
    """load() parses a table once per process; each caller still gets a table of its own."""
    first = load("pm_calendar", start=COURSE_ROOT)
    first.loc[0, "title"] = "edited by a learner"
    first["extra"] = 1
    again = load("pm_calendar", start=COURSE_ROOT)
    assert "extra" not in again.columns and again.loc[0, "title"] != "edited by a learner"


def test_a_table_rewritten_on_disk_is_read_again(tmp_path):
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "README.md").write_text("dictionary")
    table = tmp_path / "datasets" / "pm_calendar.csv"
    rows = (DATASETS / "pm_calendar.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(rows[:11]), encoding="utf-8")
    assert len(load("pm_calendar", start=tmp_path)) == 10
    table.write_text("".join(rows[:6]), encoding="utf-8")
    assert len(load("pm_calendar", start=tmp_path)) == 5
