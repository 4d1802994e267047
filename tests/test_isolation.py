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


def test_tasks_queued_behind_a_failure_are_run_elsewhere():
    """One worker holds several tasks; when it dies or overstays, only the task it was running fails."""
    pool: IsolatedPool[str] = IsolatedPool(_job, workers=1, seconds=2, memory_mb=400, depth=4)
    tasks = ["a", "die", "b", "c", "slow", "d", "e", "bug", "f"]
    out = list(pool.map((t, t) for t in tasks))
    assert sorted(k for k, _ in out) == sorted(tasks)  # each exactly once
    results = dict(out)
    assert all(results[t] == t.upper() for t in "abcdef")
    assert isinstance(results["die"], Failure) and "worker died" in results["die"].reason
    assert isinstance(results["slow"], Failure) and "longer than 2 s" in results["slow"].reason
    assert isinstance(results["bug"], Failure)
