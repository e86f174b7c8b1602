"""The metrics endpoint, on a port of its own: a small process that gunicorn's master starts
(deploy/gunicorn.conf.py) and hands an already bound socket. It adds up what every worker
counted (prometheus_client's multiprocess mode, PROMETHEUS_MULTIPROC_DIR) and answers
`GET /metrics` with it; anything else is a 404. It never imports Django, logs no request,
and ends when the master does.

    python -m mynalicense.metrics_listener --fd N --parent PID
"""

from __future__ import annotations

import argparse
import os
import socket
import threading
import time
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

from prometheus_client import CollectorRegistry, MetricsHandler
from prometheus_client.multiprocess import MultiProcessCollector

PATH = "/metrics"


def registry_build() -> CollectorRegistry:
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return registry


def handler_for(registry: CollectorRegistry) -> type[MetricsHandler]:
    base = MetricsHandler.factory(registry)

    class Handler(base):  # type: ignore[valid-type,misc]
        def do_GET(self) -> None:
            if urlsplit(self.path).path != PATH:
                self.send_error(404)
                return
            super().do_GET()

        def log_message(self, format: str, *args) -> None:  # no request is logged
            return

    return Handler


def serve(sock: socket.socket, registry: CollectorRegistry) -> ThreadingHTTPServer:
    """An HTTP server on `sock` (bound and listening already); call serve_forever()."""
    server = ThreadingHTTPServer(sock.getsockname()[:2], handler_for(registry),
                                 bind_and_activate=False)
    server.socket.close()
    server.socket = sock
    server.server_name, server.server_port = sock.getsockname()[:2]
    server.daemon_threads = True
    return server


def _end_with(parent: int) -> None:
    # The master may be killed without a chance to stop us: then our parent changes.
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fd", type=int, required=True, help="a bound, listening TCP socket")
    parser.add_argument("--parent", type=int, required=True, help="end when this process does")
    args = parser.parse_args()
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        parser.error("PROMETHEUS_MULTIPROC_DIR is not set")
    sock = socket.socket(fileno=args.fd)
    threading.Thread(target=_end_with, args=(args.parent,), daemon=True).start()
    serve(sock, registry_build()).serve_forever()


if __name__ == "__main__":
    main()
