"""The poller's state: how far each folder was read, after-actions still owed, the runs' log.

Every function takes a Session and never commits: the poller commits a batch's raw messages,
its queued after-actions and the folder's new last_uid in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .models import ImapAction, ImapFolderState, PollRun, utcnow


@dataclass(frozen=True)
class FolderMark:
    uidvalidity: int
    last_uid: int


def folder_mark(session: Session, account: str, folder: str) -> FolderMark | None:
    row = session.scalar(select(ImapFolderState).where(ImapFolderState.account == account,
                                                       ImapFolderState.folder == folder))
    return FolderMark(row.uidvalidity, row.last_uid) if row else None


def set_mark(session: Session, account: str, folder: str, uidvalidity: int, last_uid: int) -> None:
    """Record that every UID <= LAST_UID of FOLDER/UIDVALIDITY is stored (or gone from the server)."""
    row = session.scalar(select(ImapFolderState).where(ImapFolderState.account == account,
                                                       ImapFolderState.folder == folder).with_for_update())
    if row is None:
        session.add(ImapFolderState(account=account, folder=folder, uidvalidity=uidvalidity, last_uid=last_uid))
    else:
        row.uidvalidity, row.last_uid, row.updated_at = uidvalidity, last_uid, utcnow()
    session.flush()


def queue_actions(session: Session, account: str, folder: str, uidvalidity: int, uids: Iterable[int],
                  actions: Iterable[str]) -> None:
    """Owe ACTIONS ("flag:KEYWORD", "move:FOLDER") on UIDS; done by apply after the commit."""
    actions = list(actions)
    for uid in uids:
        for action in actions:
            session.add(ImapAction(account=account, folder=folder, uidvalidity=uidvalidity, uid=uid, action=action))
    session.flush()


def owed_actions(session: Session, account: str, folder: str | None = None) -> list[ImapAction]:
    q = select(ImapAction).where(ImapAction.account == account, ImapAction.done_at.is_(None))
    if folder is not None:
        q = q.where(ImapAction.folder == folder)
    return list(session.scalars(q.order_by(ImapAction.id)))


def count_owed(session: Session, account: str) -> int:
    return len(owed_actions(session, account))


def actions_done(session: Session, ids: Iterable[int], note: str | None = None) -> None:
    ids = list(ids)
    if ids:
        session.execute(update(ImapAction).where(ImapAction.id.in_(ids))
                        .values(done_at=utcnow(), attempts=ImapAction.attempts + 1, last_error=note))


def actions_failed(session: Session, ids: Iterable[int], error: str) -> None:
    ids = list(ids)
    if ids:
        session.execute(update(ImapAction).where(ImapAction.id.in_(ids))
                        .values(attempts=ImapAction.attempts + 1, last_error=error))


def start_run(session: Session, folders: Iterable[str]) -> int:
    run = PollRun(folders=",".join(folders), outcome="running")
    session.add(run)
    session.flush()
    return run.id


def finish_run(session: Session, run_id: int, *, outcome: str, fetched: int, new: int, errors: int,
               seconds: float, detail: str | None = None) -> None:
    run = session.get(PollRun, run_id)
    if run is None:
        return
    run.finished_at, run.outcome, run.fetched, run.new = utcnow(), outcome, fetched, new
    run.errors, run.seconds, run.detail = errors, seconds, detail


def last_run(session: Session) -> PollRun | None:
    return session.scalars(select(PollRun).order_by(PollRun.id.desc()).limit(1)).first()
