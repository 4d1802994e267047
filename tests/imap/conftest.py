"""The `dovecot` fixture: one private Dovecot per session; every test reads a folder of its own.

A folder per test (rather than a server per test) keeps the suite fast and the tests apart; a
recreated folder gets a new UIDVALIDITY, which is what the resync test wants anyway.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from anci_mailintake.store.db import make_engine, session_scope
from anci_mailintake.store.models import ImapFolderState, Message, MessageSource

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dovecot import Dovecot, remove, start_private  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CLI_PYTHON = str(REPO / ".venv" / "bin" / "python") if (REPO / ".venv" / "bin" / "python").exists() else sys.executable

pytestmark = pytest.mark.imap


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    server = start_private()
    yield server
    remove(server)


@pytest.fixture
def folder(dovecot: Dovecot) -> Iterator[str]:
    name = f"t{uuid.uuid4().hex[:10]}"
    c = dovecot.client()
    c.create_folder(name)
    c.logout()
    yield name


def fill(server: Dovecot, folder: str, messages: Iterable[bytes]) -> int:
    c = server.client()
    n = 0
    for data in messages:
        c.append(folder, data)
        n += 1
    c.logout()
    return n


def corpus(shared: Path, n: int) -> list[bytes]:
    return [p.read_bytes() for p in sorted((shared / "corpus" / "dev").glob("*.eml"))[:n]]


def generated(n: int, seed: int = 1) -> list[bytes]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from mailbox_gen import generate

    return generate(n, seed)


def stored(db_url: str) -> dict[str, int]:
    """Counts that say whether the store holds each message exactly once."""
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        out = {
            "messages": s.scalar(select(func.count()).select_from(Message)) or 0,
            "distinct": s.scalar(select(func.count(func.distinct(Message.sha256)))) or 0,
            "sources": s.scalar(select(func.count()).select_from(MessageSource)) or 0,
            "pending": s.scalar(select(func.count()).select_from(Message).where(Message.status == "pending")) or 0,
        }
        out["last_uid"] = max(s.scalars(select(ImapFolderState.last_uid)), default=0)
    engine.dispose()
    return out


def cli_env(server: Dovecot, folder: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCI_") or k == "ANCI_TEST_PG_URL"}
    env.update(server.env(folder, **extra))
    return env


# A real CLI process that SIGKILLs itself when the poller logs stage STAGE for the Nth time:
# the poller's own stage log is the observation point, so the product carries no test hook.
KILLER = """
import logging, os, signal, sys
stage, nth = sys.argv[1], int(sys.argv[2])
seen = 0
class Kill(logging.Handler):
    def emit(self, record):
        global seen
        if getattr(record, "stage", None) == stage:
            seen += 1
            if seen == nth:
                os.kill(os.getpid(), signal.SIGKILL)
log = logging.getLogger("anci_mailintake.poller")
log.addHandler(Kill())
log.setLevel(logging.DEBUG)
log.propagate = False
from anci_mailintake.cli import main
sys.argv = ["anci-mailintake", *sys.argv[3:]]
main()
"""


def run_cli(args: list[str], env: dict[str, str], *, kill_at: tuple[str, int] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    if kill_at is None:
        cmd = [CLI_PYTHON, "-c", "from anci_mailintake.cli import main; main()", *args]
    else:
        cmd = [CLI_PYTHON, "-c", KILLER, kill_at[0], str(kill_at[1]), *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)


def was_killed(r: subprocess.CompletedProcess[str]) -> bool:
    return r.returncode == -signal.SIGKILL
