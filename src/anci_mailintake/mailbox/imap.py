"""The IMAP adapter: the only module that imports imapclient; none of its objects leaves here.

Protocol facts this module relies on (RFC 3501 and what servers do):
- `UID SEARCH UID n:*` always answers the highest UID even when it is below n ("*" is the
  largest UID in use and a range is unordered), so results are filtered to UIDs > n.
- SELECT reports UIDNEXT on Dovecot, Gmail and Exchange: when UIDNEXT <= last stored UID + 1
  nothing is new and no SEARCH is sent (the no-op poll is one SELECT).
- BODY.PEEK[] fetches the bytes without setting \\Seen; BODY[] would.
- A UID never comes back within one UIDVALIDITY; a new UIDVALIDITY (a restored or recreated
  folder; Exchange answers a new one after a restore) voids every stored UID of that folder.
- A FETCH may answer fewer messages than asked: those expunged meanwhile are simply absent.
- Dovecot closes an idle connection after 30 minutes (RFC 2177: 29); IDLE is renewed sooner.
"""

from __future__ import annotations

import imaplib
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from ..config import ImapSettings
from ..errors import ConfigError, MailboxUnreachable
from .oauth import TokenSource

_NETWORK_ERRORS = (OSError, EOFError, imaplib.IMAP4.abort, socket.timeout)


class AuthRefused(MailboxUnreachable):
    """The server refused the credentials: retrying without a change cannot help."""


@dataclass(frozen=True)
class FolderInfo:
    name: str
    uidvalidity: int
    uidnext: int | None
    exists: int


def account_name(s: ImapSettings) -> str:
    return f"{s.user}@{s.host}:{port_of(s)}"


def port_of(s: ImapSettings) -> int:
    return s.port or (993 if s.ssl == "1" else 143)


def is_loopback(host: str) -> bool:
    """True when every address HOST resolves to is a loopback one (plain IMAP is allowed only there)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(str(i[4][0]).split("%")[0]).is_loopback for i in infos)


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """The system's trust store plus CA_FILE; certificate and host name checks are always on."""
    ctx = ssl.create_default_context()
    if ca_file:
        try:
            ctx.load_verify_locations(cafile=ca_file)
        except (OSError, ssl.SSLError) as e:
            raise ConfigError(f"ANCI_IMAP_CA_FILE={ca_file} is not a readable PEM bundle: {e}") from None
    return ctx


def _reason(e: BaseException) -> str:
    if isinstance(e, ssl.SSLCertVerificationError):
        return f"its TLS certificate is not trusted ({e.verify_message}); set ANCI_IMAP_CA_FILE if it is a private CA"
    text = str(e).strip() or type(e).__name__
    return text.splitlines()[0][:300]


class ImapMailbox:
    """One logged-in connection. Use as a context manager; every failure is a MailboxUnreachable."""

    def __init__(self, settings: ImapSettings) -> None:
        self.s = settings
        self.account = account_name(settings)
        self._c: IMAPClient | None = None
        self.selected: FolderInfo | None = None
        self.warnings: list[str] = []

    # connection -------------------------------------------------------------------------
    def connect(self) -> ImapMailbox:
        s = self.s
        if not s.host or not s.user:
            raise ConfigError("the mailbox is not configured: set ANCI_IMAP_HOST and ANCI_IMAP_USER (or [imap])")
        oauth = bool(s.oauth2_token_file or s.oauth2_token_command)
        if not oauth and not s.password:
            raise ConfigError("no IMAP password: set ANCI_IMAP_PASSWORD_FILE (or ANCI_IMAP_PASSWORD), "
                              "or an OAuth2 token file/command")
        if s.ssl == "0" and not is_loopback(s.host):
            raise ConfigError(f"plain IMAP to {s.host} would send the password in clear: "
                              "use ANCI_IMAP_SSL=1 or starttls (plain is allowed only to a loopback address)")
        where = f"{s.host}:{port_of(s)}"
        ctx = tls_context(s.ca_file) if s.ssl != "0" else None
        try:
            c = IMAPClient(s.host, port_of(s), ssl=s.ssl == "1", ssl_context=ctx, timeout=s.timeout)
        except ssl.SSLCertVerificationError as e:
            raise MailboxUnreachable(f"the IMAP server {where} refused: {_reason(e)}") from None
        except (*_NETWORK_ERRORS, IMAPClientError) as e:
            raise MailboxUnreachable(f"the IMAP server {where} cannot be reached: {_reason(e)}; "
                                     "check ANCI_IMAP_HOST/PORT/SSL and the network") from None
        self._c = c
        try:
            if s.ssl == "starttls":
                c.starttls(ctx)
            if oauth:
                self._oauth_login(c, TokenSource(s.oauth2_token_file, s.oauth2_token_command))
            else:
                c.login(s.user, s.password or "")
        except ssl.SSLCertVerificationError as e:
            self.close()
            raise MailboxUnreachable(f"the IMAP server {where} refused STARTTLS: {_reason(e)}") from None
        except LoginError as e:
            self.close()
            how = "the OAuth2 token (expired or revoked? refresh it)" if oauth else "the password"
            raise AuthRefused(f"the IMAP server {where} refused the login of {s.user}: {_reason(e)}; "
                              f"check the user and {how}") from None
        except (*_NETWORK_ERRORS, IMAPClientError) as e:
            self.close()
            raise MailboxUnreachable(f"the IMAP server {where} dropped the login: {_reason(e)}") from None
        return self

    def _oauth_login(self, c: IMAPClient, source: TokenSource) -> None:
        """XOAUTH2 with the kept token; if the server refuses it and a command can mint one, once more.

        A token revoked before its stated expiry is replaced once; a fresh token that is refused
        too means the grant itself is dead, and that is raised, not retried.
        """
        token = source.token()
        if token.expiring_soon():
            self.warnings.append("the OAuth2 token expires within 15 minutes")
        try:
            c.oauth2_login(self.s.user, token.value)
        except LoginError:
            if token.minted or not source.command:
                raise
            c.oauth2_login(self.s.user, source.token(fresh=True).value)

    @property
    def connected(self) -> bool:
        return self._c is not None

    def __enter__(self) -> ImapMailbox:
        return self  # connecting is the caller's step, so that its failure can be recorded

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        c, self._c = self._c, None
        if c is None:
            return
        try:
            c.logout()
        except Exception:  # noqa: BLE001 - a connection already gone has nothing left to close
            try:
                c.shutdown()
            except Exception:  # noqa: BLE001
                pass

    def _call(self, what: str, fn: Any, *args: Any, **kw: Any) -> Any:
        if self._c is None:
            raise MailboxUnreachable(f"{self.account}: not connected ({what})")
        try:
            return fn(*args, **kw)
        except (*_NETWORK_ERRORS,) as e:
            self._c = None
            raise MailboxUnreachable(f"the IMAP connection to {self.account} dropped during {what}: {_reason(e)}; "
                                     "nothing past the last stored batch was counted, the next run resumes") from None
        except IMAPClientError as e:
            raise MailboxUnreachable(f"the IMAP server {self.account} refused {what}: {_reason(e)}") from None

    @property
    def client(self) -> IMAPClient:
        if self._c is None:
            raise MailboxUnreachable(f"{self.account}: not connected")
        return self._c

    # reading ----------------------------------------------------------------------------
    def select(self, folder: str, *, readonly: bool) -> FolderInfo:
        """SELECT (or EXAMINE when nothing will be changed) FOLDER."""
        r = self._call(f"SELECT {folder}", self.client.select_folder, folder, readonly=readonly)
        info = FolderInfo(folder, int(r[b"UIDVALIDITY"]), int(r[b"UIDNEXT"]) if b"UIDNEXT" in r else None,
                          int(r.get(b"EXISTS", 0)))
        self.selected = info
        return info

    def sizes_after(self, last_uid: int) -> list[tuple[int, int]]:
        """(UID, size) of the messages above LAST_UID, ascending (see the n:* fact above).

        One `UID FETCH n:* (RFC822.SIZE)` lists the new UIDs and lets batches be cut by bytes too.
        """
        r = self._call("FETCH of sizes", self.client.fetch, f"{last_uid + 1}:*", ["RFC822.SIZE"])
        return sorted((int(u), int(d.get(b"RFC822.SIZE", 0))) for u, d in r.items() if int(u) > last_uid)

    def existing(self, uids: Iterable[int]) -> set[int]:
        """Which of UIDS are still in the selected folder."""
        uids = list(uids)
        if not uids:
            return set()
        return set(self._call("UID SEARCH", self.client.search, ["UID", ",".join(map(str, uids))]))

    def fetch(self, uids: list[int]) -> dict[int, bytes]:
        """The raw bytes of UIDS (BODY.PEEK[]: \\Seen is left alone); expunged ones are absent."""
        if not uids:
            return {}
        r = self._call(f"FETCH of {len(uids)} messages", self.client.fetch, uids, ["BODY.PEEK[]"])
        return {int(uid): bytes(d[b"BODY[]"]) for uid, d in r.items() if d.get(b"BODY[]") is not None}

    # after-actions -----------------------------------------------------------------------
    def add_keyword(self, uids: list[int], keyword: str) -> None:
        self._call(f"STORE +FLAGS {keyword}", self.client.add_flags, uids, [keyword], silent=True)

    def move(self, uids: list[int], folder: str) -> None:
        """UID MOVE, or COPY + \\Deleted + UID EXPUNGE where MOVE is missing. UIDs gone already are ignored."""
        c = self.client
        if c.has_capability("MOVE"):
            self._call(f"MOVE to {folder}", c.move, uids, folder)
            return
        self._call(f"COPY to {folder}", c.copy, uids, folder)
        self._call("STORE \\Deleted", c.delete_messages, uids, silent=True)
        if c.has_capability("UIDPLUS"):
            self._call("UID EXPUNGE", c.uid_expunge, uids)
        else:
            self._call("EXPUNGE", c.expunge)

    def folder_exists(self, folder: str) -> bool:
        return bool(self._call(f"LIST {folder}", self.client.folder_exists, folder))

    # waiting ------------------------------------------------------------------------------
    def idle(self, seconds: float) -> bool:
        """IDLE on the selected folder up to SECONDS; True as soon as the server announces new mail.

        Servers send keep-alives during IDLE (Dovecot: "* OK Still here"); those are not news.
        """
        c = self.client
        deadline = time.monotonic() + seconds
        news = False
        self._call("IDLE", c.idle)
        try:
            while not news and (left := deadline - time.monotonic()) > 0:
                responses = self._call("IDLE", c.idle_check, timeout=min(left, 60.0))
                news = any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses)
        finally:
            if self._c is not None:
                self._call("IDLE DONE", c.idle_done)
        return news

def batches(sizes: list[tuple[int, int]], count: int, max_bytes: int) -> Iterator[list[int]]:
    """Cut (UID, size) pairs into batches of at most COUNT messages and about MAX_BYTES."""
    batch: list[int] = []
    total = 0
    for uid, size in sizes:
        if batch and (len(batch) >= count or total + size > max_bytes):
            yield batch
            batch, total = [], 0
        batch.append(uid)
        total += size
    if batch:
        yield batch
