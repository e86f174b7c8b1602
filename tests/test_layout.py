"""The tests' own layout (issue 9, item 6): what the tests share is in tests/support/, so no
module under tests/ imports a test module (tests.test_*, tests.browser.test_*) or the
benchmarks (bench/, which may change freely). Read with `ast`, so imports inside functions,
relative imports and `importlib.import_module("…")` count too; naming bench.urls as a string
(tests/test_bench_anchor.py) does not."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("*.py"))


def module_name(path: str) -> str:
    """tests/browser/test_print.py → tests.browser.test_print; a package → its name."""
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, path: str) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in `source`, the module at `path`.
    `from a import b` gives a.b as well as a: b may be a module (`from tests import
    test_security`, `from . import test_print`)."""
    name = module_name(path)
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                base = ".".join(up + ([node.module] if node.module else []))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names
                      if alias.name != "*"]
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module"
                   or isinstance(node.func, ast.Name) and node.func.id in ("import_module",
                                                                           "__import__"))):
            found.append((node.lineno, node.args[0].value))
    return found


def forbidden(module: str) -> bool:
    parts = module.split(".")
    if parts[0] == "bench":
        return True
    return parts[0] == "tests" and any(part.startswith("test_") for part in parts[1:])


def forbidden_imports(source: str, path: str) -> list[str]:
    """"line N: module" for each forbidden import (a name from a forbidden module is not
    listed again)."""
    found = [(line, module) for line, module in imported_modules(source, path)
             if forbidden(module)]
    return sorted({f"line {line}: {module}" for line, module in found
                   if not any(other == line and module.startswith(f"{parent}.")
                              for other, parent in found)})


def test_the_tests_are_found():
    assert "tests/test_core.py" in TEST_FILES and "tests/browser/test_print.py" in TEST_FILES
    assert "tests/support/server.py" in TEST_FILES


@pytest.mark.parametrize("path", TEST_FILES)
def test_no_module_of_the_tests_imports_a_test_module_or_the_benchmarks(path):
    found = forbidden_imports((ROOT / path).read_text(encoding="utf-8"), path)
    assert found == [], f"{path} imports {found}: move what it needs into tests/support/"


@pytest.mark.parametrize("source, path", [
    ("from tests.test_security import assert_common_headers", "tests/test_deploy.py"),
    ("import tests.test_scale_out", "tests/test_load.py"),
    ("from tests import test_counter", "tests/test_qr.py"),
    ("def f():\n    from tests.test_counter import send\n", "tests/test_offices_pages.py"),
    ("from .test_print import squash", "tests/browser/test_counter.py"),
    ("from . import test_keyboard", "tests/browser/test_counter.py"),
    ("from ..test_translations import po_parse", "tests/browser/test_html_valid.py"),
    ("from bench.pages import RICH", "tests/test_page_weight.py"),
    ("import bench.serve as serve", "tests/test_load.py"),
    ("import importlib\nimportlib.import_module('bench.urls')", "tests/test_bench_anchor.py"),
])
def test_an_import_of_a_test_module_or_the_benchmarks_is_found(source, path):
    assert forbidden_imports(source, path), source


@pytest.mark.parametrize("source, path", [
    ("from tests.support.server import HOST, gunicorn_server", "tests/test_logs.py"),
    ("from tests import oracle", "tests/test_calendar.py"),
    ("from . import support\nfrom .support import LANGS", "tests/browser/test_print.py"),
    ("from .page import parse_page", "tests/support/walk.py"),
    ("from django.test import override_settings\n"
     "override_settings(ROOT_URLCONF='bench.urls')", "tests/test_template_messages.py"),
    ("import benchmark_tools", "tests/test_load.py"),
])
def test_imports_of_the_support_modules_are_not_counted(source, path):
    assert forbidden_imports(source, path) == [], source
