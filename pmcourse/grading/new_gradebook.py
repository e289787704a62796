"""Create an empty nbgrader gradebook in-process: the file nbgrader writes, without its `alembic` subprocess.

nbgrader's Gradebook stamps a new database with the newest migration by running `alembic heads` in a
subprocess, which imports nbgrader again: about 4 CPU-seconds for every new gradebook (every progress
report, every throw-away course of the self-test). Here the tables come from nbgrader's own models and the
stamp from nbgrader's own migration scripts, read in-process; an existing gradebook is left alone.
"""

from __future__ import annotations

from functools import cache

from alembic.config import Config
from alembic.script import ScriptDirectory
from nbgrader.api import Base
from nbgrader.dbutil import ALEMBIC_DIR
from sqlalchemy import create_engine, inspect, text


@cache
def alembic_head() -> str:
    """The newest migration of the installed nbgrader (what `alembic heads` prints)."""
    config = Config()
    config.set_main_option("script_location", ALEMBIC_DIR)
    head = ScriptDirectory.from_config(config).get_current_head()
    if head is None:
        raise RuntimeError(f"nbgrader's migrations in {ALEMBIC_DIR} have no head")
    return head


def ensure_gradebook(db_url: str) -> bool:
    """Create the gradebook at `db_url` as nbgrader's Gradebook would, unless it has tables; say if it did."""
    engine = create_engine(db_url)
    try:
        if inspect(engine).get_table_names():
            return False
        Base.metadata.create_all(bind=engine)
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"),
                               {"head": alembic_head()})
        return True
    finally:
        engine.dispose()
