"""Run each message's heavy work in a worker process that can be stopped.

Hostile mail can make a parser recurse until it dies, allocate gigabytes or spin for minutes. So
each task runs in a forked worker with an address-space limit, under a wall-clock deadline; a
worker that dies, runs out of memory or overstays is killed and replaced, and its task comes
back as a failure sentence. The parent never loses a task: every item put in comes out.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

K = TypeVar("K")


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
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
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


class _Worker:
    def __init__(self, ctx: Any, fn: Callable[[Any], Any], memory_mb: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn, memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.key: Any = None
        self.deadline = 0.0

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class IsolatedPool(Generic[K]):
    """Map fn over (key, task) pairs in isolated workers; yield (key, result or Failure) as done.

    fn must be a module-level callable; it is inherited through fork, so whatever the parent
    built before (the spaCy pipeline) is shared copy-on-write.
    """

    def __init__(self, fn: Callable[[Any], Any], workers: int, seconds: float, memory_mb: int) -> None:
        self.fn, self.workers, self.seconds, self.memory_mb = fn, max(1, workers), seconds, memory_mb
        self.ctx = mp.get_context("fork")

    def map(self, items: Iterable[tuple[K, Any]]) -> Iterator[tuple[K, Any]]:
        source = iter(items)
        idle = [_Worker(self.ctx, self.fn, self.memory_mb) for _ in range(self.workers)]
        busy: dict[Connection, _Worker] = {}
        exhausted = False
        try:
            while True:
                while idle and not exhausted:
                    try:
                        key, task = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    w = idle.pop()
                    w.key, w.deadline = key, time.monotonic() + self.seconds
                    try:
                        w.conn.send(task)
                    except (OSError, ValueError) as e:
                        w.kill()
                        idle.append(_Worker(self.ctx, self.fn, self.memory_mb))
                        yield key, Failure(f"could not hand the task to a worker: {e}")
                        continue
                    busy[w.conn] = w
                if not busy:
                    return
                timeout = max(0.0, min(w.deadline for w in busy.values()) - time.monotonic())
                for conn in wait(list(busy), timeout=timeout):
                    w = busy.pop(conn)  # type: ignore[call-overload]
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(1)
                        code = w.proc.exitcode
                        why = (f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}")
                        w.kill()
                        idle.append(_Worker(self.ctx, self.fn, self.memory_mb))
                        yield w.key, Failure(f"the worker died while processing it ({why}); "
                                             "it may be too large or malformed")
                        continue
                    idle.append(w)
                    yield w.key, result
                now = time.monotonic()
                for conn, w in list(busy.items()):
                    if w.deadline <= now:
                        del busy[conn]
                        w.kill()
                        idle.append(_Worker(self.ctx, self.fn, self.memory_mb))
                        yield w.key, Failure(f"processing took longer than {self.seconds:g} s and was stopped")
        finally:
            for w in idle + list(busy.values()):
                try:
                    w.conn.send(None)
                except (OSError, ValueError):
                    pass
                w.proc.join(0.5)
                w.kill()

