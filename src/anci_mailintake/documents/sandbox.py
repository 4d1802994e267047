"""Run one heavy reader in a forked child with a memory cap and a wall-clock timeout.

PDF, office and OCR readers are C libraries or pure-Python parsers that hostile files can drive
into loops or multi-gigabyte allocations. The child gets RLIMIT_AS = its inherited address space
plus `memory_mb` (a fork shares the parent's mappings, so a flat cap would fail at once in a big
parent), runs in its own process group so a tesseract it starts dies with it, and is killed with
SIGKILL when the deadline passes. The result comes back pickled through a pipe.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class SandboxError(Exception):
    """The child failed: `kind` is "timeout", "memory", "crash" or "error"; the message is a phrase."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def _address_space() -> int:
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _child(w: int, fn: Callable[..., Any], args: tuple[Any, ...], memory_mb: int, seconds: float) -> None:
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        cap = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        cpu = int(seconds) + 2  # a backstop should the parent die
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        try:
            result: tuple[str, Any] = ("ok", fn(*args))
        except MemoryError:
            result = ("memory", f"ran out of its {memory_mb} MB of memory")
        except RecursionError:
            result = ("error", "recursed too deeply")
        except Exception as e:  # noqa: BLE001 - any failure of a third-party reader becomes the child's answer
            result = ("error", f"{type(e).__name__}: {str(e)[:300]}")
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # noqa: BLE001
            payload = pickle.dumps(("error", f"the result could not be sent back ({type(e).__name__})"))
        view = memoryview(payload)
        while view:
            n = os.write(w, view)
            view = view[n:]
    finally:
        os._exit(0)


def run(fn: Callable[..., T], *args: Any, seconds: float, memory_mb: int) -> T:
    """Call fn(*args) in a limited child and return its result; raise SandboxError when it fails."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(r)
        _child(w, fn, args, memory_mb, seconds)
    os.close(w)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([r], [], [], left)
            if not ready:
                continue
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(r)
        if timed_out:
            for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
                try:
                    kill()
                except ProcessLookupError:
                    pass
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise SandboxError("timeout", f"was stopped after {seconds:g} s, the time limit per attachment")
    if not chunks:
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig == signal.SIGXCPU:
                raise SandboxError("timeout", f"used more than {seconds:g} s of CPU, the time limit per attachment")
            raise SandboxError("crash", f"crashed ({signal.Signals(sig).name}), most likely out of its "
                                        f"{memory_mb} MB of memory or on a malformed file")
        raise SandboxError("crash", "ended without an answer")
    kind, value = pickle.loads(b"".join(chunks))
    if kind != "ok":
        raise SandboxError(kind, value)
    return value  # type: ignore[no-any-return]
