"""gunicorn settings shared by `make run`, the container image (Dockerfile) and the tests
that start real servers (tests/test_scale_out.py, tests/test_load.py). The address comes
from the command line: `--bind 127.0.0.1:8000` (make run), `--bind 0.0.0.0:8000` (image)."""
import glob
import logging
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

from gunicorn import glogging

# Sync workers: rendering is CPU-bound and there is no I/O to wait on.
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
worker_class = "sync"
# Heartbeat files in memory, not on a (possibly read-only) disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No control socket: it would be a file under $HOME (read-only in the container), and two
# instances on one machine would fight over the same path.
control_socket_disable = True
timeout = 30
graceful_timeout = 10
# Requests beyond these sizes are refused by gunicorn before Django sees them; Django
# refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE (16 KiB).
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Trust X-Forwarded-* only from the proxy in front of us. (Django reads X-Forwarded-Proto
# itself, SECURE_PROXY_SSL_HEADER: the app must be reachable only through that proxy.)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Not even from that proxy: SCRIPT_NAME or PATH_INFO headers (gunicorn's default takes both).
# The app is served at / and needs neither; a SCRIPT_NAME would prefix every link it writes.
forwarder_headers = ""
# Paths only, never query strings (a permalink's query carries a person's answers), and no
# client address: behind no proxy it would be the visitor's own.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"

# A query string, or what follows `?` in a quoted request line.
_QUERY = re.compile(r"\?[^\s'\"]*")
# What gunicorn quotes of a request it refuses (from the first quote on): the request line,
# a header, a version; anything of it may be a person's answers.
_QUOTED = re.compile(r"""['"].*""", re.S)
# The client's address in "Invalid request from ip=…:": behind no proxy, the visitor's own.
# (An address has no ": " in it, IPv6 ones included.)
_CLIENT = re.compile(r" from ip=.*?(?=: )")


class _NoQueryStrings(logging.Filter):
    """gunicorn's own error messages quote what it could not handle ("Invalid request from
    ip=…: Invalid HTTP request line: 'GET /ja/checklist/?holding=…'", "Error handling request
    /ja/checklist/?…"): cut that out, the client's address, and every query string,
    tracebacks included."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Invalid request from"):
            message = _QUOTED.sub("'…'", _CLIENT.sub("", message, count=1))
        record.msg = _QUERY.sub("?…", message)
        record.args = ()
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
            record.exc_text = _QUERY.sub("?…", text)
        return True


class PathOnlyLogger(glogging.Logger):
    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(f, _NoQueryStrings) for f in self.error_log.filters):
            self.error_log.addFilter(_NoQueryStrings())


logger_class = PathOnlyLogger


# --- at start-up: sources to read again ----------------------------------------------------


def on_starting(server):
    """Once, in the master: warn of sources unchecked for over a year (wizard/checks.py says
    the same in `manage.py check`), and prepare the shared metrics folder."""
    from guide.dates import today_tokyo
    from guide.sources import sources_stale, stale_line

    for source in sources_stale(today=today_tokyo()):
        server.log.warning("Stale source: %s", stale_line(source))
    if _metrics_bind():
        _metrics_folder(server)


# --- counts (mynalicense/metrics.py), served on their own port ------------------------------
# MYNALICENSE_METRICS_BIND=host:port turns them on: `make run` uses 127.0.0.1:9100, the
# Kubernetes example 0.0.0.0:9100 (reached by Prometheus inside the cluster, never through
# the Service or the Ingress). The public listener (--bind) never answers /metrics.


def _metrics_bind() -> tuple[str, int] | None:
    value = os.environ.get("MYNALICENSE_METRICS_BIND", "").strip()
    if not value:
        return None
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit(f"MYNALICENSE_METRICS_BIND={value!r}: expected host:port, e.g. 127.0.0.1:9100")
    return host.strip("[]"), int(port)


def _metrics_folder(server) -> None:
    """The workers write their counts into PROMETHEUS_MULTIPROC_DIR: an operator's folder,
    emptied of an earlier run's counts, or a fresh one in memory, removed at exit. Set here,
    before any worker exists, so that each worker's prometheus_client starts in
    multiprocess mode."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
        for path in glob.glob(os.path.join(folder, "*.db")):
            os.remove(path)
    else:
        folder = tempfile.mkdtemp(prefix="mynalicense-metrics-",
                                  dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
        server.metrics_own_folder = folder
    server.log.info("Metrics folder: %s", folder)


def when_ready(server):
    """Bind the metrics port here, in the master, so that a taken port stops start-up, and
    hand the socket to the listener process (a process of its own: no thread in a master
    that forks workers). The master keeps no copy, so the workers never hold it."""
    bind = _metrics_bind()
    if bind is None:
        return
    host, port = bind
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server((host, port), family=family, backlog=64)
    address = listener.getsockname()
    server.metrics_listener = subprocess.Popen(
        [sys.executable, "-m", "mynalicense.metrics_listener", "--fd", str(listener.fileno()),
         "--parent", str(os.getpid())],
        pass_fds=[listener.fileno()], stdin=subprocess.DEVNULL, cwd=server.cfg.chdir)
    listener.close()
    shown = f"[{address[0]}]" if family == socket.AF_INET6 else address[0]
    server.log.info("Metrics listening at: http://%s:%s/metrics (pid: %s)", shown, address[1],
                    server.metrics_listener.pid)


def child_exit(server, worker):
    """A worker ended: its live-only values go (prometheus_client's multiprocess mode); its
    counts stay in the sums."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    listener = getattr(server, "metrics_listener", None)
    if listener is not None:
        listener.terminate()
        try:
            listener.wait(timeout=5)
        except subprocess.TimeoutExpired:
            listener.kill()
    own = getattr(server, "metrics_own_folder", None)
    if own:
        shutil.rmtree(own, ignore_errors=True)
