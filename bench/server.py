"""Server benchmark (issue 6): gunicorn started exactly as `make run` does, loaded over
loopback with wrk (or, without wrk, a small Python client).

    .venv/bin/python -m bench.server [--duration 10] [--rounds 3] [--connections 16]

Endpoints, in one run: /healthz (the baseline: a bare Django request), the wizard's first
question, the richest checklist (every date known, the most items) and the stylesheet. The
endpoints take turns, round after round, so that a burst of other work on the machine does
not fall on one of them only; each figure is the median of the rounds. Prints requests per
second, p50/p99 latency and each page's throughput as a ratio to the baseline, and checks
the budget: the richest checklist at 0.5 × the baseline's throughput or more.

One more row, not part of the budget: the richest checklist with different answers on every
request, which is what a first visit costs (nothing can be reused from an earlier request).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from guide.answers import answers_parse, answers_query
from wizard.dates import today_tokyo
from guide.plan import plan_build

from .pages import RICHEST_CHOICES, RICHEST_ITEM_COUNT, checklist_path, question_path, richest_answers
from .serve import OUT, ROOT, gunicorn_workers, make_run

BUDGET_RATIO = 0.5
# What a browser sends: the stylesheet comes back gzip-compressed, as it would to a phone.
ACCEPT_ENCODING = "gzip, deflate, br"


@dataclass
class Endpoint:
    key: str
    label: str
    path: str
    paths: tuple[str, ...] = ()  # several paths, one after the other (the "first visit" row)
    budget: bool = False


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx responses and socket errors


# --- the load generators --------------------------------------------------------------------

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"wrk: cannot read the duration {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def wrk_run(base: str, endpoint: Endpoint, *, duration: float, connections: int,
            threads: int) -> Result:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s", "--latency",
               "-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    if endpoint.paths:
        script = OUT / f"paths-{endpoint.key}.lua"
        script.write_text(
            "local paths = {" + ",".join(json.dumps(p) for p in endpoint.paths) + "}\n"
            "local i = 0\n"
            "request = function()\n"
            "  i = i % #paths + 1\n"
            "  return wrk.format(nil, paths[i])\n"
            "end\n")
        command += ["-s", str(script)]
    command.append(base + endpoint.path)
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        errors += int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                          output):
        # gunicorn's sync workers close every connection after the response; wrk counts a
        # close it did not expect as a read error, so only connect/write/timeout count here.
        errors += int(match.group(1)) + int(match.group(3)) + int(match.group(4))
    return Result(rps=rps, p50_ms=p50, p99_ms=p99, requests=requests, errors=errors)


def _python_worker(args: tuple[str, int, tuple[str, ...], float, int]) -> tuple[list[float], int]:
    host, port, paths, duration, threads = args
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + duration

    def loop(offset: int) -> None:
        nonlocal errors
        index = offset
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < stop:
            path = paths[index % len(paths)]
            index += 1
            start = time.perf_counter()
            try:
                connection = HTTPConnection(host, port, timeout=30)
                connection.request("GET", path, headers={"Accept-Encoding": ACCEPT_ENCODING})
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status >= 400:
                    bad += 1
            except OSError:
                bad += 1
                continue
            mine.append((time.perf_counter() - start) * 1e3)
        with lock:
            latencies.extend(mine)
            errors += bad

    workers = [threading.Thread(target=loop, args=(n * 7,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies, errors


def python_run(base: str, endpoint: Endpoint, *, duration: float, connections: int,
               threads: int) -> Result:
    """The fallback without wrk: `threads` processes sharing `connections` connections.
    It cannot send requests as fast as /healthz answers them, so the baseline reads low and
    the ratios high (0.20 for the checklist where wrk measured 0.10): prefer wrk."""
    parts = urlsplit(base)
    paths = endpoint.paths or (endpoint.path,)
    per_process = max(1, connections // threads)
    jobs = [(parts.hostname, parts.port, paths, duration, per_process) for _ in range(threads)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=threads) as pool:
        outcomes = list(pool.map(_python_worker, jobs))
    elapsed = time.perf_counter() - started
    latencies = sorted(x for lat, _ in outcomes for x in lat)
    errors = sum(e for _, e in outcomes)
    if not latencies:
        return Result(0.0, 0.0, 0.0, 0, errors)

    def percentile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

    return Result(rps=len(latencies) / min(elapsed, duration + 0.5), p50_ms=percentile(0.50),
                  p99_ms=percentile(0.99), requests=len(latencies), errors=errors)


# --- the pages ------------------------------------------------------------------------------

def static_css_path() -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/guide.css"]


def first_visit_paths(count: int = 1200) -> tuple[str, ...]:
    """Many different people's richest checklists: the same choices, other dates (each
    still with the most items), so nothing worked out for one request serves the next."""
    today = today_tokyo()
    paths = []
    for card_days in range(100, 131):
        for license_days in range(185, 231):
            birthday = today + timedelta(days=license_days - 31)
            query = {**RICHEST_CHOICES,
                     "card_expiry": (today + timedelta(days=card_days)).isoformat(),
                     "license_expiry": (today + timedelta(days=license_days)).isoformat(),
                     "birthday": f"{birthday.month:02d}-{birthday.day:02d}"}
            answers = answers_parse(query=query)
            if len(plan_build(answers=answers, today=today).items) == RICHEST_ITEM_COUNT:
                paths.append(f"/ja/checklist/?{urlencode(answers_query(answers))}")
            if len(paths) == count:
                return tuple(paths)
    return tuple(paths)


def endpoints() -> list[Endpoint]:
    today = today_tokyo()
    visits = first_visit_paths()
    return [
        Endpoint("healthz", "/healthz (baseline)", "/healthz"),
        Endpoint("question", "question page (ja, first question)", question_path("ja")),
        Endpoint("checklist", "richest checklist (ja)", checklist_path("ja", today), budget=True),
        Endpoint("css", "stylesheet (gzip)", static_css_path()),
        Endpoint("checklist_first", "richest checklist (ja), new answers each request",
                 visits[0], paths=visits),
    ]


def check_pages(base: str, items: list[Endpoint]) -> None:
    """Each page answers 200 with what it should, before any load."""
    for endpoint in items:
        request = urllib.request.Request(base + endpoint.path,
                                         headers={"Accept-Encoding": ACCEPT_ENCODING})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            if response.status != 200:
                raise SystemExit(f"{endpoint.path}: status {response.status}")
            if endpoint.key.startswith("checklist"):
                found = body.count(b'data-item="')
                if found != RICHEST_ITEM_COUNT:
                    raise SystemExit(f"{endpoint.path}: {found} items, expected {RICHEST_ITEM_COUNT}")
            if endpoint.key == "css" and response.headers.get("Content-Encoding") not in ("gzip", "br"):
                raise SystemExit(f"{endpoint.path}: not served compressed")


# --- the machine ----------------------------------------------------------------------------

def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, ValueError, IndexError):
        pass
    system = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    wrk = shutil.which("wrk")
    wrk_version = ""
    if wrk:
        text = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout
        wrk_version = text.split("[")[0].strip()
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": memory, "os": system,
            "python": platform.python_version(), "wrk": wrk_version or "not installed"}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- the run --------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="load-generator threads")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds per endpoint, not counted")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    args = parser.parse_args(argv)

    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    run = wrk_run if client == "wrk" else python_run
    items = endpoints()
    info = machine()
    info.update(client=client, workers=str(gunicorn_workers()),
                settings=os.environ.get("DJANGO_SETTINGS_MODULE", "mynalicense.settings.dev"),
                connections=str(args.connections), threads=str(args.threads),
                duration=f"{args.duration:g} s × {args.rounds} rounds",
                load_before=load_average())
    print(f"server benchmark: {client}, {args.connections} connections, {args.threads} threads, "
          f"{args.duration:g} s × {args.rounds} rounds per endpoint; load average {info['load_before']}",
          flush=True)

    results: dict[str, list[Result]] = {e.key: [] for e in items}
    with make_run(log_name="gunicorn-server.log") as base:
        check_pages(base, items)
        for endpoint in items:  # warm-up: template compilation, first imports
            run(base, endpoint, duration=args.warmup, connections=args.connections,
                threads=args.threads)
        for round_number in range(1, args.rounds + 1):
            for endpoint in items:
                result = run(base, endpoint, duration=args.duration,
                             connections=args.connections, threads=args.threads)
                results[endpoint.key].append(result)
                print(f"  round {round_number}: {endpoint.label:<52} {result.rps:9.1f} req/s",
                      flush=True)
    info["load_after"] = load_average()

    def median(key: str, field: str) -> float:
        return statistics.median(getattr(r, field) for r in results[key])

    baseline = median("healthz", "rps")
    rows = []
    for endpoint in items:
        rps = median(endpoint.key, "rps")
        rows.append({
            "key": endpoint.key, "label": endpoint.label, "path": endpoint.path.split("?")[0],
            "rps": rps, "p50_ms": median(endpoint.key, "p50_ms"),
            "p99_ms": median(endpoint.key, "p99_ms"), "ratio": rps / baseline,
            "errors": sum(r.errors for r in results[endpoint.key]),
            "rounds": [asdict(r) for r in results[endpoint.key]], "budget": endpoint.budget,
        })

    lines = [
        "| endpoint | req/s | p50 | p99 | × baseline |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(f"| {row['label']} | {row['rps']:,.0f} | {row['p50_ms']:.1f} ms | "
                     f"{row['p99_ms']:.1f} ms | {row['ratio']:.2f} |")
    table = "\n".join(lines)
    machine_line = (f"{info['cpu']}, {info['cores']} cores, {info['memory']}, {info['os']}; "
                    f"Python {info['python']}; gunicorn {info['workers']} sync workers "
                    f"({info['settings']}); {info['client']} ({info['wrk']}), "
                    f"{info['threads']} threads, {info['connections']} connections, "
                    f"{info['duration']}; load average before {info['load_before']}, "
                    f"after {info['load_after']}")
    checklist = next(row for row in rows if row["budget"])
    ok = checklist["ratio"] >= BUDGET_RATIO and not any(row["errors"] for row in rows)
    verdict = (f"richest checklist: {checklist['ratio']:.2f} × the baseline's throughput "
               f"(budget ≥ {BUDGET_RATIO}): {'PASS' if ok else 'FAIL'}")
    errors = [f"{row['label']}: {row['errors']} failed requests" for row in rows if row["errors"]]

    print()
    print(table)
    print()
    print(f"machine: {machine_line}")
    for line in errors:
        print(f"ERROR {line}")
    print(verdict)

    OUT.mkdir(exist_ok=True)
    (OUT / "server.json").write_text(json.dumps({"machine": info, "rows": rows,
                                                 "verdict": verdict}, indent=2))
    (OUT / "server.md").write_text(f"{table}\n\nmachine: {machine_line}\n\n{verdict}\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
