"""Start the guide exactly as `make run` does, on a free loopback port, for a benchmark."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def make_run(*, log_name: str = "gunicorn.log") -> Iterator[str]:
    """`make run` on 127.0.0.1 and a free port; yields the base URL, stops gunicorn after.

    The environment is passed through unchanged (so DJANGO_SETTINGS_MODULE and
    WEB_CONCURRENCY act as they do for `make run`); gunicorn's access log goes to
    bench/out/<log_name>, not to the terminal."""
    OUT.mkdir(exist_ok=True)
    port = free_port()
    log = open(OUT / log_name, "wb")
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", "HOST=127.0.0.1", f"PORT={port}"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # the first `make run` builds .venv and the static files
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"`make run` exited with {process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz; see {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        # make and gunicorn run in their own process group: stop exactly that group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def gunicorn_workers() -> int:
    """The worker count `make run` uses (deploy/gunicorn.conf.py)."""
    namespace: dict = {}
    exec((ROOT / "deploy" / "gunicorn.conf.py").read_text(), namespace)
    return int(namespace["workers"])
