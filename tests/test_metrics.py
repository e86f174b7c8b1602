"""Counts, never people (mynalicense/metrics.py): walking the wizard, opening the checklist
and using counter mode move exactly the counters they should, in-process (the gunicorn
multiprocess run is tests/test_metrics_system.py); every label value of every metric is one
of a fixed set, whatever the requests carried; Django itself serves no /metrics."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import get_resolver
from prometheus_client import REGISTRY

from guide.rules import Outcome
from mynalicense import metrics
from tests.support.page import parse_page
from tests.support.people import PEOPLE
from tests.support.walk import MANAGEMENT, answer_data

AOKI, AOKI_OUTCOME = PEOPLE["Aoki, myna_only, all done, applying online"]


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def counts() -> dict[tuple, float]:
    """Every sample of the guide's own metrics: (name, labels) → value (not the time each
    series was created, which only the in-process registry keeps)."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for metric in REGISTRY.collect() if metric.name.startswith("mynalicense_")
            for s in metric.samples if not s.name.endswith("_created")}


def moved(before: dict, after: dict) -> dict[tuple, float]:
    """What changed, leaving out the latency histograms' sums and buckets."""
    return {key: after[key] - before.get(key, 0.0) for key in after
            if after[key] != before.get(key, 0.0)
            and not key[0].startswith("mynalicense_request_duration_seconds")}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_walking_the_wizard_counts_a_start_a_completion_and_a_checklist(client, today, walk,
                                                                        lang):
    before = counts()
    steps_before = value("mynalicense_request_duration_seconds_count", route="wizard_step")

    walked = walk(AOKI, lang=lang)
    assert client.get(walked.url).status_code == 200

    assert moved(before, counts()) == {
        ("mynalicense_wizard_starts_total", (("language", lang),)): 1.0,
        ("mynalicense_wizard_completions_total", (("language", lang),)): 1.0,
        ("mynalicense_checklists_total", (("language", lang), ("mode", "guide"),
                                          ("outcome", AOKI_OUTCOME))): 1.0,
    }
    # One GET and one POST per question page and the redirect through .../done/, each timed
    # under its route's name.
    assert value("mynalicense_request_duration_seconds_count", route="wizard_step") == (
        steps_before + 2 * len(walked.steps) + 1)


def test_changing_an_answer_or_going_back_is_not_a_new_start(client, today, walk):
    walked = walk(AOKI, lang="en")
    starts = value("mynalicense_wizard_starts_total", language="en")
    # Back to the first question, the same answer again.
    response = client.post("/en/questions/holding/", answer_data("holding", "myna_only"))
    assert response.status_code == 302
    assert value("mynalicense_wizard_starts_total", language="en") == starts
    # Refreshing the checklist is one more checklist served, not one more journey.
    completions = value("mynalicense_wizard_completions_total", language="en")
    client.get(walked.url)
    client.get(walked.url)
    assert value("mynalicense_wizard_completions_total", language="en") == completions


def test_a_first_answer_that_is_refused_is_not_a_start(client):
    starts = value("mynalicense_wizard_starts_total", language="en")
    client.get("/en/questions/?reset=1")
    response = client.post("/en/questions/holding/", {MANAGEMENT: "holding"})
    assert response.status_code == 200  # the question again, with its error
    assert value("mynalicense_wizard_starts_total", language="en") == starts


def test_step_pages_qr_codes_and_bad_links_count_no_checklist(client, today):
    before = counts()
    query = urlencode(AOKI)
    for path in (f"/en/checklist/2/?{query}", f"/en/checklist/qr.svg?{query}",
                 f"/en/checklist/calendar.ics?{query}", "/en/checklist/?holding=plastic"):
        client.get(path)
    assert moved(before, counts()) == {}


def counter_post(client, answers: dict[str, str], lang: str = "ja"):
    page = parse_page(client.get(f"/{lang}/counter/"))
    data = {k: v for k, v in page.inputs.items() if k != "csrfmiddlewaretoken"} | page.checked
    for step, answer in answers.items():
        fields = answer_data(step, answer)
        fields.pop(MANAGEMENT)
        data.update(fields)
    return client.post(f"/{lang}/counter/", data)


def test_counter_mode_counts_its_uses_and_its_checklists(client, today):
    before = counts()
    response = counter_post(client, AOKI)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200

    assert moved(before, counts()) == {
        ("mynalicense_counter_uses_total", (("language", "ja"),)): 1.0,
        ("mynalicense_checklists_total", (("language", "ja"), ("mode", "counter"),
                                          ("outcome", AOKI_OUTCOME))): 1.0,
    }


# --- no label value outside a fixed set -----------------------------------------------------------


def route_names() -> set[str]:
    def names(resolver) -> set[str]:
        found = set()
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                found |= names(pattern)
            elif pattern.name:
                found.add(pattern.name)
        return found
    return names(get_resolver())


def allowed_labels() -> dict[str, set[str]]:
    histogram = next(m for m in REGISTRY.collect()
                     if m.name == "mynalicense_request_duration_seconds")
    return {
        "outcome": {outcome.value for outcome in Outcome},
        "language": {"ja", "en"},
        "mode": {"guide", "counter"},
        "route": route_names() | {"healthz", "static", "unmatched"},
        "le": {s.labels["le"] for s in histogram.samples if "le" in s.labels},
    }


def test_no_label_value_outside_the_fixed_set(client, today, walk):
    # Only what this test's requests add: other tests serve test-only URLconfs (bench/).
    for metric in (metrics.CHECKLISTS, metrics.WIZARD_STARTS, metrics.WIZARD_COMPLETIONS,
                   metrics.COUNTER_USES, metrics.REQUEST_SECONDS):
        metric.clear()
    # Everything a person or a stranger can send: every outcome's checklist, journeys in
    # both languages, bad links, unknown paths with answers and dates in them, static
    # files, the probe, counter mode.
    for query, _ in PEOPLE.values():
        client.get(f"/en/checklist/?{urlencode(query)}")
        client.get(f"/ja/checklist/1/?{urlencode(query)}")
    walk(AOKI, lang="ja")
    counter_post(client, AOKI, lang="en")
    for path in ("/", "/ja/", "/en/sources/", "/ja/accessibility/", "/healthz",
                 "/static/css/guide.css", "/ja/checklist/?card_expiry=2026-02-30",
                 "/ja/2026-11-26/tokyo/", "/en/questions/both/", "/xx/checklist/",
                 "/en/checklist/?holding=both&address=Chuo+1-2-3", "/metrics"):
        client.get(path)

    allowed = allowed_labels()
    samples = [s for m in REGISTRY.collect() if m.name.startswith("mynalicense_")
               for s in m.samples]
    assert samples
    for sample in samples:
        for name, label in sample.labels.items():
            assert name in allowed, (sample.name, name)
            assert label in allowed[name], (sample.name, name, label)
    routes = {s.labels["route"] for s in samples if "route" in s.labels}
    assert {"checklist", "wizard_step", "healthz", "static", "unmatched", "root"} <= routes


def test_the_allowed_set_is_small_and_fixed():
    allowed = allowed_labels()
    # Nothing of a person could fit: a route is one of the site's own names.
    assert len(allowed["route"]) < 30
    assert not any(any(c.isdigit() for c in route) for route in allowed["route"])


def test_django_serves_no_metrics(client):
    for path in ("/metrics", "/ja/metrics", "/ja/metrics/", "/en/metrics/"):
        response = client.get(path)
        assert response.status_code in (301, 302, 404), path
        assert b"mynalicense_" not in response.content
