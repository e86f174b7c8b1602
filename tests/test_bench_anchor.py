"""The benchmark's anchor route (bench/anchor.py) exists only under the bench settings: the
site's own URLconf, which the dev, test and production settings all use, has no such route,
and under bench.urls the anchor returns exactly the bytes it was given."""

from __future__ import annotations

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver


def is_anchor(view) -> bool:
    # Named, not imported: no test imports bench/ (the benchmark may change freely).
    return view.__module__ == "bench.anchor" and view.__name__ == "anchor"


def views_of(patterns) -> list:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found += views_of(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            found.append(entry.callback)
    return found


def test_the_bench_urlconf_has_the_anchor_and_the_sites_own_does_not():
    # The check must be able to fail: the bench URLconf holds the anchor.
    assert any(is_anchor(v) for v in views_of(get_resolver("bench.urls").url_patterns))
    assert not any(is_anchor(v) for v in views_of(get_resolver("mynalicense.urls").url_patterns))


@pytest.mark.parametrize("module", ["dev", "test", "prod"])
def test_every_other_settings_module_uses_the_sites_own_urlconf(module, monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)  # prod refuses to load without one
    settings_module = importlib.import_module(f"mynalicense.settings.{module}")
    assert settings_module.ROOT_URLCONF == "mynalicense.urls"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_anchor_path_is_a_404_on_the_site(client, lang):
    response = client.get(f"/{lang}/bench-anchor/checklist/")
    assert response.status_code == 404
    assert b'class="step"' not in response.content  # our 404 page, not a captured page


def test_under_the_bench_urlconf_the_anchor_returns_the_captured_bytes(client, settings, tmp_path):
    settings.ROOT_URLCONF = "bench.urls"
    settings.BENCH_ANCHOR_DIR = tmp_path
    body = "<!doctype html><p>ページ</p>".encode()
    (tmp_path / "page.html").write_bytes(body)

    response = client.get("/ja/bench-anchor/page/?holding=both")
    assert response.status_code == 200
    assert response.content == body
    assert response["Content-Type"] == "text/html; charset=utf-8"
    # Behind the same middleware as the pages: their headers are there.
    assert "Content-Security-Policy" in response.headers
    assert response["X-Frame-Options"] == "DENY"
    assert client.get("/ja/bench-anchor/missing/").status_code == 404
