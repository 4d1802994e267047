"""Run each message's heavy work in a worker process that can be stopped.

Hostile mail can make a parser recurse until it dies, allocate gigabytes or spin for minutes. So
each task runs in a forked worker with an address-space limit, under a wall-clock deadline; a
worker that dies, runs out of memory or overstays is killed and replaced, and its task comes
back as a failure sentence. The parent never loses a task: every item put in comes out.

Each worker holds a short queue of tasks (`depth`), so it goes from one message to the next without
waiting for the parent; results come back one by one, and the deadline restarts with each. A task is
queued behind another only while the unread tasks fit in the pipe, so the parent never blocks on a
busy worker (which may itself be blocked handing back a result). When a
worker dies or overstays, the task at the head of its queue is the one that failed; the others
never started and are handed to another worker.

Workers are forked from a fork server (multiprocessing's "forkserver"): one process per parent,
started by `start_server`, which imports the given modules before it forks anything. Costly state
that workers share (the extraction pipeline) is built there once, while the parent goes on
(fetching mail), and every worker inherits it copy-on-write; the parent never holds it.
"""

from __future__ import annotations

import multiprocessing as mp
import pickle
import resource
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

K = TypeVar("K")


def start_server(preload: tuple[str, ...]) -> None:
    """Start the fork server now, importing the modules named in PRELOAD, so that what they build is ready
    by the time a pool needs it; the caller goes on at once (one fork and exec). The server lives as long as
    this process and keeps the preload of its first start; a pool waits for the preload before its first worker."""
    import multiprocessing.forkserver  # only when there is mail: a no-op cron poll never loads it

    mp.set_forkserver_preload(list(preload))
    multiprocessing.forkserver.ensure_running()


@dataclass(frozen=True)
class Failure:
    """A task that gave no result: the sentence says why."""

    reason: str


def _limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _serve(conn: Connection, fn: Callable[[Any], Any], memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _limit_memory(memory_mb)
    while True:
        try:
            payload = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not payload:
            return
        task = pickle.loads(payload)
        try:
            result: Any = fn(task)
        except MemoryError:
            result = Failure(f"ran out of memory (limit {memory_mb} MB)")
        except RecursionError:
            result = Failure("nested too deeply to process")
        except Exception as e:  # noqa: BLE001 - a bug must come back as a sentence, not kill the run
            last = traceback.extract_tb(e.__traceback__)[-1:]
            where = f" at {last[0].filename.rsplit('/', 1)[-1]}:{last[0].lineno}" if last else ""
            result = Failure(f"internal error {type(e).__name__}: {e}{where}")
        try:
            conn.send(result)
        except MemoryError:
            conn.send(Failure(f"the result was too large to hand back (limit {memory_mb} MB)"))
        except Exception as e:  # noqa: BLE001 - unpicklable results
            conn.send(Failure(f"the result could not be handed back: {e}"))


# Tasks queued behind a running one stay under this many bytes: a Linux pipe holds 64 KiB, so sending
# them never blocks, even when the worker is itself blocked handing back a big result.
_PIPE_BYTES = 32 * 1024


class _Worker:
    def __init__(self, ctx: Any, fn: Callable[[Any], Any], memory_mb: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn, memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.keys: deque[Any] = deque()  # tasks sent, oldest (the one running) first
        self.tasks: deque[Any] = deque()
        self.sizes: deque[int] = deque()  # bytes of each task sent
        self.deadline = 0.0

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class IsolatedPool(Generic[K]):
    """Map fn over (key, task) pairs in isolated workers; yield (key, result or Failure) as done.

    fn must pickle (a module-level callable, or a functools.partial of one): each worker receives
    it from the fork server, and whatever the server preloaded is shared copy-on-write.
    """

    def __init__(self, fn: Callable[[Any], Any], workers: int, seconds: float, memory_mb: int, depth: int = 4) -> None:
        self.fn, self.workers, self.seconds, self.memory_mb = fn, max(1, workers), seconds, memory_mb
        self.depth = max(1, depth)
        self.ctx = mp.get_context("forkserver")

    def _spawn(self) -> _Worker:
        return _Worker(self.ctx, self.fn, self.memory_mb)

    def map(self, items: Iterable[tuple[K, Any]]) -> Iterator[tuple[K, Any]]:
        source = iter(items)
        retry: deque[tuple[K, Any]] = deque()  # tasks a failed worker had not started
        workers = [self._spawn() for _ in range(self.workers)]
        exhausted = False

        def respawn(w: _Worker) -> None:
            """Kill w and start another; the tasks w had not started go back in line."""
            w.kill()
            retry.extendleft(reversed(list(zip(w.keys, w.tasks))[1:]))
            workers[workers.index(w)] = self._spawn()

        def next_task() -> tuple[K, Any] | None:
            nonlocal exhausted
            if retry:
                return retry.popleft()
            if not exhausted:
                try:
                    return next(source)
                except StopIteration:
                    exhausted = True
            return None

        try:
            while True:
                for w in list(workers):  # top up every queue: the next task waits before the last one ends
                    while len(w.keys) < self.depth:
                        item = next_task()
                        if item is None:
                            break
                        key, task = item
                        payload = pickle.dumps(task, pickle.HIGHEST_PROTOCOL)
                        if w.keys and sum(w.sizes) + len(payload) > _PIPE_BYTES:
                            retry.appendleft(item)  # would not fit in the pipe: it waits for this worker's turn
                            break
                        if not w.keys:
                            w.deadline = time.monotonic() + self.seconds
                        try:
                            w.conn.send_bytes(payload)
                        except (OSError, ValueError) as e:
                            if w.keys:  # the worker died: wait() sees it, and blames the task it was running
                                retry.appendleft(item)
                                break
                            w.kill()
                            workers[workers.index(w)] = self._spawn()
                            yield key, Failure(f"could not hand the task to a worker: {e}")
                            break
                        w.keys.append(key)
                        w.tasks.append(task)
                        w.sizes.append(len(payload))
                busy = {w.conn: w for w in workers if w.keys}
                if not busy:
                    return
                timeout = max(0.0, min(w.deadline for w in busy.values()) - time.monotonic())
                for conn in wait(list(busy), timeout=timeout):
                    w = busy[conn]  # type: ignore[index]
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(1)
                        code = w.proc.exitcode
                        why = (f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}")
                        key = w.keys[0]
                        respawn(w)
                        yield key, Failure(f"the worker died while processing it ({why}); "
                                           "it may be too large or malformed")
                        continue
                    key = w.keys.popleft()
                    w.tasks.popleft()
                    w.sizes.popleft()
                    w.deadline = time.monotonic() + self.seconds  # the next task starts now
                    yield key, result
                now = time.monotonic()
                for w in list(workers):
                    if w.keys and w.deadline <= now:
                        key = w.keys[0]
                        respawn(w)
                        yield key, Failure(f"processing took longer than {self.seconds:g} s and was stopped")
        finally:
            for w in workers:
                try:
                    w.conn.send_bytes(b"")
                except (OSError, ValueError):
                    pass
                w.proc.join(0.5)
                w.kill()
