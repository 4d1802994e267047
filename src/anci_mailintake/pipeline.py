"""fetch → store raw → parse → read → extract → save: one transaction and one status per message.

Raw bytes are committed before anything else happens to them, so a crash or a kill at any point
loses no mail: a message left `pending` is processed by the next run. The heavy part (parse,
read, extract) runs in isolated workers (isolation.py); the parent alone writes to the store.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from queue import Empty, Queue

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from .config import Limits, Settings
from .errors import LimitExceeded, MessageParseError
from .isolation import Failure, IsolatedPool, start_server
from .records import Outcome, RawMessage
from .store.db import session_scope
from .store.queries import OutcomeRows, add_raws, outcome_rows, raw_batch, save_outcomes

Progress = Callable[[int], None]


@dataclass
class Summary:
    seen: int = 0
    new: int = 0
    processed: int = 0
    ok: int = 0
    errors: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)  # "source: sentence", for the log

    @property
    def duplicates(self) -> int:
        return self.seen - self.new

    def line(self) -> str:
        return (f"seen {self.seen}, new {self.new}, duplicates {self.duplicates}, processed {self.processed}, "
                f"ok {self.ok}, errors {self.errors}, {self.seconds:.1f} s")

    def as_dict(self) -> dict[str, object]:
        return {"seen": self.seen, "new": self.new, "duplicates": self.duplicates, "processed": self.processed,
                "ok": self.ok, "errors": self.errors, "seconds": round(self.seconds, 3)}


def _work(limits: Limits, review_threshold: float, task: tuple[bytes, str]) -> OutcomeRows:
    """Parse, read and extract one message (runs in a worker); task is (raw bytes, source).

    What comes back is only what the store keeps, as plain values (see OutcomeRows): attachments'
    bytes and the bodies as parsed stay in the worker.
    """
    from . import extract
    from .message.read import read_message
    from .workload import PIPELINE  # preloaded by the fork server: every worker shares one

    data, source = task
    try:
        read = read_message(data, source, limits)
    except MessageParseError as e:
        return outcome_rows(Outcome(read=None, extraction=None, error=e.reason))
    return outcome_rows(Outcome(read=read, extraction=extract.extract(read, PIPELINE, review_threshold)))


def warm_up() -> None:
    """Start building the workers' pipeline now, in the fork server, while the caller fetches mail."""
    start_server(("anci_mailintake.workload",))


def store_raw(engine: Engine, messages: Iterable[RawMessage], summary: Summary, batch: int = 100,
              progress: Progress | None = None) -> list[int]:
    """Commit each message's bytes (in small batches); return the pks of the new ones."""
    new: list[int] = []
    buffer: list[RawMessage] = []

    def flush() -> None:
        with session_scope(engine) as session:
            stored = add_raws(session, [(raw.source, raw.data) for raw in buffer])
        for pk, created in stored:
            summary.seen += 1
            if created:
                summary.new += 1
                new.append(pk)
        if progress:
            progress(len(buffer))
        buffer.clear()

    for raw in messages:
        buffer.append(raw)
        if len(buffer) >= batch:
            flush()
    if buffer:
        flush()
    return new


def process(engine: Engine, settings: Settings, pks: Iterable[int], summary: Summary,
            progress: Progress | None = None, batch: int = 100) -> None:
    """Process stored messages in isolated workers and save each outcome.

    The main thread only feeds the workers and collects; a writer thread commits outcomes in
    batches, so the workers never wait on the store. A batch the store refuses is retried
    message by message, each in a savepoint, so one bad result rolls back alone and is recorded
    as an error. A kill loses at most the batches not yet committed: those messages are still
    `pending` (or keep their previous extraction) and the next run redoes them.
    """
    pks = list(dict.fromkeys(pks))
    if not pks:
        return
    warm_up()
    sources: dict[int, str] = {}

    def tasks() -> Iterator[tuple[int, tuple[bytes, str]]]:
        for i in range(0, len(pks), batch):
            chunk = pks[i:i + batch]
            with session_scope(engine) as session:
                raws = raw_batch(session, chunk)
            for pk in chunk:
                if pk in raws:
                    source, data = raws.pop(pk)
                    sources[pk] = source
                    yield pk, (data, source)

    work = partial(_work, settings.limits, settings.review_threshold)
    pool: IsolatedPool[int] = IsolatedPool(work, settings.workers, settings.limits.message_seconds,
                                           settings.limits.worker_memory_mb)
    queue: Queue[list[tuple[int, OutcomeRows]] | None] = Queue(maxsize=max(2, 4 * batch // _HANDOFF))
    writer = _Writer(engine, queue, sources, summary, progress, batch)
    writer.start()
    ready: list[tuple[int, OutcomeRows]] = []  # handed to the writer a few at a time: each hand-over wakes its thread
    since = 0.0
    try:
        for pk, result in pool.map(tasks()):
            if writer.error is not None:
                break
            if not ready:
                since = time.monotonic()
            ready.append((pk, _failed(result.reason) if isinstance(result, Failure) else result))
            if len(ready) >= _HANDOFF or time.monotonic() - since >= _HANDOFF_WAIT:
                queue.put(ready)
                ready = []
    finally:
        if ready:
            queue.put(ready)
        queue.put(None)
        writer.join()
    if writer.error is not None:
        raise writer.error


def _failed(reason: str) -> OutcomeRows:
    return outcome_rows(Outcome(read=None, extraction=None, error=reason))


_LATE = object()  # the writer's wait ran out
_MAX_WAIT = 0.5  # seconds an outcome may wait for its batch to fill
_HANDOFF, _HANDOFF_WAIT = 20, 0.1  # outcomes (or seconds) the main thread gathers before it wakes the writer


class _Writer(threading.Thread):
    """Drains outcomes from a queue and commits them in batches."""

    def __init__(self, engine: Engine, queue: Queue[list[tuple[int, OutcomeRows]] | None], sources: dict[int, str],
                 summary: Summary, progress: Progress | None, batch: int) -> None:
        super().__init__(name="anci-mailintake-writer", daemon=True)
        self.engine, self.queue, self.sources, self.summary = engine, queue, sources, summary
        self.progress, self.batch = progress, batch
        self.error: BaseException | None = None

    def run(self) -> None:
        done: list[tuple[int, OutcomeRows]] = []
        due = 0.0  # when the oldest unsaved outcome must be committed
        try:
            while True:
                item: list[tuple[int, OutcomeRows]] | object | None
                try:
                    item = self.queue.get(timeout=max(0.0, due - time.monotonic()) if done else None)
                except Empty:
                    item = _LATE
                if isinstance(item, list):
                    if not done:
                        due = time.monotonic() + _MAX_WAIT
                    done.extend(item)
                if item is None or item is _LATE or len(done) >= self.batch:
                    self._save(done)  # full batches, or whatever waited _MAX_WAIT: few commits, steady progress
                    done.clear()
                if item is None:
                    return
        except BaseException as e:  # noqa: BLE001 - handed to the main thread, which raises it
            self.error = e
            while self.queue.get() is not None:  # let the producer finish
                pass

    def _save(self, done: list[tuple[int, OutcomeRows]]) -> None:
        if not done:
            return
        with session_scope(self.engine) as session:
            try:
                with session.begin_nested():
                    save_outcomes(session, done)
            except SQLAlchemyError:
                for i, (pk, rows) in enumerate(done):
                    try:
                        with session.begin_nested():
                            save_outcomes(session, [(pk, rows)])
                    except SQLAlchemyError as e:
                        reason = str(getattr(e, "orig", e)).strip().splitlines()[0][:300]
                        done[i] = (pk, _failed(f"the store refused the result ({reason})"))
                        with session.begin_nested():
                            save_outcomes(session, [done[i]])
        for pk, rows in done:
            self.summary.processed += 1
            if rows.error is None:
                self.summary.ok += 1
            else:
                self.summary.errors += 1
                self.summary.failures.append(f"message {pk} ({self.sources.get(pk, 'stored')}): {rows.error}")
            self.sources.pop(pk, None)
        if self.progress:
            self.progress(len(done))


def attachment_bytes(raw: bytes, part: str, limits: Limits | None = None) -> tuple[str | None, bytes] | None:
    """Cut one attachment out of a stored raw message again: (file name, bytes), or None.

    The store keeps documents' text, not attachments' bytes, so the review app re-extracts a part
    on demand. `part` is a MIME path ("1.2"); a document found inside a nested layer (an attached
    message, an archive, a .p7m) has a longer path ("1.2.1", "1.2/x"), and gets the outer part
    that contains it, the only one the outer message can hand back without reading the layers.
    """
    from .message.parse import parse

    try:
        msg = parse(raw, "", limits)
    except (MessageParseError, LimitExceeded):
        return None
    by_part = {a.part: a for a in msg.attachments}
    path = re.sub(r"[^0-9.].*", "", part).strip(".")
    while path:
        if path in by_part:
            return by_part[path].filename, by_part[path].data
        path = path.rpartition(".")[0]
    return None
