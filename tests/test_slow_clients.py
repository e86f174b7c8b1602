"""Slow clients (issue 12, finding 1), as a system test: deploy/nginx.conf itself, run by
Debian's nginx with its paths and ports moved to a scratch folder, in front of gunicorn as
production runs it (tests/support/server.py's gunicorn_server: 2 sync workers, prod
settings), all on 127.0.0.1.

50 connections trickle request headers (one byte every half second, reconnecting whenever
they are dropped) for 20 s while a person's requests go through: through nginx their p99
stays under 1 s; the same attack on bare gunicorn holds both workers, and the same requests
wait until it ends. Also through nginx: the security headers on nginx's and gunicorn's own
refusals and on a 502, the limits, no header with "_" passed on, and an access log without
queries, Referer or client address.

Bounded: 20 s per attack, 50 connections, a fixed number of threads, timeouts on every
socket; the servers are stopped in `finally` blocks whatever happens. Run alone with
`pytest -m system`."""

from __future__ import annotations

import http.client
import os
import pwd
import re
import secrets
import shutil
import socket
import ssl
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings

from tests.support.headers import assert_common_headers
from tests.support.server import HOST, gunicorn_server, process_stop

pytestmark = pytest.mark.system

BASE_DIR = Path(django_settings.BASE_DIR)
NGINX_CONF = BASE_DIR / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # not on a non-root user's PATH
ATTACKERS = 50
ATTACK_SECONDS = 20
TRICKLE_SECONDS = 0.5
P99_LIMIT = 1.0
PERMALINK = ("holding=myna_only&reason=field_full&stage=before&channel=online"
             "&cert_submitted=yes&license_status=valid&special_chars=no&birthday=09-23"
             "&license_expiry=2032-09-23&card_expiry=2031-07-19")
# What a person asks for: pages of each kind.
PAGES = ["/ja/", "/en/questions/holding/", f"/ja/checklist/?{PERMALINK}", "/en/sources/"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- deploy/nginx.conf, moved to a scratch folder ---------------------------------------------


def scratch_site(conf: str, *, root: Path, https_port: int, http_port: int,
                 upstream_port: int) -> str:
    """deploy/nginx.conf with only its addresses and file paths changed; each change must
    apply exactly where expected, so a changed file cannot silently test something else."""
    replacements = [
        (r"^(\s*)listen 443 ssl default_server;$",
         rf"\1listen 127.0.0.1:{https_port} ssl default_server;", 1),
        (r"^\s*listen \[::\]:443 ssl default_server;\n", "", 1),
        (r"^(\s*)listen 80;$", rf"\1listen 127.0.0.1:{http_port};", 1),
        (r"^\s*listen \[::\]:80;\n", "", 1),
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{upstream_port};", 1),
        (r"/etc/letsencrypt/live/guide\.example\.jp/", f"{root}/tls/", 2),
        (r"/var/log/nginx/", f"{root}/log/", 4),
    ]
    for pattern, replacement, count in replacements:
        conf, made = re.subn(pattern, replacement, conf, flags=re.M)
        assert made == count, (pattern, made)
    directives = re.sub(r"#.*", "", conf)
    assert not re.search(r"/(etc|var|run)/", directives), "a system path is left"
    return conf


def scratch_main(root: Path) -> str:
    """The rest of an nginx.conf, as Debian's would hold it, in the scratch folder."""
    user = ""
    if os.geteuid() == 0:  # workers would otherwise switch to "nobody", locked out of root
        user = f"user {pwd.getpwuid(0).pw_name};"
    temp = "\n".join(f"    {name}_temp_path {root}/temp/{name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}
daemon off;
worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/log/main.error.log alert;
events {{ worker_connections 1024; }}
http {{
{temp}
    access_log off;
    include {root}/mynalicense.conf;
}}
"""


def self_signed(root: Path) -> Path:
    (root / "tls").mkdir()
    subprocess.run([
        "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-days", "2", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
        "-keyout", str(root / "tls" / "privkey.pem"), "-out", str(root / "tls" / "fullchain.pem"),
    ], check=True, capture_output=True, timeout=60)
    return root / "tls" / "fullchain.pem"


@contextmanager
def nginx_server(root: Path, upstream_port: int) -> Iterator[SimpleNamespace]:
    """nginx with deploy/nginx.conf on two free loopback ports; always stopped."""
    for folder in ("log", "temp"):
        (root / folder).mkdir(parents=True)
    certificate = self_signed(root)
    https_port, http_port = free_port(), free_port()
    (root / "mynalicense.conf").write_text(scratch_site(
        NGINX_CONF.read_text(), root=root, https_port=https_port, http_port=http_port,
        upstream_port=upstream_port))
    (root / "nginx.conf").write_text(scratch_main(root))
    command = [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"),
               "-e", str(root / "log" / "main.error.log")]
    tested = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert tested.returncode == 0, tested.stderr
    with open(root / "log" / "stderr.log", "wb") as stderr:
        process = subprocess.Popen(command, stdout=stderr, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    context = ssl.create_default_context(cafile=str(certificate))
    server = SimpleNamespace(https_port=https_port, http_port=http_port, root=root,
                             tls=context, process=process)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:  # any answer will do: the instance behind may be down on purpose
                request(server, "GET", "/healthz", timeout=5)
                break
            except OSError:
                pass
            assert process.poll() is None, (root / "log" / "stderr.log").read_text()
            assert time.monotonic() < deadline, "nginx did not answer"
            time.sleep(0.05)
        yield server
    finally:
        process_stop(process)


class SiteConnection(http.client.HTTPSConnection):
    """HTTPS to nginx on loopback, with SNI and the certificate check for the site's name,
    as a browser would make them."""

    def __init__(self, server, timeout: float) -> None:
        super().__init__(HOST, server.https_port, timeout=timeout, context=server.tls)

    def connect(self) -> None:
        raw = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=HOST)


def request(server, method: str, path: str, headers: dict[str, str] | None = None,
            body: bytes | None = None, timeout: float = 30):
    """One HTTPS request through nginx."""
    connection = SiteConnection(server, timeout)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def tls_wrap(server, raw: socket.socket) -> ssl.SSLSocket:
    return server.tls.wrap_socket(raw, server_hostname=HOST)


# --- the attack -------------------------------------------------------------------------------


@dataclass
class Attack:
    """ATTACKERS connections that each send a request line, then one header byte every
    TRICKLE_SECONDS, and connect again whenever the server drops them, until the end."""

    connect: object  # () -> a connected socket (TLS already, for nginx)
    started: float = 0.0
    stop: threading.Event = field(default_factory=threading.Event)
    connections: int = 0
    dropped: int = 0  # connections the server closed while they trickled
    held: list[float] = field(default_factory=list)  # how long each dropped one was held
    lock: threading.Lock = field(default_factory=threading.Lock)

    def one(self) -> None:
        trickle = b"X-Trickle: " + b"a" * 20 + b"\r\n"
        while not self.stop.is_set():
            opened = time.monotonic()
            try:
                sock = self.connect()
            except OSError:
                self.stop.wait(TRICKLE_SECONDS)
                continue
            with self.lock:
                self.connections += 1
            try:
                sock.settimeout(5)
                sock.sendall(f"GET /ja/ HTTP/1.1\r\nHost: {HOST}\r\n".encode())
                position = 0
                while not self.stop.wait(TRICKLE_SECONDS):
                    sock.sendall(trickle[position:position + 1])
                    position = (position + 1) % len(trickle)
            except OSError:  # dropped by the server (reset, broken pipe, TLS alert)
                with self.lock:
                    self.dropped += 1
                    self.held.append(time.monotonic() - opened)
            finally:
                sock.close()

    @contextmanager
    def running(self) -> Iterator[Attack]:
        threads = [threading.Thread(target=self.one, daemon=True) for _ in range(ATTACKERS)]
        self.started = time.monotonic()
        for thread in threads:
            thread.start()
        try:
            yield self
        finally:
            self.stop.set()
            for thread in threads:
                thread.join(timeout=10)
            assert not any(thread.is_alive() for thread in threads)


def probe(send, until: float, *, results: list, pause: float = 0.1, once: bool = False) -> None:
    """A person's requests, one after another until `until` (or just one): appends
    (start, seconds, status) to `results`."""
    index = 0
    while once or time.monotonic() < until:
        path = PAGES[index % len(PAGES)]
        index += 1
        begun = time.monotonic()
        try:
            status = send(path)
        except OSError as error:
            status = repr(error)
        results.append((begun, time.monotonic() - begun, status))
        if once:
            return
        time.sleep(pause)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(name: str, results, attack: Attack) -> str:
    times = [seconds for _, seconds, _ in results]
    slowest = sorted(results, key=lambda result: result[1])[-3:]
    when = ", ".join(f"{begun - attack.started:.1f}" for begun, _, _ in slowest)
    return (f"{name}: {len(times)} requests during the attack, "
            f"p50 {statistics.median(times):.3f} s, "
            f"p99 {percentile(times, 0.99):.3f} s, max {max(times):.3f} s (the slowest sent "
            f"{when} s in); "
            f"{attack.connections} attacking connections, {attack.dropped} dropped by the server"
            + (f" after {min(attack.held):.1f}–{max(attack.held):.1f} s" if attack.held else ""))


# --- the test ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """gunicorn as in production (2 workers), and nginx with deploy/nginx.conf in front."""
    if not Path(NGINX).exists():
        pytest.fail(f"nginx is not installed ({NGINX}): run scripts/install-system-deps")
    root = tmp_path_factory.mktemp("slow-clients")
    with gunicorn_server(root / "gunicorn.log", secret=secrets.token_urlsafe(50),
                         workers=2) as upstream, nginx_server(root / "nginx", upstream) as front:
        yield SimpleNamespace(upstream=upstream, front=front, root=root)


def test_trickling_headers_do_not_delay_requests_through_nginx_but_stop_bare_gunicorn(servers):
    front, upstream = servers.front, servers.upstream

    def through_nginx(path: str) -> int:
        status, _, _ = request(front, "GET", path, timeout=30)
        return status

    def to_gunicorn(path: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=40)
        try:
            connection.request("GET", path, headers={"Host": HOST, "X-Forwarded-Proto": "https"})
            return connection.getresponse().status
        finally:
            connection.close()

    # Both workers render each page once before the clock starts (a first render compiles
    # templates: slow, attack or not).
    for path in PAGES * 4:
        assert through_nginx(path) == 200

    # Through nginx: one person's requests, one after another, for the whole attack.
    attack = Attack(connect=lambda: tls_wrap(front, socket.create_connection(
        ("127.0.0.1", front.https_port), timeout=5)))
    behind_nginx: list = []
    with attack.running():
        time.sleep(1)  # every attacker connected and trickling
        probe(through_nginx, attack.started + ATTACK_SECONDS, results=behind_nginx)
    nginx_line = summary("through nginx", behind_nginx, attack)
    print(f"\n{nginx_line}")
    assert {status for _, _, status in behind_nginx} == {200}, behind_nginx
    assert len(behind_nginx) >= 50
    assert percentile([s for _, s, _ in behind_nginx], 0.99) < P99_LIMIT, nginx_line
    # nginx dropped the trickling connections (client_header_timeout) and they came back.
    assert attack.dropped >= ATTACKERS and attack.connections > ATTACKERS, nginx_line
    assert max(attack.held) < 15, nginx_line

    # Bare gunicorn: the same attack, and four people asking at the same time.
    attack = Attack(connect=lambda: socket.create_connection(("127.0.0.1", upstream), timeout=5))
    bare: list = []
    people = [threading.Thread(target=probe, args=(to_gunicorn, 0), daemon=True,
                               kwargs={"results": bare, "once": True}) for _ in range(4)]
    with attack.running():
        time.sleep(1)
        for person in people:
            person.start()
            time.sleep(0.5)
        attack.stop.wait(attack.started + ATTACK_SECONDS - time.monotonic())
    # The attack is over (its connections closed): now the people's requests are answered.
    for person in people:
        person.join(timeout=45)
    assert not any(person.is_alive() for person in people)
    bare_line = summary("bare gunicorn", bare, attack)
    print(bare_line)
    assert {status for _, _, status in bare} == {200}, bare
    # Every request sent while the attack held both workers waited for it to end: those
    # sent 1–2.5 s in, for the 17–19 s left.
    waited = [seconds for begun, seconds, _ in bare]
    assert min(waited) > ATTACK_SECONDS / 2, bare_line
    assert attack.dropped == 0, bare_line  # gunicorn itself never drops a slow client
    (servers.root / "figures.txt").write_text(f"{nginx_line}\n{bare_line}\n")


def test_nginx_s_and_gunicorn_s_own_refusals_carry_the_security_headers(servers):
    front = servers.front
    # nginx's own: a body over 16 KiB (413), a request line over 8 KiB (414).
    status, headers, _ = request(front, "POST", "/ja/questions/holding/",
                                 {"Content-Type": "application/x-www-form-urlencoded"},
                                 b"holding-holding=" + b"x" * (16 * 1024))
    assert status == 413
    assert_common_headers(SimpleNamespace(headers=headers), secure=True)
    status, headers, body = request(front, "GET", "/ja/checklist/?" + "a" * 9000)
    assert status == 414 and b"Request Line is too large" not in body
    assert_common_headers(SimpleNamespace(headers=headers), secure=True)
    # gunicorn's own: a request line over its 4 KiB (nginx takes 8 KiB and passes it on),
    # and more header fields than its 50.
    status, headers, body = request(front, "GET", "/ja/checklist/?" + "a" * 5000)
    assert status == 414 and b"Request Line is too large" in body
    assert_common_headers(SimpleNamespace(headers=headers), secure=True)
    status, headers, body = request(front, "GET", "/ja/", {f"X-H{i}": "1" for i in range(60)})
    assert status == 431 and b"nginx" not in body, (status, body)
    assert_common_headers(SimpleNamespace(headers=headers), secure=True)
    # The app's own headers pass unchanged, once each: the permalink's stricter policy.
    status, headers, _ = request(front, "GET", f"/ja/checklist/?{PERMALINK}")
    assert status == 200
    assert headers.get_all("Referrer-Policy") == ["no-referrer"]
    assert len(headers.get_all("Content-Security-Policy")) == 1
    assert headers["Cache-Control"] == "no-store"


def test_a_body_within_the_limit_passes_and_headers_with_underscores_do_not(servers):
    front = servers.front
    # A body within the limit reaches the app, which answers it (no CSRF cookie: its page).
    status, _, body = request(front, "POST", "/en/questions/holding/",
                              {"Content-Type": "application/x-www-form-urlencoded"},
                              b"holding-holding=both&x=" + b"x" * 15000)
    assert status == 403 and b"This page has expired" in body
    # X_Forwarded_Proto would read as X-Forwarded-Proto to Django; SCRIPT_NAME would prefix
    # every link. nginx drops both, and sets X-Forwarded-Proto itself.
    status, _, body = request(front, "GET", "/ja/", {"SCRIPT_NAME": "//evil.example",
                                                     "X-Forwarded-Proto": "http"})
    assert status == 200 and b"evil.example" not in body
    assert re.search(rb'href="/ja/sources/"', body)


def test_plain_http_is_sent_to_https(servers):
    connection = http.client.HTTPConnection("127.0.0.1", servers.front.http_port, timeout=10)
    try:
        connection.request("GET", "/ja/checklist/", headers={"Host": "evil.example"})
        response = connection.getresponse()
        assert response.status == 301
        assert response.headers["Location"] == f"https://{HOST}/ja/checklist/"
    finally:
        connection.close()


def test_the_logs_have_no_query_no_referer_and_no_client_address(servers):
    front = servers.front
    referer = f"https://{HOST}/ja/checklist/?{PERMALINK}"
    assert request(front, "GET", f"/ja/checklist/2/?{PERMALINK}", {"Referer": referer})[0] == 200
    # A request nginx refuses itself, whose request line carries the answers.
    with tls_wrap(front, socket.create_connection(("127.0.0.1", front.https_port),
                                                  timeout=10)) as raw:
        raw.sendall(f"GET /ja/checklist/?{PERMALINK} HTTP/1.1\r\nHost: {HOST}\r\n"
                    f"Bad\x01Header: x\r\n\r\n".encode())
        assert raw.recv(100).startswith(b"HTTP/1.1 400")
    time.sleep(0.3)
    logs = servers.root / "nginx" / "log"
    access = (logs / "mynalicense.access.log").read_text()
    assert '"GET /ja/checklist/2/" 200' in access
    text = "\n".join(path.read_text(errors="replace") for path in logs.iterdir()) + (
        servers.root / "gunicorn.log").read_text(errors="replace")
    assert "?" not in access
    for value in ("holding=", "2031-07-19", "09-23", "127.0.0.1", "client:"):
        lines = [line for line in text.splitlines() if value in line
                 and "Listening at: http://127.0.0.1:" not in line]
        assert not lines, (value, lines[:3])


def test_a_502_when_the_app_is_down_carries_the_headers_too(servers, tmp_path):
    """Last: nginx in front of an instance that is not there."""
    with nginx_server(tmp_path / "nginx", free_port()) as front:
        status, headers, _ = request(front, "GET", "/ja/")
        assert status == 502
        assert_common_headers(SimpleNamespace(headers=headers), secure=True)
