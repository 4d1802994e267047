"""Every task put into the isolated pool comes out: as a result, or as a failure sentence."""

from __future__ import annotations

import os
import time

from anci_mailintake.isolation import Failure, IsolatedPool


def _job(task: str) -> str:
    if task == "slow":
        time.sleep(30)
    if task == "die":
        os._exit(9)
    if task == "hog":
        blocks = []
        while True:
            blocks.append(bytearray(50 * 1024 * 1024))
    if task == "bug":
        raise ValueError("broken")
    return task.upper()


def test_results_and_failures_each_come_back_once():
    pool: IsolatedPool[str] = IsolatedPool(_job, workers=2, seconds=2, memory_mb=400)
    tasks = ["a", "slow", "b", "die", "hog", "bug", "c"]
    started = time.monotonic()
    out = dict(pool.map((t, t) for t in tasks))
    assert time.monotonic() - started < 20
    assert sorted(out) == sorted(tasks)
    assert (out["a"], out["b"], out["c"]) == ("A", "B", "C")
    assert isinstance(out["slow"], Failure) and "longer than 2 s" in out["slow"].reason
    assert isinstance(out["die"], Failure) and "worker died" in out["die"].reason
    assert isinstance(out["hog"], Failure) and "memory" in out["hog"].reason
    assert isinstance(out["bug"], Failure) and "ValueError: broken" in out["bug"].reason
