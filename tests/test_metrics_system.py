"""The counts under gunicorn, as deployed: two workers, each counting in its own file of the
shared PROMETHEUS_MULTIPROC_DIR, and the metrics listener (started by the master from
deploy/gunicorn.conf.py) adding them up on a port of its own. The counts add up across the
workers, and still do after a worker dies and is replaced; the public listener never answers
/metrics; a port that is taken stops start-up; the listener ends with the master."""

from __future__ import annotations

import os
import re
import signal
import socket
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from guide.answers import answers_parse
from guide.dates import today_tokyo
from guide.plan import plan_build
from tests.support.gunicorn import gunicorn, request

pytestmark = pytest.mark.system  # real servers: left out of make test-fast

QUERY = {"holding": "myna_only", "reason": "expiring", "stage": "before", "channel": "window"}
PATH = f"/en/checklist/?{urlencode(QUERY)}"
OUTCOME = plan_build(answers=answers_parse(query=QUERY), today=today_tokyo()).outcome.value
SAMPLE = re.compile(r'^mynalicense_checklists_total\{language="en",mode="guide",outcome="'
                    + OUTCOME + r'"\} ([0-9.e+]+)$', re.M)


def checklists_counted(server) -> float:
    host, port, _ = server.metrics
    status, body = request(port, "/metrics", host=host)
    assert status == 200
    found = SAMPLE.search(body.decode())
    return float(found.group(1)) if found else 0.0


def send(server, count: int) -> None:
    """`count` checklist requests, four at a time (so that both sync workers take some)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda _: request(server.port, PATH)[0], range(count)))
    assert statuses == [200] * count


def counting_pids(folder) -> set[int]:
    """The workers that have counted something: prometheus_client's counter_<pid>.db files."""
    return {int(m.group(1)) for name in os.listdir(folder)
            if (m := re.fullmatch(r"counter_(\d+)\.db", name))}


def test_counts_add_up_across_workers_and_survive_a_dead_worker(tmp_path):
    folder = tmp_path / "metrics"
    with gunicorn(tmp_path / "gunicorn.log", workers=2, MYNALICENSE_METRICS_BIND="127.0.0.1:0",
                  PROMETHEUS_MULTIPROC_DIR=str(folder)) as server:
        assert server.metrics[0] == "127.0.0.1"
        workers = set(server.workers())
        assert len(workers) == 2
        sent = 0
        # Until both workers have served some (bounded: sync workers take turns quickly).
        while not workers <= counting_pids(folder) and sent < 400:
            send(server, 20)
            sent += 20
        assert workers <= counting_pids(folder), (sent, os.listdir(folder))
        assert checklists_counted(server) == sent

        # A worker dies and gunicorn starts another: what the dead one counted stays.
        victim = sorted(workers)[0]
        os.kill(victim, signal.SIGTERM)
        server.wait_for(lambda: len(server.workers()) == 3, "a new worker")
        server.wait_for(lambda: len(set(server.workers()) - workers) == 1, "the new worker")
        send(server, 20)
        assert checklists_counted(server) == sent + 20

        # The public listener has no metrics, whatever the path or Host.
        for path in ("/metrics", "/metrics/", "/ja/metrics/", "/static/../metrics"):
            status, body = request(server.port, path)
            assert status in (301, 400, 404), (path, status)
            assert b"mynalicense_" not in body
        # The metrics port serves only /metrics.
        status, _ = request(server.metrics[1], "/ja/", host="127.0.0.1")
        assert status == 404
        listener = server.metrics[2]
    # The listener ended with the master, and the log holds no answer.
    with pytest.raises(ProcessLookupError):
        os.kill(listener, 0)
    log = (tmp_path / "gunicorn.log").read_text()
    assert "holding=" not in log and "window" not in log


def test_a_taken_metrics_port_stops_start_up(tmp_path):
    taken = socket.create_server(("127.0.0.1", 0))
    try:
        port = taken.getsockname()[1]
        with pytest.raises(AssertionError, match="gunicorn ended"):
            with gunicorn(tmp_path / "gunicorn.log", workers=1,
                          MYNALICENSE_METRICS_BIND=f"127.0.0.1:{port}"):
                pass
        assert "Address already in use" in (tmp_path / "gunicorn.log").read_text()
    finally:
        taken.close()


def test_without_the_setting_there_is_no_metrics_listener(tmp_path):
    with gunicorn(tmp_path / "gunicorn.log", workers=1) as server:
        assert server.metrics is None
        assert "Metrics" not in server.text()
        assert request(server.port, "/metrics")[0] == 404
