"""The container image, the Kubernetes example and the nginx front, checked without Docker or a
cluster: the Dockerfile against the repository (Python version, gunicorn config, build steps,
user, port, health check), a build simulated by running the Dockerfile's own build commands on
the files its .dockerignore lets in, and starting that as the image's CMD would, and
deploy/k8s/*.yaml parsed and checked against the Dockerfile (port, probe path, user, Secret),
and deploy/nginx.conf and the Ingress checked against the app's limits, timeouts and headers
(tests/test_slow_clients.py runs nginx.conf for real)."""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings

from tests.support.server import LISTENING, gunicorn_command, process_stop

pytestmark = pytest.mark.system  # real servers: left out of make test-fast

BASE_DIR = Path(django_settings.BASE_DIR)
K8S = BASE_DIR / "deploy" / "k8s"


# --- reading the Dockerfile ------------------------------------------------------------------


def dockerfile_stages() -> list[list[tuple[str, str]]]:
    """The Dockerfile's instructions, stage by stage, as (INSTRUCTION, arguments) with
    continuation lines joined and comments dropped. Instructions before the first FROM
    (global ARGs) form stage 0."""
    lines: list[str] = []
    pending = ""
    for raw in (BASE_DIR / "Dockerfile").read_text().splitlines():
        stripped = raw.strip()
        if stripped.startswith("#") or not stripped:
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        lines.append(pending + stripped)
        pending = ""
    stages: list[list[tuple[str, str]]] = [[]]
    for line in lines:
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            stages.append([])
        stages[-1].append((instruction.upper(), " ".join(arguments.split())))
    return stages


def instructions(stage: list[tuple[str, str]], name: str) -> list[str]:
    return [arguments for instruction, arguments in stage if instruction == name]


def exec_form(arguments: str) -> list[str]:
    """CMD/HEALTHCHECK CMD in exec form: a JSON array."""
    return json.loads(arguments[arguments.index("["):])


def env_of(stage) -> dict[str, str]:
    env: dict[str, str] = {}
    for arguments in instructions(stage, "ENV"):
        for pair in shlex.split(arguments):
            name, _, value = pair.partition("=")
            env[name] = value
    return env


@pytest.fixture(scope="module")
def stages():
    return dockerfile_stages()


@pytest.fixture(scope="module")
def final(stages):
    return stages[-1]


def test_the_image_uses_the_python_of_python_version(stages):
    version = (BASE_DIR / ".python-version").read_text().strip()
    arg = instructions(stages[0], "ARG")
    assert arg == [f"PYTHON_VERSION={version}"]
    froms = [stage[0][1] for stage in stages[1:]]
    assert len(froms) == 2
    for image in froms:
        assert image.split()[0] == "python:${PYTHON_VERSION}-slim", image


def test_the_build_installs_the_pinned_requirements_compiles_messages_and_collects_static(stages):
    build = stages[1]
    runs = " && ".join(instructions(build, "RUN"))
    assert "pip install -r requirements.txt" in runs
    assert "gettext" in runs
    assert re.search(r"manage\.py compilemessages", runs)
    assert re.search(r"manage\.py collectstatic --noinput", runs)
    assert "requirements.txt ./" in instructions(build, "COPY")


def test_the_image_runs_gunicorn_with_the_config_make_run_and_the_tests_use(final):
    cmd = exec_form(instructions(final, "CMD")[0])
    # The scale-out and load tests start exactly this, on loopback.
    assert cmd == gunicorn_command(cmd[cmd.index("--bind") + 1])
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "gunicorn --config deploy/gunicorn.conf.py" in makefile
    assert env_of(final)["DJANGO_SETTINGS_MODULE"] == "mynalicense.settings.prod"


def image_port(final) -> int:
    cmd = exec_form(instructions(final, "CMD")[0])
    bind = cmd[cmd.index("--bind") + 1]
    host, port = bind.rsplit(":", 1)
    assert host == "0.0.0.0"
    assert instructions(final, "EXPOSE") == [port]
    return int(port)


def image_user(final) -> tuple[int, int]:
    users = instructions(final, "USER")
    assert len(users) == 1
    uid, gid = (int(part) for part in users[0].split(":"))  # numeric: runAsNonRoot can check
    return uid, gid


def test_the_image_runs_as_a_non_root_user(final):
    uid, gid = image_user(final)
    assert uid != 0 and gid != 0
    order = [instruction for instruction, _ in final]
    assert order.index("USER") > max(i for i, name in enumerate(order) if name in ("RUN", "COPY"))
    runs = " ".join(instructions(final, "RUN"))
    assert f"--uid {uid}" in runs and f"--gid {gid}" in runs


def test_the_health_check_asks_healthz_on_the_served_port(final):
    port = image_port(final)
    check = instructions(final, "HEALTHCHECK")
    assert len(check) == 1
    command = exec_form(check[0])
    assert command[0] == "python"
    assert f"http://127.0.0.1:{port}/healthz" in command[-1]


# --- .dockerignore and a simulated build -------------------------------------------------------


def ignore_patterns() -> list[re.Pattern]:
    patterns = []
    for line in (BASE_DIR / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assert not line.startswith("!"), "exceptions are not handled here"
        regex = re.escape(line.strip("/")).replace(r"\*\*/", "(?:.*/)?").replace(
            r"\*", "[^/]*").replace(r"\?", "[^/]")
        patterns.append(re.compile(regex))
    return patterns


def build_context() -> list[Path]:
    """The files `docker build` would send: every file not matched (itself or through a
    parent folder) by .dockerignore. Files git ignores but the work tree has are left out
    too, so that the check sees what a fresh clone sends."""
    patterns = ignore_patterns()
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                             cwd=BASE_DIR, capture_output=True, text=True, check=True)
    files = []
    for name in tracked.stdout.splitlines():
        parts = name.split("/")
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        if not any(p.fullmatch(prefix) for p in patterns for prefix in prefixes):
            if (BASE_DIR / name).is_file():
                files.append(Path(name))
    return files


def test_the_build_context_holds_what_the_image_needs_and_nothing_else():
    files = {str(path) for path in build_context()}
    for needed in ("manage.py", "requirements.txt", "deploy/gunicorn.conf.py",
                   "deploy/offices.sample.toml", "mynalicense/wsgi.py",
                   "mynalicense/settings/prod.py", "wizard/views.py", "templates/base.html",
                   "static/css/guide.css", "locale/ja/LC_MESSAGES/django.po"):
        assert needed in files, needed
    for left_out in ("tests/", ".venv/", "node_modules/", "staticfiles/", ".git/", "docs/"):
        assert not any(name.startswith(left_out) for name in files), left_out
    assert not any(name.endswith((".mo", ".pyc")) for name in files)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_a_simulated_build_starts_and_passes_its_health_check(stages, final, tmp_path):
    """The Dockerfile's build commands (those after `COPY . .`) run on the build context in
    a scratch folder, with this virtualenv's Python for the image's; then the image's CMD
    (on a free loopback port) with the image's environment, and its HEALTHCHECK."""
    app = tmp_path / "app"
    for path in build_context():
        (app / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(BASE_DIR / path, app / path)
    build = stages[1]
    copied = build.index(("COPY", ". ."))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    for instruction, arguments in build[copied + 1:]:
        assert instruction == "RUN", instruction
        done = subprocess.run(["bash", "-c", arguments], cwd=app, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    assert (app / "locale" / "ja" / "LC_MESSAGES" / "django.mo").is_file()
    assert (app / "staticfiles" / "staticfiles.json").is_file()

    cmd = exec_form(instructions(final, "CMD")[0])
    port = image_port(final)
    cmd[cmd.index("--bind") + 1] = "127.0.0.1:0"
    run_env = {**env, **{k: v for k, v in env_of(final).items() if k != "PATH"},
               "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
               "DJANGO_ALLOWED_HOSTS": "guide.example.jp", "WEB_CONCURRENCY": "1"}
    log_path = tmp_path / "run.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(cmd, cwd=app, env=run_env, stdout=log,
                                  stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not (found := LISTENING.search(log_path.read_bytes())):
            assert server.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.05)
        actual = found.group(1).decode()
        check = exec_form(instructions(final, "HEALTHCHECK")[0])
        check = [part.replace(f":{port}/", f":{actual}/") for part in check]
        while True:
            probe = subprocess.run([sys.executable, *check[1:]], env=run_env,
                                   capture_output=True, timeout=30)
            if probe.returncode == 0:
                break
            assert server.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.1)
        # The built image serves its pages and static files from what the build made.
        request = urllib.request.Request(f"http://127.0.0.1:{actual}/ja/", headers={
            "Host": "guide.example.jp", "X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=10) as response:
            html = response.read().decode()
        assert "マイナ" in html
        css = re.search(r'href="(/static/css/guide\.[0-9a-f]+\.css)"', html).group(1)
        request = urllib.request.Request(f"http://127.0.0.1:{actual}{css}", headers={
            "Host": "guide.example.jp", "X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    finally:
        process_stop(server)


def test_gunicorn_accepts_the_config_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="mynalicense.settings.prod",
               DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="x.example")
    done = subprocess.run([sys.executable, "-m", "gunicorn", "--config",
                           "deploy/gunicorn.conf.py", "--check-config", "mynalicense.wsgi"],
                          cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


# --- the Kubernetes example ---------------------------------------------------------------


@pytest.fixture(scope="module")
def manifests() -> dict[str, dict]:
    """kind → the one object of that kind in deploy/k8s/*.yaml."""
    found: dict[str, dict] = {}
    for path in sorted(K8S.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if document is None:
                continue
            assert document["kind"] not in found, document["kind"]
            found[document["kind"]] = document
    return found


def test_the_example_has_a_deployment_service_autoscaler_and_kustomization(manifests):
    assert {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
            "Kustomization"} <= set(manifests)
    listed = set(manifests["Kustomization"]["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}


def container(manifests) -> dict:
    containers = manifests["Deployment"]["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def test_several_replicas_never_fewer(manifests):
    deployment = manifests["Deployment"]
    hpa = manifests["HorizontalPodAutoscaler"]["spec"]
    assert deployment["spec"]["replicas"] >= 2
    assert hpa["minReplicas"] >= 2 and hpa["maxReplicas"] > hpa["minReplicas"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                     "name": deployment["metadata"]["name"]}
    assert container(manifests)["resources"]["requests"]["cpu"]  # the HPA scales on CPU


def test_the_secret_key_comes_from_the_secret_the_readme_creates(manifests):
    env = {e["name"]: e for e in container(manifests)["env"]}
    reference = env["DJANGO_SECRET_KEY"]["valueFrom"]["secretKeyRef"]
    assert "value" not in env["DJANGO_SECRET_KEY"]
    command = f"kubectl create secret generic {reference['name']}"
    assert f"--from-literal={reference['key']}=" in (BASE_DIR / "README.md").read_text()
    assert command in (BASE_DIR / "README.md").read_text()
    assert command in (K8S / "deployment.yaml").read_text()
    assert env["DJANGO_ALLOWED_HOSTS"]["value"]
    assert env["WEB_CONCURRENCY"]["value"].isdigit()


def test_port_probes_and_user_match_the_image(manifests, final):
    port = image_port(final)
    guide = container(manifests)
    ports = {p["name"]: p["containerPort"] for p in guide["ports"]}
    assert ports["http"] == port and set(ports) <= {"http", "metrics"}
    for probe in ("readinessProbe", "livenessProbe"):
        get = guide[probe]["httpGet"]
        assert get["path"] == "/healthz"
        assert ports.get(get["port"], get["port"]) == port
    service = manifests["Service"]["spec"]
    assert [ports.get(p["targetPort"], p["targetPort"]) for p in service["ports"]] == [port]
    labels = manifests["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert service["selector"].items() <= labels.items()
    assert "sessionAffinity" not in service  # any replica serves any request
    pod = manifests["Deployment"]["spec"]["template"]["spec"]
    uid, gid = image_user(final)
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert (pod["securityContext"]["runAsUser"], pod["securityContext"]["runAsGroup"]) == (
        uid, gid)
    assert guide["securityContext"]["readOnlyRootFilesystem"] is True
    assert guide["securityContext"]["allowPrivilegeEscalation"] is False


def test_the_metrics_port_is_scraped_but_never_public(manifests):
    """The counts (deploy/gunicorn.conf.py's metrics listener) on their own port: announced
    to Prometheus by the pod's scrape annotations, in no Service or Ingress, and reachable
    only from the monitoring namespace."""
    guide = container(manifests)
    ports = {p["name"]: p["containerPort"] for p in guide["ports"]}
    env = {e["name"]: e.get("value") for e in guide["env"]}
    host, _, bind_port = env["MYNALICENSE_METRICS_BIND"].rpartition(":")
    assert int(bind_port) == ports["metrics"] != ports["http"]
    notes = manifests["Deployment"]["spec"]["template"]["metadata"]["annotations"]
    assert notes["prometheus.io/scrape"] == "true"
    assert int(notes["prometheus.io/port"]) == ports["metrics"]
    assert notes["prometheus.io/path"] == "/metrics"
    service = manifests["Service"]["spec"]["ports"]
    assert all(p["targetPort"] not in ("metrics", ports["metrics"]) for p in service)
    assert all(p.get("port") != ports["metrics"] for p in service)
    policy = manifests["NetworkPolicy"]["spec"]
    assert policy["podSelector"]["matchLabels"].items() <= (
        manifests["Deployment"]["spec"]["template"]["metadata"]["labels"].items())
    rules = policy["ingress"]
    metrics_rules = [r for r in rules if any(p["port"] == "metrics" for p in r["ports"])]
    assert len(metrics_rules) == 1 and metrics_rules[0]["from"]  # never from anywhere
    assert all(p["port"] != "metrics" for r in rules if "from" not in r for p in r["ports"])


def test_liveness_is_more_lenient_than_readiness(manifests):
    """Both probes go through the same sync workers as the pages. A busy pod should leave the
    Service soon (readiness) but be restarted only when it has really stopped (liveness):
    otherwise a burst of load, or slow clients past the proxy, restarts every pod at once."""
    guide = container(manifests)
    ready, live = guide["readinessProbe"], guide["livenessProbe"]

    def given_up_after(probe) -> int:
        return probe.get("periodSeconds", 10) * probe.get("failureThreshold", 3)

    assert live.get("timeoutSeconds", 1) > ready.get("timeoutSeconds", 1)
    assert given_up_after(live) >= 4 * given_up_after(ready)
    assert given_up_after(live) >= 60


# --- deploy/nginx.conf and the Ingress: the proxy the app must sit behind --------------------

NGINX_CONF = BASE_DIR / "deploy" / "nginx.conf"


def nginx_parse(text: str) -> list:
    """nginx's configuration as a tree: [(name, [arguments], children or None)]."""
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|[{};]|[^\s{};]+',
                        re.sub(r"(?m)#.*$", "", text))
    position = 0

    def block() -> list:
        nonlocal position
        items, words = [], []
        while position < len(tokens):
            token = tokens[position]
            position += 1
            if token == ";":
                items.append((words[0], words[1:], None))
                words = []
            elif token == "{":
                items.append((words[0], words[1:], block()))
                words = []
            elif token == "}":
                return items
            else:
                words.append(token[1:-1] if token[0] in "\"'" else token)
        return items

    return block()


def directives(items, name: str) -> list:
    return [(args, children) for item, args, children in items if item == name]


def one(items, name: str) -> list[str]:
    found = directives(items, name)
    assert len(found) == 1, (name, found)
    return found[0][0]


def size(text: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([km]?)", text.lower()).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit]


def seconds(text: str) -> int:
    return int(re.fullmatch(r"(\d+)s?", text).group(1))


@pytest.fixture(scope="module")
def nginx() -> list:
    return nginx_parse(NGINX_CONF.read_text())


@pytest.fixture(scope="module")
def tls_server(nginx) -> list:
    (server,) = [children for args, children in directives(nginx, "server")
                 if any("ssl" in listen for listen, _ in directives(children, "listen"))]
    return server


@pytest.fixture(scope="module")
def gunicorn_conf() -> dict:
    import runpy
    return runpy.run_path(str(BASE_DIR / "deploy" / "gunicorn.conf.py"))


def test_nginx_limits_and_timeouts_match_the_app_s(tls_server, gunicorn_conf):
    body = size(one(tls_server, "client_max_body_size")[0])
    assert body == django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    # A body never goes to a temporary file, nor a response.
    assert size(one(tls_server, "client_body_buffer_size")[0]) >= body
    assert one(tls_server, "proxy_max_temp_file_size") == ["0"]
    assert one(tls_server, "proxy_request_buffering") == ["on"]
    assert one(tls_server, "proxy_buffering") == ["on"]
    count, buffer = one(tls_server, "proxy_buffers")
    assert int(count) * size(buffer) >= 64 * 1024  # the largest page, with room
    # What gunicorn would take, nginx takes too, and passes on for gunicorn to refuse.
    _, header_buffer = one(tls_server, "large_client_header_buffers")
    assert size(header_buffer) >= gunicorn_conf["limit_request_field_size"]
    assert size(header_buffer) >= gunicorn_conf["limit_request_line"]
    # Slow clients are cut off well before a worker would time out; the app gets as long as
    # gunicorn gives it.
    for name in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        assert seconds(one(tls_server, name)[0]) <= 10, name
    assert seconds(one(tls_server, "proxy_read_timeout")[0]) == gunicorn_conf["timeout"]
    assert one(tls_server, "underscores_in_headers") == ["off"]
    assert one(tls_server, "gzip") == ["off"]
    assert one(tls_server, "server_tokens") == ["off"]


def test_nginx_logs_no_query_referer_or_client_address(nginx):
    (log_format,) = [args for args, _ in directives(nginx, "log_format")]
    assert log_format[0] == "mynalicense"
    fields = " ".join(log_format[1:])
    for variable in ("$remote_addr", "$binary_remote_addr", "$http_x_forwarded_for",
                     "$http_referer", "$request ", "$request_uri", "$args", "$query_string",
                     "$http_user_agent", "$http_cookie"):
        assert variable not in fields + " ", variable
    assert "$mynalicense_path" in fields
    servers = [children for _, children in directives(nginx, "server")]
    assert len(servers) == 2
    for server in servers:
        assert one(server, "access_log")[1] == "mynalicense"
        # nginx's error-log lines about requests carry the address and the query.
        assert one(server, "error_log")[1] == "alert"
    (path_map,) = [children for args, children in directives(nginx, "map")
                   if args == ["$request_uri", "$mynalicense_path"]]
    ((pattern, [value], _),) = path_map
    assert value == "$mynalicense_p"
    assert pattern.startswith("~")  # nginx's (?<name>…) is Python's (?P<name>…)
    regex = re.compile(pattern[1:].replace("(?<", "(?P<"))
    for uri, path in (("/ja/checklist/?holding=both", "/ja/checklist/"), ("/ja/", "/ja/"),
                      ("/en/?", "/en/"), ("", "")):
        assert regex.match(uri).group("mynalicense_p") == path


def security_headers(production) -> dict[str, str]:
    """The headers the app sends on a page in production, by lower-case name."""
    headers = {name.lower(): value for name, value in production["question"]["headers"].items()}
    return {name: headers[name] for name in (
        "content-security-policy", "x-frame-options", "x-content-type-options",
        "permissions-policy", "cross-origin-opener-policy", "strict-transport-security")}


def test_nginx_adds_the_app_s_headers_always_and_only_where_the_app_sent_none(nginx, tls_server,
                                                                          production):
    maps = {}
    for args, children in directives(nginx, "map"):
        source, variable = args
        if source.startswith("$upstream_http_"):
            entries = {item: values for item, values, _ in children}
            assert entries["default"] == [""], variable  # the app's own header wins
            maps[variable] = (source.removeprefix("$upstream_http_").replace("_", "-"),
                              entries[""][0])
    added = {}
    for args, _ in directives(tls_server, "add_header"):
        name, variable, *flags = args
        assert flags == ["always"], name  # on 4xx and 5xx too
        header, value = maps[variable]
        assert header == name.lower(), (name, header)
        added[header] = value
    app = security_headers(production)
    assert {k: v for k, v in added.items() if k != "referrer-policy"} == app
    assert added["referrer-policy"] == "no-referrer"  # error pages post no form


def test_the_ingress_does_what_nginx_conf_does(manifests, tls_server, gunicorn_conf, production):
    ingress = manifests["Ingress"]
    notes = ingress["metadata"]["annotations"]

    def annotation(name: str) -> str:
        return notes[f"nginx.ingress.kubernetes.io/{name}"]

    assert size(annotation("proxy-body-size")) == size(one(tls_server, "client_max_body_size")[0])
    assert size(annotation("client-body-buffer-size")) >= size(annotation("proxy-body-size"))
    assert annotation("proxy-request-buffering") == "on"
    assert annotation("proxy-buffering") == "on"  # off by default in ingress-nginx
    assert annotation("proxy-max-temp-file-size") == "0"
    assert int(annotation("proxy-buffers-number")) * size(annotation("proxy-buffer-size")) >= (
        64 * 1024)
    assert int(annotation("proxy-read-timeout")) == gunicorn_conf["timeout"]
    assert annotation("proxy-next-upstream") == one(tls_server, "proxy_next_upstream")[0]
    assert annotation("ssl-redirect") == "true"
    assert annotation("enable-access-log") == "false"
    # The app's security headers, from the ConfigMap beside it, with the app's values.
    namespace, name = annotation("custom-headers").split("/")
    config = manifests["ConfigMap"]
    assert config["metadata"]["name"] == name
    assert {k.lower(): v for k, v in config["data"].items()} == security_headers(production)
    # The controller-wide settings the comment asks for (slow clients).
    text = (K8S / "ingress.yaml").read_text()
    for key in ("client-header-timeout: \"10\"", "client-body-timeout: \"10\"",
                "large-client-header-buffers: \"4 8k\"", "global-allowed-response-headers"):
        assert key in text, key
    allowed = re.search(r'global-allowed-response-headers: "([^"]+)"', text).group(1).split(",")
    assert set(allowed) == set(config["data"])
    # TLS for the host the app answers to, to the Service's port.
    spec = ingress["spec"]
    env = {e["name"]: e.get("value") for e in container(manifests)["env"]}
    hosts = env["DJANGO_ALLOWED_HOSTS"].split(",")
    assert [rule["host"] for rule in spec["rules"]] == hosts
    assert spec["tls"][0]["hosts"] == hosts and spec["tls"][0]["secretName"]
    (path,) = spec["rules"][0]["http"]["paths"]
    service = manifests["Service"]
    assert path["path"] == "/" and path["pathType"] == "Prefix"
    assert path["backend"]["service"]["name"] == service["metadata"]["name"]
    ports = {port["name"] for port in service["spec"]["ports"]}
    assert path["backend"]["service"]["port"]["name"] in ports
