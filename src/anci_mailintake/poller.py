"""IMAP folder → store, exactly once: fetch → store raw + state → after-actions → process.

The mailbox is the source of truth and the poller its only reader. Per batch, the raw messages,
the after-actions they owe and the folder's new last_uid are committed in one transaction, so
the state never runs ahead of what is stored: a run killed anywhere resumes from the last
committed batch, and a message fetched twice is stored once (identity is the SHA-256 of its
bytes). After-actions (a keyword, a move) are rows in imap_actions done only after that commit
and retried by every later run until they succeed; both are idempotent on the server.

Stage boundaries are logged on the `anci_mailintake.poller` logger with `extra={"stage": …}`
(fetched, written, committed, acting, acted): they are what -v shows, and what the crash tests
watch to kill the process at an exact point.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from .config import ImapSettings, Settings
from .errors import ConfigError, MailboxUnreachable, StoreUnreachable
from .mailbox.imap import AuthRefused, ImapMailbox, batches
from .store import lock, poll_state
from .store.db import session_scope
from .store.queries import add_raws, pending

log = logging.getLogger("anci_mailintake.poller")

BATCH_BYTES = 32 * 1024 * 1024  # a batch's bytes are held in memory once; this bounds peak RSS


@dataclass
class PollSummary:
    folders: tuple[str, ...]
    fetched: int = 0
    new: int = 0
    vanished: int = 0  # listed, then expunged before the fetch
    actions: int = 0
    processed: int = 0
    ok: int = 0
    errors: int = 0
    fetch_seconds: float = 0.0
    process_seconds: float = 0.0
    seconds: float = 0.0
    failure: MailboxUnreachable | ConfigError | None = None
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (f"{','.join(self.folders)}: fetched {self.fetched}, new {self.new}, errors {self.errors}, "
                f"{self.seconds:.2f} s")
        if self.failure is not None:
            text += " (stopped early: see the error)"
        return text

    def as_dict(self) -> dict[str, object]:
        return {"command": "poll", "folders": list(self.folders), "fetched": self.fetched, "new": self.new,
                "errors": self.errors, "processed": self.processed, "actions": self.actions,
                "vanished": self.vanished, "fetch_seconds": round(self.fetch_seconds, 3),
                "process_seconds": round(self.process_seconds, 3), "seconds": round(self.seconds, 3),
                "outcome": "error" if self.failure else "ok", "notes": self.notes,
                "error": str(self.failure) if self.failure else None}


def _stage(stage: str, text: str, *args: object) -> None:
    log.debug(text, *args, extra={"stage": stage})


def planned_actions(s: ImapSettings) -> list[str]:
    """The after-actions each stored message owes, in the order they are done (a move goes last)."""
    actions = []
    if s.mark_seen:
        actions.append("flag:\\Seen")
    if s.after_keyword:
        actions.append(f"flag:{s.after_keyword}")
    if s.after_move:
        actions.append(f"move:{s.after_move}")
    return actions


def apply_owed(engine: Engine, box: ImapMailbox, folder: str, uidvalidity: int) -> int:
    """Do the after-actions owed in FOLDER (selected read-write); return how many were done."""
    with session_scope(engine) as session:
        owed = [(a.id, a.uid, a.action, a.uidvalidity) for a in poll_state.owed_actions(session, box.account, folder)]
        stale = [i for i, _u, _a, uv in owed if uv != uidvalidity]
        poll_state.actions_done(session, stale, note=f"skipped: UIDVALIDITY changed to {uidvalidity}")
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, uid, action, uv in owed:
        if uv == uidvalidity:
            groups[action].append((i, uid))
    done = 0
    for action in sorted(groups, key=lambda a: a.startswith("move:")):  # flags before the move
        ids = [i for i, _ in groups[action]]
        uids = sorted({u for _, u in groups[action]})
        _stage("acting", "%s on %d messages of %s", action, len(uids), folder)
        try:
            kind, _, arg = action.partition(":")
            if kind == "move":
                box.move(uids, arg)
            else:
                box.add_keyword(uids, arg)
        except MailboxUnreachable as e:
            with session_scope(engine) as session:
                poll_state.actions_failed(session, ids, str(e))
            raise
        _stage("acted", "%s done", action)
        with session_scope(engine) as session:
            poll_state.actions_done(session, ids)
        done += len(ids)
    return done


def sync_folder(engine: Engine, box: ImapMailbox, s: ImapSettings, folder: str, summary: PollSummary,
                on_mail: Callable[[], None] = lambda: None) -> None:
    """Store every message of FOLDER above the stored mark, batch by batch, then do owed actions;
    ON_MAIL is called once there is mail to fetch."""
    actions = planned_actions(s)
    info = box.select(folder, readonly=not actions)
    uv = info.uidvalidity
    with session_scope(engine) as session:
        mark = poll_state.folder_mark(session, box.account, folder)
        if mark is None or mark.uidvalidity != uv:
            if mark is not None:
                note = (f"{folder}: UIDVALIDITY changed from {mark.uidvalidity} to {uv}; the folder is read again "
                        "and messages already stored are recognised by their content")
                log.warning(note)
                summary.notes.append(note)
            poll_state.set_mark(session, box.account, folder, uv, 0)
            last = 0
        else:
            last = mark.last_uid
        owed = bool(actions) and bool(poll_state.owed_actions(session, box.account, folder))
    if owed:
        summary.actions += apply_owed(engine, box, folder, uv)
    if info.uidnext is not None and info.uidnext <= last + 1:
        return  # nothing new: the no-op poll ends here, after one SELECT
    sizes = box.sizes_after(last)
    if sizes:
        on_mail()
    for batch in batches(sizes, s.batch_size, BATCH_BYTES):
        got = box.fetch(batch)
        missing = [u for u in batch if u not in got]
        if missing:
            got.update(box.fetch(missing))
            still = [u for u in missing if u not in got]
            if box.existing(still):
                raise MailboxUnreachable(f"{box.account} {folder}: the server lists UIDs {still[:5]} but returns no "
                                         "bytes for them; the next run tries again from UID "
                                         f"{min(still)} (check the server's log)")
            summary.vanished += len(still)
        _stage("fetched", "%s: fetched %d messages, UIDs %d-%d", folder, len(got), batch[0], batch[-1])
        with session_scope(engine) as session:
            news = [new for _pk, new in add_raws(session, [(f"imap:{folder}:{uv}:{u}", got[u]) for u in sorted(got)])]
            summary.new += sum(news)
            poll_state.queue_actions(session, box.account, folder, uv, sorted(got), actions)
            poll_state.set_mark(session, box.account, folder, uv, batch[-1])
            _stage("written", "%s: %d messages written, mark %d", folder, len(got), batch[-1])
        _stage("committed", "%s: committed up to UID %d", folder, batch[-1])
        summary.fetched += len(got)
        del got
        if actions:
            summary.actions += apply_owed(engine, box, folder, uv)


def _warm_up() -> None:
    """The workers' pipeline is built in the fork server while this process fetches."""
    from . import pipeline

    pipeline.warm_up()


def _process(engine: Engine, settings: Settings, summary: PollSummary) -> None:
    """Parse and extract whatever is pending (this run's mail and any left by a killed run)."""
    with session_scope(engine) as session:
        todo = pending(session)
    if not todo:
        return
    from . import pipeline  # the heavy stages load only when there is mail

    started = time.perf_counter()
    psum = pipeline.Summary(seen=len(todo))
    pipeline.process(engine, settings, todo, psum)
    summary.processed, summary.ok, summary.errors = psum.processed, psum.ok, psum.errors
    summary.failures.extend(psum.failures)
    summary.process_seconds = time.perf_counter() - started


def run_pass(engine: Engine, settings: Settings, box: ImapMailbox, *, fetch_only: bool = False,
             folders: tuple[str, ...] | None = None) -> PollSummary:
    """One pass over the folders on BOX (connected here if needed), then processing; logged in poll_runs.

    A mailbox or configuration failure stops fetching but not the processing of what was
    stored; it is recorded in poll_runs and returned in summary.failure for the caller to raise.
    """
    folders = folders or settings.imap.folders
    started = time.perf_counter()
    summary = PollSummary(folders=folders)
    try:
        with session_scope(engine) as session:
            run_id = poll_state.start_run(session, folders)
        try:
            if not box.connected:
                box.connect()
            summary.notes.extend(box.warnings)
            for folder in folders:
                sync_folder(engine, box, settings.imap, folder, summary, on_mail=_warm_up if not fetch_only else lambda: None)
        except (MailboxUnreachable, ConfigError) as e:  # recorded in poll_runs; the caller raises it
            summary.failure = e
        summary.fetch_seconds = time.perf_counter() - started
        if not fetch_only:
            _process(engine, settings, summary)
        summary.seconds = time.perf_counter() - started
        detail = str(summary.failure) if summary.failure else ("; ".join(summary.notes) or None)
        with session_scope(engine) as session:
            poll_state.finish_run(session, run_id, outcome="error" if summary.failure else "ok",
                                  fetched=summary.fetched, new=summary.new, errors=summary.errors,
                                  seconds=summary.seconds, detail=detail)
    except SQLAlchemyError as e:
        reason = str(getattr(e, "orig", e)).strip().splitlines()
        raise StoreUnreachable(f"the store stopped answering during the poll: {reason[0] if reason else e}; "
                               "nothing past the last committed batch was counted, the next run resumes") from None
    return summary


def poll_once(engine: Engine, settings: Settings, *, fetch_only: bool = False,
              folders: tuple[str, ...] | None = None) -> PollSummary:
    """The cron job: take the lock, make one pass, let go. LockedError if another run holds it."""
    with lock.hold(engine, settings.state_dir), ImapMailbox(settings.imap) as box:
        return run_pass(engine, settings, box, fetch_only=fetch_only, folders=folders)


def watch(engine: Engine, settings: Settings, *, fetch_only: bool = False, folders: tuple[str, ...] | None = None,
          report: Callable[[PollSummary], None] = lambda s: None, stop: Callable[[], bool] = lambda: False,
          sleep: Callable[[float], None] = time.sleep) -> None:
    """The service: pass, IDLE on the first folder until news or idle_seconds, pass again; forever.

    A dropped connection is retried with exponential backoff (1 s doubling to 5 minutes); a
    refused login is raised at once, since retrying a dead password or token only locks accounts.
    """
    s = settings.imap
    folders = folders or s.folders
    with lock.hold(engine, settings.state_dir):
        backoff = 1.0
        while not stop():
            box = ImapMailbox(s)
            try:
                while not stop():
                    summary = run_pass(engine, settings, box, fetch_only=fetch_only, folders=folders)
                    report(summary)
                    if summary.failure is not None:
                        raise summary.failure
                    backoff = 1.0
                    box.select(folders[0], readonly=True)
                    box.idle(s.idle_seconds)
            except AuthRefused:
                raise
            except MailboxUnreachable as e:
                log.warning("%s; reconnecting in %.0f s", e, backoff)
                sleep(backoff)
                backoff = min(backoff * 2, 300.0)
            finally:
                box.close()
