"""Messages on disk: .eml files, folders of them (recursively), mbox files and Maildir folders."""

from __future__ import annotations

import mailbox
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import SourceError
from ..records import RawMessage

EML_SUFFIXES = {".eml", ".msg822", ".mail"}
MBOX_SUFFIXES = {".mbox", ".mbx"}


def is_maildir(path: Path) -> bool:
    return path.is_dir() and all((path / sub).is_dir() for sub in ("cur", "new", "tmp"))


def maildir_files(path: Path) -> list[Path]:
    """Each message file of a Maildir, ordered by key, as the standard library's Maildir reads them.

    A message is a file in new/ or cur/; its key is the name before the ':' that opens the flags
    ("1582…host:2,S"), so a message moved from new/ to cur/ keeps its key (cur/ wins if both hold it).
    Listed here because mailbox.Maildir only maps a key to its file through a private method.
    """
    toc: dict[str, Path] = {}
    for sub in ("new", "cur"):
        for entry in (path / sub).iterdir():
            if not entry.is_dir():
                toc[entry.name.split(":")[0]] = entry
    return [toc[key] for key in sorted(toc)]


def is_mbox(path: Path) -> bool:
    if path.suffix.lower() in MBOX_SUFFIXES:
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"From "
    except OSError:
        return False


class FileSource:
    """The messages below some paths, in a stable order. Unreadable paths fail before any is read."""

    def __init__(self, paths: Sequence[str | os.PathLike[str]]) -> None:
        self.paths = [Path(p) for p in paths]
        for p in self.paths:
            if not p.exists():
                raise SourceError(f"{p}: no such file or folder")
            if not os.access(p, os.R_OK):
                raise SourceError(f"{p}: permission denied")

    def count_hint(self) -> int | None:
        """How many files there are (mbox files count as one), for a progress bar."""
        return sum(1 for _ in self._files())

    def _files(self) -> Iterator[tuple[str, Path]]:
        for p in self.paths:
            if is_maildir(p):
                yield "maildir", p
            elif p.is_dir():
                for root, dirs, files in os.walk(p):
                    dirs.sort()
                    here = Path(root)
                    for d in list(dirs):
                        if is_maildir(here / d):
                            dirs.remove(d)
                            yield "maildir", here / d
                    for name in sorted(files):
                        f = here / name
                        if f.suffix.lower() in EML_SUFFIXES:
                            yield "eml", f
                        elif f.suffix.lower() in MBOX_SUFFIXES:
                            yield "mbox", f
            elif is_mbox(p):
                yield "mbox", p
            else:
                yield "eml", p

    def messages(self) -> Iterator[RawMessage]:
        for kind, path in self._files():
            where = str(path.resolve())
            if kind == "eml":
                yield _read(path, where)
            elif kind == "mbox":
                box = mailbox.mbox(path, create=False)
                try:
                    for i, key in enumerate(box.iterkeys(), 1):
                        yield RawMessage(f"{where}#{i}", box.get_bytes(key))
                finally:
                    box.close()
            else:
                for f in maildir_files(path):
                    yield _read(f, str(f.resolve()))


def _read(path: Path, where: str) -> RawMessage:
    try:
        return RawMessage(where, path.read_bytes())
    except OSError as e:
        raise SourceError(f"{path}: cannot be read ({e.strerror})") from None
