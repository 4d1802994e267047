"""Fixtures mirror the layers: settings, db (SQLite file and PostgreSQL), cli.

PostgreSQL is the machine's server at 127.0.0.1:5432 (user postgres), or the one named by
ANCI_TEST_PG_URL (the test command starts a private server where none runs). Each test run makes
a database of its own and drops it afterwards. In CI (CI=true) a missing server fails the run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, text

from anci_mailintake import config
from anci_mailintake.store.db import make_engine, upgrade
from anci_mailintake.store.models import Base

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_ADMIN_URL = os.environ.get("ANCI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
KEEP_TABLES = {"comuni", "alembic_version"}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ANCI_* setting of the machine leaks into a test."""
    for name in list(os.environ):
        if name.startswith("ANCI_") and name != "ANCI_TEST_PG_URL":
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the tests read the corpus and hostile files from ../shared")
    return SHARED


def _pg_admin() -> Engine:
    from sqlalchemy import create_engine

    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    admin = _pg_admin()
    name = f"anci_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as e:  # noqa: BLE001
        msg = f"PostgreSQL at {PG_ADMIN_URL} cannot be reached: {e}"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    upgrade(make_engine(url))
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.sqlite'}"
    upgrade(make_engine(url))
    return url


def _empty(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in KEEP_TABLES:
                conn.execute(table.delete())
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An up-to-date, empty store: once on SQLite, once on PostgreSQL."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    _empty(url)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    e = make_engine(db_url)
    yield e
    e.dispose()


@pytest.fixture
def settings(db_url: str) -> config.Settings:
    return config.load(None, {"HOME": "/nonexistent"}, db_url=db_url)


@pytest.fixture
def cli(db_url: str):  # type: ignore[no-untyped-def]
    """Run the real command line on the test store: cli("export", "--format", "jsonl")."""
    from anci_mailintake.cli import app

    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app.cli, ["--db", db_url, *args], env=env, input=input, catch_exceptions=False)

    return run
