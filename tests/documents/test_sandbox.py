"""The forked child is bounded in time and memory and reports failures as SandboxError."""

from __future__ import annotations

import time

import pytest

from anci_mailintake.documents.sandbox import SandboxError, run


def _loop() -> None:
    while True:
        pass


def _hog() -> int:
    blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB
    return len(blocks)


def _boom() -> None:
    raise ValueError("bad xref")


def test_result_comes_back() -> None:
    assert run(sorted, [3, 1, 2], seconds=5, memory_mb=256) == [1, 2, 3]


def test_timeout_kills_the_child() -> None:
    start = time.monotonic()
    with pytest.raises(SandboxError) as e:
        run(_loop, seconds=0.5, memory_mb=256)
    assert e.value.kind == "timeout" and time.monotonic() - start < 2


def test_memory_cap() -> None:
    with pytest.raises(SandboxError) as e:
        run(_hog, seconds=10, memory_mb=256)
    assert e.value.kind in ("memory", "crash")


def test_errors_become_phrases() -> None:
    with pytest.raises(SandboxError, match="ValueError: bad xref"):
        run(_boom, seconds=5, memory_mb=256)
