"""Kill the poller anywhere (mbsync-style crash tests), stop the server, run two at once, watch.

Every case ends the same way: after one clean run the store holds each message of the folder
exactly once, with its one imap:FOLDER:UIDVALIDITY:UID source, and every after-action is done.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time

import pytest
from sqlalchemy import select

from anci_mailintake.store.db import make_engine, session_scope
from anci_mailintake.store.models import ImapAction, MessageSource

from conftest import CLI_PYTHON, cli_env, fill, generated, run_cli, stored, was_killed

pytestmark = [pytest.mark.imap, pytest.mark.slow]

KEYWORD = "$AnciIngested"


def _config(tmp_path, batch: int = 10, **more: object) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "poll.toml"
    lines = [f"batch_size = {batch}", f'after_keyword = "{KEYWORD}"']
    lines += [f"{k} = {v}" for k, v in more.items()]
    path.write_text("[imap]\n" + "\n".join(lines) + "\n")
    return str(path)


def assert_exactly_once(db_url: str, dovecot, folder: str, n: int) -> None:  # type: ignore[no-untyped-def]
    """The state a clean run leaves: N messages once each, their sources, all flagged, nothing owed."""
    c = dovecot.client()
    uv = c.select_folder(folder)[b"UIDVALIDITY"]
    flags = c.get_flags(c.search("ALL"))
    c.logout()
    counts = stored(db_url)
    assert counts["messages"] == counts["distinct"] == counts["sources"] == n, counts
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        sources = sorted(s.scalars(select(MessageSource.source)))
        owed = [a for a in s.scalars(select(ImapAction)) if a.done_at is None]
    engine.dispose()
    assert sources == sorted(f"imap:{folder}:{uv}:{uid}" for uid in flags)
    assert counts["last_uid"] == max(flags)
    assert not owed and all(KEYWORD.encode() in f for f in flags.values())


@pytest.mark.parametrize("stage", ["fetched", "written", "committed", "acting", "acted"])
def test_a_kill_at_each_stage_loses_nothing_and_duplicates_nothing(db_url, dovecot, folder, tmp_path, stage):
    n = fill(dovecot, folder, generated(30, seed=90))
    env = cli_env(dovecot, folder)
    args = ["--db", db_url, "--config", _config(tmp_path), "poll", "--once", "--fetch-only"]
    killed = run_cli(args, env, kill_at=(stage, 2))
    assert was_killed(killed), killed.stderr
    before = stored(db_url)
    assert before["messages"] == before["sources"] <= n
    # the state never runs ahead of the stored messages
    assert before["last_uid"] == before["messages"] and before["messages"] % 10 == 0
    clean = run_cli(args, env)
    assert clean.returncode == 0, clean.stderr
    assert_exactly_once(db_url, dovecot, folder, n)


def test_random_kills_over_twenty_runs_then_one_clean_run(db_url, dovecot, folder, tmp_path):
    rng = random.Random(20200205)
    n = fill(dovecot, folder, generated(300, seed=91))
    env = cli_env(dovecot, folder)
    args = ["--db", db_url, "--config", _config(tmp_path, batch=20), "poll", "--once", "--fetch-only"]
    cmd = [CLI_PYTHON, "-c", "from anci_mailintake.cli import main; main()", "-v", *args]
    kills = 0
    for run in range(20):
        n += fill(dovecot, folder, generated(10, seed=1000 + run))  # every run has work to be killed in
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        # A random moment inside the work, whatever this machine's speed: after a random number
        # of the -v stage lines (five per batch), plus a random few milliseconds.
        for _ in range(rng.randint(0, 5)):
            if not proc.stderr.readline():
                break
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += proc.returncode == -signal.SIGKILL
        counts = stored(db_url)
        assert counts["messages"] == counts["distinct"] == counts["sources"], counts
    assert kills >= 15, "most runs should have been killed mid-way"
    clean = run_cli(args, env)
    assert clean.returncode == 0, clean.stderr
    assert_exactly_once(db_url, dovecot, folder, n)
    processed = run_cli(args[:-1], env)  # one processing run reads what the killed runs stored
    assert processed.returncode in (0, 1), processed.stderr
    assert stored(db_url)["pending"] == 0


def test_dovecot_stopped_mid_run_exits_3_and_the_next_run_completes(db_url, dovecot, folder, tmp_path):
    n = fill(dovecot, folder, generated(200, seed=92))
    env = cli_env(dovecot, folder)
    args = ["--db", db_url, "--config", _config(tmp_path, batch=5), "-v", "poll", "--once", "--fetch-only"]
    proc = subprocess.Popen([CLI_PYTHON, "-c", "from anci_mailintake.cli import main; main()", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    try:
        for line in proc.stderr:
            if "committed up to UID" in line:
                proc.send_signal(signal.SIGSTOP)  # hold the poller mid-run while the server dies
                dovecot.stop(crash=True)
                proc.send_signal(signal.SIGCONT)
                break
        out, err = proc.communicate(timeout=120)
    finally:
        if dovecot.proc is None:
            dovecot.start()
    assert proc.returncode == 3, err
    errors = [ln for ln in err.splitlines() if ln.startswith("anci-mailintake: error:")]
    assert len(errors) == 1 and "Traceback" not in err
    counts = stored(db_url)
    assert 0 < counts["messages"] < n and counts["last_uid"] == counts["messages"]
    clean = run_cli(args, env)
    assert clean.returncode == 0, clean.stderr
    assert_exactly_once(db_url, dovecot, folder, n)


def test_two_polls_at_once_store_each_message_once(db_url, dovecot, folder, tmp_path):
    n = fill(dovecot, folder, generated(150, seed=93))
    env = cli_env(dovecot, folder)
    args = ["--db", db_url, "--config", _config(tmp_path), "--json-log", "poll", "--once", "--fetch-only"]
    cmd = [CLI_PYTHON, "-c", "from anci_mailintake.cli import main; main()", *args]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    fetched = sum(json.loads(o.strip().splitlines()[-1])["fetched"] for o, _ in outs if o.strip())
    assert fetched == n
    assert_exactly_once(db_url, dovecot, folder, n)


def test_watch_ingests_new_mail_and_survives_a_server_restart(db_url, dovecot, folder, tmp_path):
    env = cli_env(dovecot, folder)
    args = ["--db", db_url, "--config", _config(tmp_path, idle_seconds=2), "poll", "--watch", "--fetch-only"]
    proc = subprocess.Popen([CLI_PYTHON, "-c", "from anci_mailintake.cli import main; main()", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait_for(count: int) -> None:
        deadline = time.monotonic() + 30
        while stored(db_url)["messages"] < count:
            assert proc.poll() is None, proc.communicate()
            if time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"watch did not store {count} messages: {proc.communicate()}")
            time.sleep(0.2)

    try:
        time.sleep(1.0)
        fill(dovecot, folder, generated(2, seed=94))
        wait_for(2)
        dovecot.stop(crash=True)
        time.sleep(1.5)
        dovecot.start()
        fill(dovecot, folder, generated(1, seed=95))
        wait_for(3)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        if dovecot.proc is None:
            dovecot.start()
    assert proc.returncode == 0, err
    import re

    assert sum(int(x) for x in re.findall(r"fetched (\d+)", out)) == 3, out
    assert "reconnecting" in err
    assert_exactly_once(db_url, dovecot, folder, 3)
