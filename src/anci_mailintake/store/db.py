"""Engines, sessions and migrations.

A fresh SQLite store is created and brought to the newest schema by itself; a PostgreSQL store
is brought up to date by `anci-mailintake db upgrade` (`open_store(..., upgrade=True)`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import ConfigError, StoreUnreachable
from .. import istat
from .models import Comune


def migrations_dir() -> Path:
    """The Alembic scripts: packaged inside the wheel, or at the top of a source checkout."""
    packaged = Path(str(resources.files("anci_mailintake"))) / "migrations"
    if (packaged / "env.py").exists():
        return packaged
    return Path(__file__).resolve().parents[3] / "migrations"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # pysqlite opens transactions itself, only before DML: a SAVEPOINT issued first would then be
    # the outermost transaction and its RELEASE would commit. SQLAlchemy says BEGIN instead, and
    # IMMEDIATE: a deferred transaction that reads, then writes after another process committed,
    # fails at once (SQLITE_BUSY_SNAPSHOT) instead of waiting its turn.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for URL; a SQLite file's folder is created. Raises ConfigError for a bad URL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"--db {url!r} is not a database URL (sqlite:///PATH or postgresql+psycopg://…)") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ModuleNotFoundError, SQLAlchemyError) as e:
        raise ConfigError(f"--db {parsed.render_as_string(hide_password=True)}: {e}") from None


def alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Apply the migrations, then bring the ISTAT reference table up to date."""
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with Session(engine) as session, session.begin():
        sync_comuni(session)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def sync_comuni(session: Session) -> None:
    """Load ISTAT's list into `comuni`, adding and renaming rows; never deleting referenced ones."""
    wanted = istat.comuni()
    if session.scalar(select(func.count()).select_from(Comune)) == len(wanted):
        return
    have = {c.istat: c for c in session.scalars(select(Comune))}
    for info in wanted:
        row = have.get(info.istat)
        values = dict(name=info.name, name_other=info.name_other, province=info.province,
                      province_name=info.province_name, region=info.region)
        if row is None:
            session.add(Comune(istat=info.istat, **values))
        else:
            for k, v in values.items():
                setattr(row, k, v)


def open_store(url: str, *, upgrade_schema: bool = False) -> Engine:
    """Connect, and make sure the schema is current.

    SQLite is upgraded by itself; another backend only when asked (`db upgrade`), else an
    out-of-date schema is an error that says which command to run.
    """
    engine = make_engine(url)
    try:
        with engine.connect():
            pass
    except (OperationalError, SQLAlchemyError) as e:
        reason = str(getattr(e, "orig", e)).strip().splitlines()[0] if str(getattr(e, "orig", e)).strip() else type(e).__name__
        raise StoreUnreachable(
            f"the store {engine.url.render_as_string(hide_password=True)} cannot be reached: {reason}. "
            "Check --db / ANCI_MAILINTAKE_DB and that the database server is running.") from None
    if upgrade_schema or engine.dialect.name == "sqlite":
        if upgrade_schema or current_revision(engine) != head_revision(engine):
            upgrade(engine)
    elif current_revision(engine) != head_revision(engine):
        raise ConfigError(
            f"the store's schema is at {current_revision(engine) or 'nothing'}, the code needs "
            f"{head_revision(engine)}: run `anci-mailintake db upgrade`.")
    return engine


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session
