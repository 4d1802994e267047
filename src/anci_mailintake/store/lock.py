"""One poller at a time: a PostgreSQL advisory lock, or a file lock beside a SQLite store.

Both die with their holder: PostgreSQL drops a session's advisory locks when its connection
closes, and the kernel drops an flock when the process exits, even by SIGKILL. So a killed cron
run never leaves a stale lock behind.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import LockedError, StoreUnreachable

BUSY = "another poll is running on this store (it holds the lock); this run does nothing"


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_try_advisory_lock."""
    return int.from_bytes(hashlib.sha256(f"anci-mailintake:{name}".encode()).digest()[:8], "big", signed=True)


def lock_path(engine: Engine, state_dir: str, name: str) -> Path:
    """STATE_DIR/NAME.lock, else beside the SQLite file, else in the temporary folder."""
    if state_dir:
        base = Path(state_dir).expanduser()
        base.mkdir(parents=True, exist_ok=True)
        return base / f"{name}.lock"
    db = engine.url.database
    if engine.dialect.name == "sqlite" and db and db != ":memory:":
        p = Path(db).expanduser()
        return p.with_name(p.name + f".{name}.lock")
    return Path(tempfile.gettempdir()) / f"anci-mailintake-{name}.lock"


def _pg_release(conn: Connection, name: str, got: bool) -> None:
    """Unlock before the connection goes back to the pool (a pooled session would keep the lock)."""
    try:
        if got:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(name)})
            conn.commit()
        conn.close()
    except SQLAlchemyError:
        conn.invalidate()  # the server is gone, and the lock with its session


@contextmanager
def hold(engine: Engine, state_dir: str = "", name: str = "poll") -> Iterator[None]:
    """Hold the lock NAME for the block, or raise LockedError at once if another run has it."""
    if engine.dialect.name == "postgresql":
        try:
            conn = engine.connect()
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": lock_key(name)}).scalar()
            conn.commit()
        except SQLAlchemyError as e:
            raise StoreUnreachable(f"the store cannot be reached to take the {name} lock: "
                                   f"{str(getattr(e, 'orig', e)).strip().splitlines()[0]}") from None
        try:
            if not got:
                raise LockedError(BUSY)
            yield
        finally:
            _pg_release(conn, name, bool(got))
        return
    lock = FileLock(str(lock_path(engine, state_dir, name)))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise LockedError(BUSY) from None
    try:
        yield
    finally:
        lock.release()
