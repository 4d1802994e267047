"""Sources of raw messages: files, folders, mbox and Maildir on disk; IMAP folders.

Every source yields RawMessage(source, data) and nothing else: parsing happens downstream.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..records import RawMessage


class Source(Protocol):
    def messages(self) -> Iterator[RawMessage]: ...
