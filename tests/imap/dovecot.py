"""A private Dovecot for the tests and the benchmarks: own config, own ports, own throwaway CA.

Facts learned on Debian's dovecot-imapd 2.3: Dovecot will not serve mail owned by root, so the
Maildir and the home belong to an unprivileged user (nobody when we are root); it starts in well
under a second; `dovecot -F` keeps it in the foreground, so stopping it is killing one process.
"""

from __future__ import annotations

import base64
import grp
import hashlib
import hmac
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

USER, PASSWORD = "anci", "segreto-di-prova"
JWT_SECRET = b"anci-test-jwt-secret-0123456789ab"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca(where: Path, name: str = "ca") -> tuple[Path, Path]:
    """A throwaway CA: (certificate, key)."""
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN=anci test {name}",
             "-keyout", f"{name}.key", "-out", f"{name}.crt", cwd=where)
    return where / f"{name}.crt", where / f"{name}.key"


def make_server_cert(where: Path, ca: tuple[Path, Path]) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost signed by CA: (certificate, key)."""
    (where / "san.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key",
             "-out", "server.csr", cwd=where)
    _openssl("x509", "-req", "-in", "server.csr", "-CA", str(ca[0]), "-CAkey", str(ca[1]), "-CAcreateserial",
             "-days", "2", "-extfile", "san.ext", "-out", "server.crt", cwd=where)
    return where / "server.crt", where / "server.key"


CONF = """\
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{d}/tls/server.crt
ssl_key = <{d}/tls/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2
default_login_user = {user}
default_internal_user = {user}
default_internal_group = {group}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:~/Maildir
mail_max_userip_connections = 100
imap_idle_notify_interval = 1 secs
passdb {{
  driver = oauth2
  mechanisms = xoauth2
  args = {d}/oauth2.conf.ext
}}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={d}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
service auth {{
  user = $default_internal_user
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    """One private server. start() and stop() may be called again (the ports stay the same)."""

    root: Path
    port: int = field(default_factory=free_port)
    ssl_port: int = field(default_factory=free_port)
    user: str = USER
    password: str = PASSWORD
    proc: subprocess.Popen[bytes] | None = None

    @property
    def ca_file(self) -> Path:
        return self.root / "tls" / "ca.crt"

    def setup(self) -> Dovecot:
        as_root = os.geteuid() == 0
        owner = pwd.getpwnam("nobody") if as_root else pwd.getpwuid(os.geteuid())
        group = grp.getgrgid(owner.pw_gid).gr_name
        (self.root / "tls").mkdir(parents=True, exist_ok=True)
        ca = make_ca(self.root / "tls")
        make_server_cert(self.root / "tls", ca)
        # XOAUTH2: Dovecot validates HS256 JWTs itself (introspection_mode = local); its fs dict
        # looks the key up as shared/<azp>/<alg>/<kid>, which maps to keys/default/HS256/default.
        (self.root / "keys" / "default" / "HS256").mkdir(parents=True, exist_ok=True)
        (self.root / "keys" / "default" / "HS256" / "default").write_text(base64.b64encode(JWT_SECRET).decode())
        (self.root / "oauth2.conf.ext").write_text(
            f"introspection_mode = local\nlocal_validation_key_dict = fs:posix:prefix={self.root}/keys/\n"
            "username_attribute = sub\n")
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        for sub in ("run", "state", f"home/{self.user}"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        if as_root:
            os.chmod(self.root, 0o755)
            for path in (self.root / "home", self.root / "home" / self.user):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        (self.root / "dovecot.conf").write_text(CONF.format(
            d=self.root, user=owner.pw_name, group=group, port=self.port, ssl_port=self.ssl_port))
        return self

    def start(self) -> None:
        self.proc = subprocess.Popen(["dovecot", "-F", "-c", str(self.root / "dovecot.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self.proc.stderr.read().decode() if self.proc.stderr else ''}"
                                   f"{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self.log()}")

    def stop(self, *, crash: bool = False) -> None:
        """Stop the server; CRASH kills it and every child at once (SIGKILL to its process group)."""
        if crash and self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        # Children (imap, imap-login) die with the master; wait until the port is free again.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                time.sleep(0.05)
            except OSError:
                return

    def jwt(self, expires_at: float) -> str:
        """A bearer token for the test user that this server accepts until EXPIRES_AT."""
        now = int(time.time())
        head = _b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "default"}).encode())
        body = _b64url(json.dumps({"sub": self.user, "exp": int(expires_at), "iat": now, "nbf": now - 60}).encode())
        sig = _b64url(hmac.new(JWT_SECRET, f"{head}.{body}".encode(), hashlib.sha256).digest())
        return f"{head}.{body}.{sig}"

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def env(self, folder: str, *, ssl: str = "0", **extra: str) -> dict[str, str]:
        """The ANCI_IMAP_* variables a poll of FOLDER on this server needs."""
        env = {"ANCI_IMAP_HOST": "127.0.0.1", "ANCI_IMAP_PORT": str(self.ssl_port if ssl == "1" else self.port),
               "ANCI_IMAP_USER": self.user, "ANCI_IMAP_PASSWORD": self.password, "ANCI_IMAP_FOLDER": folder,
               "ANCI_IMAP_SSL": ssl, "ANCI_IMAP_CA_FILE": str(self.ca_file)}
        env.update(extra)
        return env

    def client(self):  # type: ignore[no-untyped-def]
        """A logged-in imapclient connection (plain, loopback) for filling folders."""
        from imapclient import IMAPClient

        c = IMAPClient("127.0.0.1", self.port, ssl=False, timeout=30)
        c.login(self.user, self.password)
        return c


def start_private(prefix: str = "anci-dovecot-") -> Dovecot:
    root = Path(tempfile.mkdtemp(prefix=prefix))
    server = Dovecot(root).setup()
    server.start()
    return server


def remove(server: Dovecot) -> None:
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)
