"""poll --once against a private Dovecot: incremental, exactly once, peek-only, actions after commit."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from anci_mailintake.store.db import make_engine, session_scope
from anci_mailintake.store.models import ImapAction, Message, MessageSource, PollRun

from conftest import corpus, fill, generated, stored

pytestmark = pytest.mark.imap


def _sources(db_url: str) -> list[str]:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        out = list(s.scalars(select(MessageSource.source).order_by(MessageSource.id)))
    engine.dispose()
    return out


def test_first_poll_stores_and_reads_every_message_and_a_second_poll_asks_for_nothing(cli, db_url, dovecot,
                                                                                     folder, shared):
    n = fill(dovecot, folder, corpus(shared, 12))
    first = cli("--json-log", "poll", "--once", env=dovecot.env(folder))
    assert first.exit_code == 0, first.output
    summary = json.loads(first.output.strip().splitlines()[-1])
    assert (summary["fetched"], summary["new"], summary["processed"], summary["outcome"]) == (n, n, n, "ok")
    counts = stored(db_url)
    assert counts["messages"] == counts["distinct"] == n and counts["pending"] == 0 and counts["last_uid"] == n
    c = dovecot.client()
    uidvalidity = c.select_folder(folder)[b"UIDVALIDITY"]
    flags = c.get_flags(c.search("ALL"))
    c.logout()
    assert sorted(_sources(db_url)) == sorted(f"imap:{folder}:{uidvalidity}:{uid}" for uid in range(1, n + 1))
    assert all(b"\\Seen" not in f for f in flags.values()), "BODY.PEEK[] must leave \\Seen alone"

    again = cli("poll", "--once", env=dovecot.env(folder))
    assert again.exit_code == 0 and f"{folder}: fetched 0, new 0, errors 0" in again.output
    fill(dovecot, folder, generated(3, seed=11))
    third = cli("--json-log", "poll", "--once", env=dovecot.env(folder))
    assert json.loads(third.output.strip().splitlines()[-1])["fetched"] == 3
    assert stored(db_url)["messages"] == n + 3

    status = cli("status", env=dovecot.env(folder))
    assert "last poll:" in status.output and "ok: fetched 3, new 3" in status.output


def test_fetch_only_defers_reading_to_reprocess_and_a_bad_message_is_still_stored(cli, db_url, dovecot, folder,
                                                                                  shared):
    hostile = sorted((shared / "hostile" / "mail").glob("*.eml"))[:6]
    n = fill(dovecot, folder, [p.read_bytes() for p in hostile] + [b"this is not a mail message at all\r\n"])
    r = cli("poll", "--once", "--fetch-only", env=dovecot.env(folder))
    assert r.exit_code == 0, r.output
    assert stored(db_url)["pending"] == stored(db_url)["messages"] == n
    r = cli("poll", "--once", env=dovecot.env(folder))  # nothing new, but the pending ones are read now
    assert r.exit_code in (0, 1) and "fetched 0" in r.output
    counts = stored(db_url)
    assert counts["messages"] == n and counts["pending"] == 0


def test_a_new_uidvalidity_rereads_the_folder_without_duplicates(cli, db_url, dovecot, folder):
    mail = generated(8, seed=21)
    fill(dovecot, folder, mail)
    assert cli("poll", "--once", "--fetch-only", env=dovecot.env(folder)).exit_code == 0
    c = dovecot.client()
    old = c.select_folder(folder)[b"UIDVALIDITY"]
    c.close_folder()
    c.delete_folder(folder)
    c.create_folder(folder)
    c.logout()
    fill(dovecot, folder, mail)
    r = cli("--json-log", "poll", "--once", "--fetch-only", env=dovecot.env(folder))
    assert r.exit_code == 0, r.output
    assert "UIDVALIDITY changed" in r.output
    summary = json.loads(r.output.strip().splitlines()[-1])
    assert (summary["fetched"], summary["new"]) == (8, 0)
    counts = stored(db_url)
    assert counts["messages"] == counts["distinct"] == 8 and counts["sources"] == 16
    assert sum(s.startswith(f"imap:{folder}:{old}:") for s in _sources(db_url)) == 8


def test_after_keyword_and_move_happen_once_the_messages_are_stored(cli, db_url, dovecot, folder, tmp_path):
    fill(dovecot, folder, generated(5, seed=31))
    done = f"{folder}-done"
    c = dovecot.client()
    c.create_folder(done)
    c.logout()
    toml = tmp_path / "poll.toml"
    toml.write_text(f'[imap]\nafter_keyword = "$AnciIngested"\nafter_move = "{done}"\n')
    r = cli("--config", str(toml), "poll", "--once", "--fetch-only", env=dovecot.env(folder))
    assert r.exit_code == 0, r.output
    c = dovecot.client()
    assert c.select_folder(folder)[b"EXISTS"] == 0
    c.select_folder(done)
    flags = c.get_flags(c.search("ALL"))
    c.logout()
    assert len(flags) == 5 and all(b"$AnciIngested" in f for f in flags.values())
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        actions = list(s.scalars(select(ImapAction)))
    engine.dispose()
    assert len(actions) == 10 and all(a.done_at is not None and a.last_error is None for a in actions)
    again = cli("--config", str(toml), "poll", "--once", "--fetch-only", env=dovecot.env(folder))
    assert again.exit_code == 0 and "fetched 0" in again.output


def test_mark_seen_sets_seen_only_after_the_commit(cli, db_url, dovecot, folder, tmp_path):
    fill(dovecot, folder, generated(3, seed=41))
    toml = tmp_path / "seen.toml"
    toml.write_text("[imap]\nmark_seen = true\n")
    assert cli("--config", str(toml), "poll", "--once", "--fetch-only", env=dovecot.env(folder)).exit_code == 0
    c = dovecot.client()
    c.select_folder(folder)
    flags = c.get_flags(c.search("ALL"))
    c.logout()
    assert len(flags) == 3 and all(b"\\Seen" in f for f in flags.values())


def test_several_folders_are_polled_in_one_run(cli, db_url, dovecot, folder):
    other = f"{folder}-b"
    c = dovecot.client()
    c.create_folder(other)
    c.logout()
    fill(dovecot, folder, generated(2, seed=51))
    fill(dovecot, other, generated(3, seed=52))
    r = cli("--json-log", "poll", "--once", "--fetch-only", env=dovecot.env(f"{folder},{other}"))
    assert r.exit_code == 0, r.output
    assert json.loads(r.output.strip().splitlines()[-1])["fetched"] == 5
    assert stored(db_url)["messages"] == 5


def test_poll_runs_record_each_run_and_its_outcome(cli, db_url, dovecot, folder):
    """A run whose login is refused still reads what an earlier --fetch-only run stored."""
    fill(dovecot, folder, generated(2, seed=61))
    cli("poll", "--once", "--fetch-only", env=dovecot.env(folder))
    cli("poll", "--once", env=dovecot.env(folder, ANCI_IMAP_PASSWORD="wrong"))
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        runs = list(s.scalars(select(PollRun).order_by(PollRun.id)))
        ok = s.scalar(select(Message.status).limit(1))
    engine.dispose()
    assert [r.outcome for r in runs] == ["ok", "error"] and ok == "ok"
    assert runs[0].fetched == 2 and "refused the login" in (runs[1].detail or "")


def test_a_configuration_error_is_recorded_and_exits_2(cli, db_url, dovecot, folder):
    env = dovecot.env(folder, ANCI_IMAP_PASSWORD="")
    r = cli("poll", "--once", env=env)
    assert r.exit_code == 2 and "no IMAP password" in r.output
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        run = s.scalars(select(PollRun)).one()
    engine.dispose()
    assert run.outcome == "error" and "ANCI_IMAP_PASSWORD_FILE" in (run.detail or "")
