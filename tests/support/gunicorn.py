"""A real gunicorn of the guide's own, as deploy/gunicorn.conf.py starts it, on loopback ports
it picks itself; what its log says (ports, worker pids, the metrics listener) read back while
it runs. The requests and the stop are server.py's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .server import HOST, http_request, process_stop

ROOT = Path(__file__).resolve().parents[2]
_LISTENING = re.compile(rb"\] Listening at: http://127\.0\.0\.1:(\d+)")
_METRICS = re.compile(rb"Metrics listening at: http://([0-9.]+):(\d+)/metrics \(pid: (\d+)\)")
_WORKER = re.compile(rb"Booting worker with pid: (\d+)")


@dataclass
class Server:
    process: subprocess.Popen
    log: Path
    port: int
    metrics: tuple[str, int, int] | None  # host, port, listener pid

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def workers(self) -> list[int]:
        return [int(pid) for pid in _WORKER.findall(self.log.read_bytes())]

    def wait_for(self, condition, what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.process.poll() is None, f"gunicorn ended, waiting for {what}:\n{self.text()}"
            assert time.monotonic() < deadline, f"no {what} after {timeout} s:\n{self.text()}"
            time.sleep(0.05)


def request(port: int, path: str, *, host: str = HOST, timeout: float = 30):
    """A GET as the proxy passes it on (Host, X-Forwarded-Proto: https): status, body."""
    status, _, body = http_request(port, "GET", path,
                                   {"Host": host, "X-Forwarded-Proto": "https"}, timeout=timeout)
    return status, body


@contextmanager
def gunicorn(log: Path, *, workers: int = 2, **env: str) -> Iterator[Server]:
    """gunicorn with production settings and `env` on top; yields once every worker answers
    the health probe; always stops it."""
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("DJANGO_", "MYNALICENSE_", "PROMETHEUS_"))}
    environment.update(DJANGO_SETTINGS_MODULE="mynalicense.settings.prod",
                       DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS=HOST,
                       WEB_CONCURRENCY=str(workers), **env)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py",
             "--bind", "127.0.0.1:0", "mynalicense.wsgi"],
            cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
    server = Server(process, log, 0, None)
    try:
        server.wait_for(lambda: _LISTENING.search(log.read_bytes()), "listening line")
        server.port = int(_LISTENING.search(log.read_bytes()).group(1))
        if "MYNALICENSE_METRICS_BIND" in env:
            server.wait_for(lambda: _METRICS.search(log.read_bytes()), "metrics line")
            host, port, pid = _METRICS.search(log.read_bytes()).groups()
            server.metrics = (host.decode(), int(port), int(pid))
        server.wait_for(lambda: len(server.workers()) >= workers, "workers")
        server.wait_for(lambda: _answers(server.port), "an answer to /healthz")
        yield server
    finally:
        process_stop(process)


def _answers(port: int) -> bool:
    try:
        return request(port, "/healthz", host="10.0.0.7", timeout=5)[0] == 200
    except OSError:
        return False
