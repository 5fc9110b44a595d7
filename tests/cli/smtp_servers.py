"""Real SMTP servers on 127.0.0.1 for the reminder tests, each on a free port.

`Aiosmtpd` is Debian's python3-aiosmtpd in a background thread (optionally with STARTTLS and
AUTH) keeping every message it accepted. `LineRecorder` is a minimal hand-written server that
records every line a client sends, to prove what was (and was not) said on the wire, and can
answer the greeting with an error. `silent_port` listens without ever answering, and
`count_connections` tells whether anyone connected to a listening socket at all.
"""

import asyncio
import email
import email.policy
import logging
import os
import socket
import ssl
import subprocess
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

# aiosmtpd logs a deprecation notice of its own on every login; the tests read no log.
logging.getLogger("mail.log").setLevel(logging.CRITICAL)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificate(folder):
    """A self-signed certificate for 127.0.0.1 and localhost, made with openssl; returns
    (certificate, key) paths. The certificate is also the CA a client must trust."""
    cert = os.path.join(folder, "server-cert.pem")
    key = os.path.join(folder, "server-key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
         "-keyout", key, "-out", cert, "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-addext", "basicConstraints=critical,CA:TRUE"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class Received:
    """One accepted message."""

    def __init__(self, mail_from, rcpt_tos, data, tls):
        self.mail_from = mail_from
        self.rcpt_tos = rcpt_tos
        self.data = data  # bytes as received, after the server removed the dot-stuffing
        self.tls = tls
        self.message = email.message_from_bytes(data, policy=email.policy.default)


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.server.rcpt_reply:
            return self.server.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.server.during_data:
            self.server.during_data()
        if self.server.data_reply:
            return self.server.data_reply
        if self.server.data_delay:
            await asyncio.sleep(self.server.data_delay)
        self.server.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content,
                     session.ssl is not None))
        return "250 Message accepted for delivery"


class Aiosmtpd:
    """aiosmtpd on a free port. With `certificate` it offers STARTTLS and requires it; with
    `login` it requires AUTH with that (user, password)."""

    def __init__(self, certificate=None, login=None):
        self.port = free_port()
        self.messages = []
        self.logins = []
        self.rcpt_reply = None
        self.data_reply = None
        self.data_delay = 0
        self.during_data = None
        kwargs = {}
        if certificate:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*certificate)
            kwargs.update(tls_context=context, require_starttls=True)
        if login:
            kwargs.update(authenticator=self._authenticate, auth_required=True,
                          auth_require_tls=certificate is not None)
        self.login = login
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port,
                                     **kwargs)

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        user = auth_data.login.decode("utf-8", "replace")
        password = auth_data.password.decode("utf-8", "replace")
        self.logins.append((user, password))
        return AuthResult(success=(user, password) == self.login)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class LineRecorder:
    """A small SMTP server that records every line it receives. It offers AUTH but never
    STARTTLS; `greeting` replaces its 220 greeting (e.g. with a 421)."""

    def __init__(self, greeting="220 recorder ESMTP"):
        self.greeting = greeting
        self.lines = []
        self.connections = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)
        self.sock.close()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            self.connections += 1
            with conn:
                conn.settimeout(5)
                self._talk(conn)

    def _talk(self, conn):
        conn.sendall((self.greeting + "\r\n").encode())
        if not self.greeting.startswith("220"):
            return
        buffer = b""
        in_data = False
        while True:
            try:
                chunk = conn.recv(4096)
            except (socket.timeout, OSError):
                return
            if not chunk:
                return
            buffer += chunk
            while b"\r\n" in buffer:
                line, buffer = buffer.split(b"\r\n", 1)
                text = line.decode("utf-8", "replace")
                self.lines.append(text)
                if in_data:
                    if text == ".":
                        in_data = False
                        conn.sendall(b"250 accepted\r\n")
                    continue
                verb = text.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    conn.sendall(b"250-recorder\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
                elif verb == "AUTH":
                    conn.sendall(b"235 ok\r\n")
                elif verb == "DATA":
                    in_data = True
                    conn.sendall(b"354 go ahead\r\n")
                elif verb == "QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 ok\r\n")


def listening_socket():
    """A socket listening on a free port that nothing ever accepts from: a client can connect
    (the kernel completes the handshake) but hears nothing."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    return sock


def count_connections(sock):
    """How many connections are waiting on a listening socket (consumes them)."""
    sock.setblocking(False)
    count = 0
    while True:
        try:
            conn, _ = sock.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def processes_whose_cmdline_contains(needle):
    """Pids of every process on the machine whose argv contains `needle` (bytes)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if needle in f.read():
                    found.append(int(pid))
        except OSError:
            continue
    return found


def wait_until(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
