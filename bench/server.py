"""Server benchmark (issues 6 and 13): gunicorn started exactly as `make run` does, under the
bench-only settings (bench/settings.py: the dev settings plus an anchor route), loaded over
loopback with wrk (or, without wrk, a small Python client).

    .venv/bin/python -m bench.server [--duration 3] [--rounds 4] [--connections 16] [--only KEY,...]

Each measured page has its own anchor: bench/anchor.py returns a captured copy of that
page's bytes behind the same middleware stack, requested with the same query string and
cookies. A page's throughput as a ratio of its anchor's, in the same run, is what the page's
own work costs; /healthz (answered by a middleware before most of the stack) and the
stylesheet are kept for context. Each page runs right next to its anchor (before it in odd
rounds, after it in even ones) and the pairs take turns round after round, so that a burst
of other work on the machine falls on both of a pair: the ratio is the median of the rounds'
ratios, req/s and latencies the medians of the rounds.

Budgets (issue 13): the richest checklist at ≥ 0.3 × its anchor; the start page and every
kind of question page at ≥ 0.5 × theirs; p99 under 50 ms at 16 connections for every page.
One more row, outside the budgets: the richest checklist with different answers on every
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
import urllib.error
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import timedelta
from http.client import HTTPConnection
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from guide.answers import answers_parse, answers_query
from guide.dates import today_tokyo
from guide.plan import plan_build

from .pages import (
    QUESTION_KINDS,
    RICHEST_CHOICES,
    RICHEST_ITEM_COUNT,
    checklist_path,
    common_query,
    question_path,
    richest_query,
)
from .serve import OUT, ROOT, gunicorn_workers, make_run

SETTINGS = "bench.settings"
ANCHOR_DIR = OUT / "anchors"
P99_BUDGET_MS = 50.0
# What a browser sends: the stylesheet comes back gzip-compressed, as it would to a phone.
ACCEPT_ENCODING = "gzip, deflate, br"


@dataclass
class Endpoint:
    key: str
    label: str
    path: str
    paths: tuple[str, ...] = ()  # several paths, one after the other (the "first visit" row)
    headers: dict[str, str] | None = None  # e.g. the session cookie of a wizard page
    anchor: str | None = None  # the key of the anchor its ratio is taken against
    ratio_budget: float | None = None  # at least this × its anchor's throughput
    p99_budget: bool = False  # p99 under P99_BUDGET_MS
    is_anchor: bool = False
    context: bool = False  # a page with an anchor but outside the budgets


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx responses and socket errors
    cpu_ms: float = 0.0  # the server's CPU time per request (gunicorn's processes)


def server_cpu(base: str) -> float:
    """CPU seconds used so far by the processes serving `base` (gunicorn's master and
    workers, found by the --bind address on their command line). Per request, this is what
    other work on the machine distorts least: it does not count time spent waiting for a
    core, which req/s does."""
    bind = urlsplit(base).netloc.encode()
    ticks = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if bind not in (proc / "cmdline").read_bytes():
                continue
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


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
    for name, value in (endpoint.headers or {}).items():
        command += ["-H", f"{name}: {value}"]
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


def _python_worker(args: tuple[str, int, tuple[str, ...], dict, float, int]) -> tuple[list[float], int]:
    host, port, paths, extra, duration, threads = args
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
                connection.request("GET", path, headers={"Accept-Encoding": ACCEPT_ENCODING, **extra})
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
    jobs = [(parts.hostname, parts.port, paths, endpoint.headers or {}, duration, per_process)
            for _ in range(threads)]
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


def wizard_cookies(base: str, lang: str, query: str) -> str:
    """A `Cookie:` header with a wizard session holding these answers (the way a person's
    browser gets one: the checklist's "change" link, /<lang>/questions/load/?<query>) and the
    CSRF cookie the question pages set."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/{lang}/questions/load/?{query}", timeout=30) as response:
        response.read()
    with opener.open(f"{base}{question_path(lang, 'check')}", timeout=30) as response:
        response.read()
    names = {cookie.name for cookie in jar}
    if not {"mynalicense_session", "csrftoken"} <= names:
        raise SystemExit(f"the wizard set no session or CSRF cookie ({sorted(names)})")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def start_cookie(base: str, lang: str) -> str:
    """The `Cookie:` header a person's browser has on the first question: the start page's
    button opens /<lang>/questions/?reset=1, whose redirect sets the wizard's session (the
    CSRF cookie comes with the first question itself)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                         _NoRedirect())
    try:
        opener.open(f"{base}/{lang}/questions/?reset=1", timeout=30)
    except urllib.error.HTTPError as error:
        if error.code != 302:
            raise
    names = {cookie.name for cookie in jar}
    if names != {"mynalicense_session"}:
        raise SystemExit(f"the start of the wizard set {sorted(names)}, not its session only")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def endpoints(base: str) -> list[Endpoint]:
    """The measured pages, each followed by its anchor; /healthz and the stylesheet for
    context; the first-visit row last."""
    today = today_tokyo()
    rich = richest_query(today)
    cookie = {"Cookie": wizard_cookies(base, "ja", rich)}
    pages = [
        Endpoint("start", "start page (ja)", "/ja/", ratio_budget=0.5),
        Endpoint("q_choice", "question: choice (ja, first question, from the start page)",
                 question_path("ja", QUESTION_KINDS["choice"]),
                 headers={"Cookie": start_cookie(base, "ja")}, ratio_budget=0.5),
        *(Endpoint(f"q_{kind}", f"question: {kind.replace('_', ' ')} (ja, {step})",
                   question_path("ja", step), headers=cookie, ratio_budget=0.5)
          for kind, step in QUESTION_KINDS.items() if kind != "choice"),
        Endpoint("checklist_common", "common checklist (ja)",
                 f"/ja/checklist/?{common_query(today)}"),
        Endpoint("checklist", "richest checklist (ja)", checklist_path("ja", today),
                 ratio_budget=0.3),
        # Context, outside the budget: the first question opened with no cookie at all (a
        # bookmarked link), which creates the session and the CSRF secret on the spot.
        Endpoint("q_choice_cold", "question: choice (ja, first question, no cookie at all)",
                 question_path("ja", QUESTION_KINDS["choice"]), context=True),
    ]
    items = [Endpoint("healthz", "/healthz (context)", "/healthz")]
    for page in pages:
        page.anchor = page.key
        page.p99_budget = not page.context
        path, _, query = page.path.partition("?")
        items += [page, Endpoint(f"anchor_{page.key}", f"  its anchor ({page.key})",
                                 f"/ja/bench-anchor/{page.key}/" + (f"?{query}" if query else ""),
                                 headers=page.headers, is_anchor=True)]
    visits = first_visit_paths()
    items += [
        Endpoint("qr", "QR code image of the richest checklist (ja)",
                 f"/ja/checklist/qr.svg?{rich}"),
        Endpoint("css", "stylesheet (gzip, context)", static_css_path()),
        Endpoint("checklist_first", "richest checklist (ja), new answers each request",
                 visits[0], paths=visits, anchor="checklist"),
    ]
    return items


def run_order(items: list[Endpoint], round_number: int) -> list[list[Endpoint]]:
    """The endpoints of one round, each page with its anchor right after it (right before
    it in every other round, so that neither always runs on a machine warmed by the other).
    The first-visit row shares the richest checklist's anchor and runs after that pair."""
    anchors = {e.key: e for e in items if e.is_anchor}
    groups = []
    for endpoint in items:
        if endpoint.is_anchor:
            continue
        anchor = anchors.get(f"anchor_{endpoint.key}")
        if anchor is None:
            groups.append([endpoint])
        else:
            groups.append([endpoint, anchor] if round_number % 2 else [anchor, endpoint])
    return groups


def fetch(base: str, endpoint: Endpoint) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        base + endpoint.path, headers={"Accept-Encoding": ACCEPT_ENCODING, **(endpoint.headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def capture_and_check(base: str, items: list[Endpoint]) -> list[Endpoint]:
    """Each page answers 200 with what it should, before any load; its body becomes its
    anchor's. An endpoint this version of the site does not have (the QR image before it
    existed) is left out, with a note."""
    ANCHOR_DIR.mkdir(parents=True, exist_ok=True)
    kept = []
    for endpoint in items:
        if endpoint.is_anchor:
            continue
        status, headers, body = fetch(base, endpoint)
        if status == 404 and endpoint.key == "qr":
            print(f"note: {endpoint.path.split('?')[0]} answers 404 here: row left out", flush=True)
            continue
        if status != 200:
            raise SystemExit(f"{endpoint.path}: status {status}")
        if endpoint.key.startswith("checklist"):
            found = body.count(b'data-item="')
            expected = RICHEST_ITEM_COUNT if endpoint.key != "checklist_common" else None
            if expected is not None and found != expected:
                raise SystemExit(f"{endpoint.path}: {found} items, expected {expected}")
        if endpoint.key.startswith("q_") and b'<form method="post" id="wizard-form"' not in body:
            raise SystemExit(f"{endpoint.path}: not the question page")
        if endpoint.key == "css" and headers.get("Content-Encoding") not in ("gzip", "br"):
            raise SystemExit(f"{endpoint.path}: not served compressed")
        if endpoint.anchor == endpoint.key:
            (ANCHOR_DIR / f"{endpoint.key}.html").write_bytes(body)
        kept.append(endpoint)
    keys = {e.key for e in kept}
    kept = [e for e in items if e in kept or (e.is_anchor and e.key.removeprefix("anchor_") in keys)]
    for endpoint in kept:
        if endpoint.is_anchor:
            status, _, body = fetch(base, endpoint)
            page = ANCHOR_DIR / f"{endpoint.key.removeprefix('anchor_')}.html"
            if status != 200 or body != page.read_bytes():
                raise SystemExit(f"{endpoint.path}: the anchor does not return the page's bytes")
    return kept


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
    parser.add_argument("--duration", type=float, default=2.0, help="seconds per endpoint per round")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="load-generator threads")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds per endpoint, not counted")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--only", default="", help="comma-separated endpoint keys (with their "
                        "anchors), e.g. q_check,checklist: for a quick look, not for the record")
    args = parser.parse_args(argv)

    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    run = wrk_run if client == "wrk" else python_run
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS  # for `make run`, which passes it on
    info = machine()
    info.update(client=client, workers=str(gunicorn_workers()), settings=SETTINGS,
                connections=str(args.connections), threads=str(args.threads),
                duration=f"{args.duration:g} s × {args.rounds} rounds",
                load_before=load_average())
    print(f"server benchmark: {client}, {args.connections} connections, {args.threads} threads, "
          f"{args.duration:g} s × {args.rounds} rounds per endpoint; load average {info['load_before']}",
          flush=True)

    with make_run(log_name="gunicorn-server.log") as base:
        items = capture_and_check(base, endpoints(base))
        if args.only:
            keep = set(args.only.split(","))
            items = [e for e in items if e.key in keep or e.key.removeprefix("anchor_") in keep]
        results: dict[str, list[Result]] = {e.key: [] for e in items}
        for endpoint in items:  # warm-up: template compilation, first imports
            run(base, endpoint, duration=args.warmup, connections=args.connections,
                threads=args.threads)
        for round_number in range(1, args.rounds + 1):
            for group in run_order(items, round_number):
                for endpoint in group:
                    before = server_cpu(base)
                    result = run(base, endpoint, duration=args.duration,
                                 connections=args.connections, threads=args.threads)
                    result.cpu_ms = (server_cpu(base) - before) * 1e3 / max(1, result.requests)
                    results[endpoint.key].append(result)
                    print(f"  round {round_number}: {endpoint.label:<56} {result.rps:9.1f} req/s",
                          flush=True)
    info["load_after"] = load_average()

    def median(key: str, field: str) -> float:
        return statistics.median(getattr(r, field) for r in results[key])

    rows = []
    for endpoint in items:
        rps = median(endpoint.key, "rps")
        anchor_rps = median(f"anchor_{endpoint.anchor}", "rps") if endpoint.anchor else None
        # The median of each round's ratio: a page and its anchor run back to back, so a
        # burst of other work on the machine falls on both of a round's pair.
        ratio = statistics.median(
            page.rps / anchor.rps for page, anchor in zip(
                results[endpoint.key], results[f"anchor_{endpoint.anchor}"], strict=True)
        ) if endpoint.anchor else None
        # The same ratio in server CPU per request (anchor's / page's): steadier on a busy
        # machine, and a little stricter, since req/s also counts wrk's share of the cores.
        cpu_ratio = statistics.median(
            anchor.cpu_ms / page.cpu_ms for page, anchor in zip(
                results[endpoint.key], results[f"anchor_{endpoint.anchor}"], strict=True)
            if page.cpu_ms > 0
        ) if endpoint.anchor else None
        p99 = median(endpoint.key, "p99_ms")
        failures = []
        if endpoint.ratio_budget is not None and ratio < endpoint.ratio_budget:
            failures.append(f"{ratio:.2f} × its anchor (budget ≥ {endpoint.ratio_budget})")
        if endpoint.p99_budget and p99 >= P99_BUDGET_MS:
            failures.append(f"p99 {p99:.1f} ms (budget < {P99_BUDGET_MS:g} ms)")
        errors = sum(r.errors for r in results[endpoint.key])
        if errors:
            failures.append(f"{errors} failed requests")
        rows.append({
            "key": endpoint.key, "label": endpoint.label, "path": endpoint.path.split("?")[0],
            "rps": rps, "p50_ms": median(endpoint.key, "p50_ms"), "p99_ms": p99,
            "anchor_rps": anchor_rps, "ratio": ratio, "ratio_budget": endpoint.ratio_budget,
            "cpu_ms": median(endpoint.key, "cpu_ms"), "cpu_ratio": cpu_ratio,
            "p99_budget": endpoint.p99_budget, "errors": errors, "failures": failures,
            "rounds": [asdict(r) for r in results[endpoint.key]],
        })

    def budget(row: dict) -> str:
        parts = []
        if row["ratio_budget"] is not None:
            met = row["ratio"] >= row["ratio_budget"]
            parts.append(f"≥ {row['ratio_budget']} ×: {'pass' if met else '**FAIL**'}")
        if row["p99_budget"]:
            met = row["p99_ms"] < P99_BUDGET_MS
            parts.append(f"p99 < {P99_BUDGET_MS:g} ms: {'pass' if met else '**FAIL**'}")
        if row["errors"]:
            parts.append(f"{row['errors']} failed requests: **FAIL**")
        return "; ".join(parts)

    lines = [
        "| endpoint | req/s | p50 | p99 | × its anchor | server CPU per request | × in CPU | budget |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ratio = f"**{row['ratio']:.2f}**" if row["ratio"] is not None else ""
        cpu_ratio = f"{row['cpu_ratio']:.2f}" if row["cpu_ratio"] is not None else ""
        lines.append(f"| {row['label'].strip()} | {row['rps']:,.0f} | {row['p50_ms']:.1f} ms | "
                     f"{row['p99_ms']:.1f} ms | {ratio} | {row['cpu_ms']:.2f} ms | {cpu_ratio} | "
                     f"{budget(row)} |")
    table = "\n".join(lines)
    machine_line = (f"{info['cpu']}, {info['cores']} cores, {info['memory']}, {info['os']}; "
                    f"Python {info['python']}; gunicorn {info['workers']} sync workers "
                    f"({info['settings']}); {info['client']} ({info['wrk']}), "
                    f"{info['threads']} threads, {info['connections']} connections, "
                    f"{info['duration']}; load average before {info['load_before']}, "
                    f"after {info['load_after']}")
    failed = [f"{row['label'].strip()}: {'; '.join(row['failures'])}" for row in rows if row["failures"]]
    ok = not failed
    verdict = ("server budgets (richest checklist ≥ 0.3 × its anchor, start and question pages "
               f"≥ 0.5 ×, p99 < {P99_BUDGET_MS:g} ms): {'PASS' if ok else 'FAIL'}")

    print()
    print(table)
    print()
    print(f"machine: {machine_line}")
    for line in failed:
        print(f"FAIL {line}")
    print(verdict)

    OUT.mkdir(exist_ok=True)
    (OUT / "server.json").write_text(json.dumps({"machine": info, "rows": rows,
                                                 "verdict": verdict}, indent=2))
    (OUT / "server.md").write_text(f"{table}\n\nmachine: {machine_line}\n\n{verdict}\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
