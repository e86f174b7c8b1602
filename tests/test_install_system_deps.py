"""scripts/install-system-deps, the first thing `make test` and .ci/run do (issue 12, finding
6: on a fresh machine the README's `make test` stopped, since only .ci/run installed Chromium,
the fonts, Java and npm).

The script runs here against a scratch PATH holding only stub commands: `dpkg-query` that
knows the packages the test says are installed, `apt-get` that records what it was asked to
do, `id` that says who runs it, and stubs for the commands a test calls present. So "a fresh
machine" is a PATH with none of the tools and a dpkg that knows none of the packages; the
real machine's packages are never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings

BASE_DIR = Path(django_settings.BASE_DIR)
SCRIPT = BASE_DIR / "scripts" / "install-system-deps"
EVERY_PACKAGE = ["gettext", "chromium", "fonts-noto-cjk", "default-jre-headless", "npm",
                 "nginx", "openssl", "make", "poppler-utils"]
BASH = shutil.which("bash")


def machine(tmp_path: Path, *, commands=(), packages=(), uid: int = 1000,
            apt: bool = True, apt_fails: bool = False) -> dict[str, str]:
    """A PATH of stubs: `commands` present, `packages` known to dpkg as installed."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"

    def stub(name: str, body: str) -> None:
        path = bin_dir / name
        path.write_text(f"#!{BASH}\n{body}\n")
        path.chmod(0o755)

    for command in commands:
        stub(command, "exit 0")
    stub("id", f'[ "$1" = "-u" ] && echo {uid}')
    known = " ".join(packages)
    stub("dpkg-query", f'for p in {known}; do [ "$p" = "${{@: -1}}" ] && '
                       'printf "install ok installed" && exit 0; done\n'
                       'printf "unknown ok not-installed"; exit 1')
    if apt:
        stub("apt-get", f'echo "DEBIAN_FRONTEND=${{DEBIAN_FRONTEND:-}} $*" >> {log}\n'
                        f'exit {100 if apt_fails else 0}')
    return {"PATH": str(bin_dir), "LOG": str(log)}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([BASH, str(SCRIPT), *args], env={"PATH": env["PATH"]},
                          capture_output=True, text=True, timeout=30)


def apt_calls(env) -> list[str]:
    log = Path(env["LOG"])
    return log.read_text().splitlines() if log.exists() else []


def test_a_fresh_machine_as_root_gets_every_package_after_an_update(tmp_path):
    env = machine(tmp_path, uid=0)
    done = run(env)
    assert done.returncode == 0, done.stderr
    assert apt_calls(env) == [
        "DEBIAN_FRONTEND= update -qq",
        "DEBIAN_FRONTEND=noninteractive install -y -qq --no-install-recommends "
        + " ".join(EVERY_PACKAGE),
    ]


def test_a_fresh_machine_as_another_user_gets_the_one_command_to_run_and_a_failure(tmp_path):
    env = machine(tmp_path, uid=1000)
    done = run(env)
    assert done.returncode == 1
    assert apt_calls(env) == []
    assert ("sudo apt-get update && sudo apt-get install -y -qq --no-install-recommends "
            + " ".join(EVERY_PACKAGE)) in done.stderr


def test_only_what_is_missing_is_installed(tmp_path):
    """Present by command (java from another JRE, npm from NodeSource) or by dpkg (the
    fonts, which have no command)."""
    env = machine(tmp_path, uid=0, commands=["msgfmt", "java", "npm", "make", "pdftotext"],
                  packages=["fonts-noto-cjk", "nginx"])
    done = run(env)
    assert done.returncode == 0, done.stderr
    assert apt_calls(env)[-1].endswith("--no-install-recommends chromium openssl")


def test_nothing_missing_means_nothing_run_and_nothing_said(tmp_path):
    env = machine(tmp_path, uid=1000, commands=["msgfmt", "chromium", "java", "npm", "nginx",
                                                "openssl", "make", "pdftotext"],
                  packages=["fonts-noto-cjk"])
    done = run(env)
    assert (done.returncode, done.stdout, done.stderr, apt_calls(env)) == (0, "", "", [])


@pytest.mark.parametrize("uid", [0, 1000])
def test_a_dry_run_says_what_it_would_do_and_does_nothing(tmp_path, uid):
    env = machine(tmp_path, uid=uid, commands=["msgfmt", "chromium", "java", "npm", "nginx",
                                               "openssl", "make"],
                  packages=["fonts-noto-cjk"])
    done = run(env, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert apt_calls(env) == []
    assert "missing: poppler-utils" in done.stderr
    if uid == 0:
        assert "would run: DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " \
               "--no-install-recommends poppler-utils" in done.stdout
    else:
        assert "sudo apt-get install -y -qq --no-install-recommends poppler-utils" in done.stderr


def test_a_failing_apt_get_fails_the_script(tmp_path):
    env = machine(tmp_path, uid=0, apt_fails=True)
    assert run(env).returncode != 0


def test_without_apt_get_it_names_the_packages_and_fails(tmp_path):
    env = machine(tmp_path, uid=0, apt=False)
    done = run(env)
    assert done.returncode == 1
    assert "no apt-get here" in done.stderr and " ".join(EVERY_PACKAGE) in done.stderr


def test_a_wrong_argument_is_refused(tmp_path):
    assert run(machine(tmp_path), "--yes").returncode == 2


def test_make_test_and_ci_run_it_first():
    makefile = (BASE_DIR / "Makefile").read_text()
    test_rule = next(line for line in makefile.splitlines() if line.startswith("test:"))
    assert test_rule.split(":", 1)[1].split()[0] == "system-deps", test_rule
    assert "scripts/install-system-deps" in makefile
    ci = [line.strip() for line in (BASE_DIR / ".ci" / "run").read_text().splitlines()
          if not line.lstrip().startswith("#")]
    assert ci.index("scripts/install-system-deps") < ci.index("make test")
    assert os.access(SCRIPT, os.X_OK)


def test_this_machine_has_what_the_tests_need():
    """What `make test` checks first, on the machine running the tests (after .ci/run on a
    fresh one)."""
    done = subprocess.run([str(SCRIPT), "--dry-run"], capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0 and "nothing to install" in done.stdout, done.stderr
