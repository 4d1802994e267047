"""The exception tree. Every error the package raises on purpose is one of these.

    MailIntakeError
    ├── ConfigError            bad settings or usage                      → exit 2
    ├── SourceError            a path or mailbox that cannot be read      → exit 2
    ├── UnreachableError       the mailbox or the store cannot be reached → exit 3
    │   ├── MailboxUnreachable
    │   └── StoreUnreachable
    ├── LockedError            another run holds the lock                 → exit 0 (said, not failed)
    └── ProcessingError        one message or part failed; recorded, the run goes on
        ├── MessageParseError(source, reason)
        ├── DocumentError(filename, mime, reason)
        └── LimitExceeded(what, limit)
"""

from __future__ import annotations


class MailIntakeError(Exception):
    """Root of the package's errors."""


class ConfigError(MailIntakeError):
    """A setting, an option or an environment variable is wrong."""


class SourceError(MailIntakeError):
    """A path given to ingest cannot be read as mail."""


class UnreachableError(MailIntakeError):
    """A service the run needs cannot be reached."""


class MailboxUnreachable(UnreachableError):
    """The IMAP server refused, dropped or never answered."""


class StoreUnreachable(UnreachableError):
    """The SQL store cannot be opened."""


class LockedError(MailIntakeError):
    """Another run of the same job holds the lock."""


class ProcessingError(MailIntakeError):
    """One message or one part of it could not be processed."""


class MessageParseError(ProcessingError):
    def __init__(self, source: str, reason: str) -> None:
        self.source, self.reason = source, reason
        super().__init__(f"{source}: {reason}")


class DocumentError(ProcessingError):
    def __init__(self, filename: str | None, mime: str, reason: str) -> None:
        self.filename, self.mime, self.reason = filename, mime, reason
        super().__init__(f"{filename or '(unnamed part)'} ({mime}): {reason}")


class LimitExceeded(ProcessingError):
    def __init__(self, what: str, limit: str) -> None:
        self.what, self.limit = what, limit
        super().__init__(f"{what} exceeds the limit of {limit}")
