"""Run heavy readers in a forked child with a memory cap and a wall-clock timeout.

PDF, office and OCR readers are C libraries or pure-Python parsers that hostile files can drive
into loops or multi-gigabyte allocations. The child gets RLIMIT_AS = its inherited address space
plus `memory_mb` (a fork shares the parent's mappings, so a flat cap would fail at once in a big
parent), runs in its own process group so a tesseract it starts dies with it, dies with its parent,
and is killed with SIGKILL when a file's deadline passes. Requests and results travel pickled
through pipes, so one child serves many files.
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


_FRAME = 8  # bytes of the length prefix of each pickled request and answer
_RECYCLE_AFTER = 500  # requests; a long-lived reader process slowly fragments its heap


def _set_parent_death_signal() -> None:
    """Linux: SIGKILL this child if the process that forked it dies (no orphan left spinning)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _read_exact(fd: int, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(len(data).to_bytes(_FRAME, "big") + data)
    while view:
        view = view[os.write(fd, view):]


def _serve(rfd: int, wfd: int, memory_mb: int) -> None:
    """The child's loop: read a request, run it, write the answer; exit on EOF."""
    try:
        os.setpgid(0, 0)
        _set_parent_death_signal()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        cap = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        while True:
            try:
                size = int.from_bytes(_read_exact(rfd, _FRAME), "big")
                fn, args = pickle.loads(_read_exact(rfd, size))
            except EOFError:
                return
            try:
                result: tuple[str, Any] = ("ok", fn(*args))
            except MemoryError:
                result = ("memory", f"ran out of its {memory_mb} MB of memory")
            except RecursionError:
                result = ("error", "recursed too deeply")
            except Exception as e:  # noqa: BLE001 - any failure of a third-party reader becomes the answer
                result = ("error", f"{type(e).__name__}: {str(e)[:300]}")
            try:
                payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as e:  # noqa: BLE001
                payload = pickle.dumps(("error", f"the result could not be sent back ({type(e).__name__})"))
            _write_all(wfd, payload)
            if result[0] == "memory":
                return  # a heap that hit its cap is not trusted with the next file
    finally:
        os._exit(0)


class _Reader:
    """One forked reader process, reused for many files until it fails or has served enough."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb, self.owner, self.served = memory_mb, os.getpid(), 0
        req_r, req_w = os.pipe()
        ans_r, ans_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(req_w)
            os.close(ans_r)
            _serve(req_r, ans_w, memory_mb)
        os.close(req_r)
        os.close(ans_w)
        self.pid, self.req, self.ans = pid, req_w, ans_r

    def close(self, kill: bool = True) -> int:
        for fd in (self.req, self.ans):
            try:
                os.close(fd)
            except OSError:
                pass
        if kill:
            for k in (lambda: os.killpg(self.pid, signal.SIGKILL), lambda: os.kill(self.pid, signal.SIGKILL)):
                try:
                    k()
                except ProcessLookupError:
                    pass
        try:
            return os.waitpid(self.pid, 0)[1]
        except ChildProcessError:
            return 0

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float) -> tuple[str, Any]:
        """Send one request; return the answer, or raise SandboxError (the reader is then dead)."""
        self.served += 1
        try:
            _write_all(self.req, pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            raise self._died() from None
        deadline = time.monotonic() + seconds
        buf = b""
        need = _FRAME
        size = None
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.close()
                raise SandboxError("timeout", f"was stopped after {seconds:g} s, the time limit per attachment")
            ready, _, _ = select.select([self.ans], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.ans, max(need - len(buf), 1 << 16))
            if not chunk:
                raise self._died()
            buf += chunk
            if size is None and len(buf) >= _FRAME:
                size = int.from_bytes(buf[:_FRAME], "big")
                buf, need = buf[_FRAME:], size
            if size is not None and len(buf) >= size:
                return pickle.loads(buf[:size])  # type: ignore[no-any-return]

    def _died(self) -> SandboxError:
        status = self.close()
        if os.WIFSIGNALED(status):
            sig = signal.Signals(os.WTERMSIG(status)).name
            return SandboxError("crash", f"crashed ({sig}), most likely out of its {self.memory_mb} MB of memory "
                                         "or on a malformed file")
        return SandboxError("crash", "ended without an answer")


_reader: _Reader | None = None


def run(fn: Callable[..., T], *args: Any, seconds: float, memory_mb: int) -> T:
    """Call fn(*args) in the limited reader process and return its result; raise SandboxError when it fails.

    The reader is forked once and reused (a fork per attachment cost more than most readings),
    replaced after a timeout, a crash, a memory failure or _RECYCLE_AFTER files. fn must be a
    module-level function (it travels by reference).
    """
    global _reader
    if _reader is not None and (_reader.owner != os.getpid() or _reader.memory_mb != memory_mb
                                or _reader.served >= _RECYCLE_AFTER):
        if _reader.owner == os.getpid():
            _reader.close()
        _reader = None
    if _reader is None:
        _reader = _Reader(memory_mb)
    try:
        kind, value = _reader.call(fn, args, seconds)
    except SandboxError:
        _reader = None
        raise
    if kind == "memory":
        _reader.close()
        _reader = None
    if kind != "ok":
        raise SandboxError(kind, value)
    return value  # type: ignore[no-any-return]
