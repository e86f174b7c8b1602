"""gunicorn settings shared by `make run`, the container image (Dockerfile) and the tests
that start real servers (tests/test_scale_out.py, tests/test_load.py). The address comes
from the command line: `--bind 127.0.0.1:8000` (make run), `--bind 0.0.0.0:8000` (image)."""
import logging
import multiprocessing
import os
import re

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
    the same in `manage.py check`)."""
    from guide.dates import today_tokyo
    from guide.sources import sources_stale, stale_line

    for source in sources_stale(today=today_tokyo()):
        server.log.warning("Stale source: %s", stale_line(source))
