"""Every hostile message and attachment ends with a status, in bounded time and memory."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from anci_mailintake.config import Limits
from anci_mailintake.documents import Context, read_attachment
from anci_mailintake.errors import MessageParseError
from anci_mailintake.message.read import read_message

HOSTILE = Path(__file__).resolve().parents[2] / ".." / "shared" / "hostile"
LIMITS = Limits(document_seconds=10)
SLACK = 2.0  # seconds over the per-attachment limit for forking, reading and pickling


@pytest.mark.parametrize("path", sorted((HOSTILE / "mail").glob("*.eml")), ids=lambda p: p.name)
def test_mail(path: Path) -> None:
    start = time.monotonic()
    try:
        read = read_message(path.read_bytes(), path.name, LIMITS)
    except MessageParseError as e:
        assert e.reason
        return
    assert read.documents
    for d in read.documents:
        assert d.error is None or d.error.endswith("."), d.error
    assert time.monotonic() - start < LIMITS.document_seconds + SLACK


@pytest.mark.parametrize("path", sorted((HOSTILE / "attachments").iterdir()), ids=lambda p: p.name)
def test_attachment(path: Path, tmp_path: Path) -> None:
    start = time.monotonic()
    docs = read_attachment(path.read_bytes(), name=path.name, part="1", context=Context(limits=LIMITS))
    assert docs and all(isinstance(d.text, str) for d in docs)
    assert time.monotonic() - start < LIMITS.document_seconds + SLACK
    assert not any(".." in d.origin.split(" > ")[-1] or d.origin.split(" > ")[-1].startswith("/") for d in docs)


def test_parent_memory_stays_bounded() -> None:
    """Heavy readers run in children; the parent's peak stays small after the whole hostile set."""
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 600 * 1024  # KiB
