"""A Maildir is read file by file, as the standard library's Maildir lists it."""

from __future__ import annotations

import mailbox
from pathlib import Path

import pytest

from anci_mailintake.errors import SourceError
from anci_mailintake.mailbox.files import FileSource


def test_messages_in_new_and_cur_are_read_in_key_order_and_named_by_their_file(tmp_path: Path) -> None:
    md = mailbox.Maildir(tmp_path / "Maildir", create=True)
    keys = []
    for i in range(4):
        msg = mailbox.MaildirMessage(f"Subject: {i}\n\nbody {i}\n".encode())
        if i % 2:
            msg.set_subdir("cur")
            msg.set_flags("S")  # the file is then named "<key>:2,S"
        keys.append(md.add(msg))
    expected = [(tmp_path / "Maildir" / md._lookup(k)).resolve() for k in sorted(keys)]  # the reference order

    got = list(FileSource([tmp_path / "Maildir"]).messages())

    assert [Path(r.source) for r in got] == expected
    assert any(r.source.endswith(":2,S") for r in got)
    assert all(r.data == Path(r.source).read_bytes() for r in got)


def test_an_unreadable_maildir_message_names_its_file(tmp_path: Path) -> None:
    md = mailbox.Maildir(tmp_path / "Maildir", create=True)
    md.add(b"Subject: x\n\nbody\n")
    (tmp_path / "Maildir" / "cur" / "1582.M1P1.host:2,S").symlink_to(tmp_path / "gone")  # a dangling link

    with pytest.raises(SourceError, match=r"1582\.M1P1\.host:2,S: cannot be read"):
        list(FileSource([tmp_path / "Maildir"]).messages())
