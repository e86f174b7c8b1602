"""The accessibility statement (/<lang>/accessibility/): its figures are the recorded test run
(wizard/data/accessibility.json) and nothing else; the record is what the browser suite
wrote (tests/support/accessibility_results.py), copied by `manage.py accessibility_record`,
which refuses a partial or broken run. The page itself passes axe and the Nu checker with
every other page (tests/browser/support.py lists it)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.support.accessibility_results import ResultsCollector, axe_version
from tests.support.page import parse_page
from wizard import accessibility
from wizard.accessibility import (METHODS, RECORD_PATH, RecordError, page_groups, record_parse,
                                  record_read)
from wizard.dates import date_en, date_ja

RECORDED = json.loads(RECORD_PATH.read_text(encoding="utf-8"))


def results(**changes) -> dict:
    data = {"complete": True, "date": "2027-01-15", "axe_version": "4.12.1",
            "axe_tags": ["wcag2a", "wcag2aa"], "pages": ["ja-start", "en-start"],
            "violations": 0,
            "methods": {m: {"passed": 2, "failed": 0, "skipped": 0} for m in METHODS}}
    data.update(changes)
    return data


def statement(client, lang: str) -> str:
    response = client.get(f"/{lang}/accessibility/")
    assert response.status_code == 200
    return response.content.decode()


# --- the page shows the record -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_date_and_result_are_those_of_the_recorded_run(client, japanese, lang):
    html = statement(client, lang)
    record = record_read(RECORD_PATH)

    assert re.search(rf'<time datetime="{record.tested_on.isoformat()}" data-tested-on="'
                     rf'{record.tested_on.isoformat()}">', html)
    shown = (date_en if lang == "en" else date_ja)(record.tested_on)
    assert shown in parse_page(html).text
    assert f'data-result="{"pass" if record.ok else "fail"}"' in html
    for name, counts in RECORDED["methods"].items():
        tests = counts["passed"] + counts["failed"] + counts["skipped"]
        assert f'data-method="{name}" data-passed="{counts["passed"]}" data-tests="{tests}"' in html
    assert record.axe_version in html
    page = parse_page(html)
    assert page.lang == lang
    assert f"/{'ja' if lang == 'en' else 'en'}/accessibility/" in page.hrefs()


def test_the_english_page_says_what_is_claimed_and_tested(client):
    text = parse_page(statement(client, "en")).text
    record = record_read(RECORD_PATH)
    assert "JIS X 8341-3:2016 level AA: 配慮 (considered)" in text
    assert "WCAG 2.2" in text
    assert f"axe-core {record.axe_version}: {record.violations} violations found" in text
    checks = sum(m.tests for m in record.methods)
    if record.ok:
        assert f"All {checks} checks passed." in text
    kinds = sum(count for _, count in page_groups(record.pages))
    assert f"{kinds} kinds of page, each in Japanese and in English ({len(record.pages)} pages" in text
    for words in ("Keyboard alone", "Without JavaScript", "320 pixels wide", "Print", "Valid HTML"):
        assert words in text


def test_a_failed_run_is_shown_as_failed(client, monkeypatch):
    failing = results(violations=3, methods={
        **results()["methods"], "print": {"passed": 20, "failed": 3, "skipped": 0}})
    monkeypatch.setattr("wizard.views.accessibility_record", lambda: record_parse(failing))
    html = statement(client, "en")
    assert 'data-result="fail"' in html
    text = parse_page(html).text
    assert "30 of 33 checks passed; the list below shows which failed." in text
    assert "axe-core 4.12.1: 3 violations found" in text
    block = re.search(r'data-method="print".*?</li>', html, re.DOTALL).group(0)
    assert "20 of 23 checks passed" in block and "Failed" in block
    assert "January 15, 2027" in text


def test_the_statement_itself_was_among_the_pages_checked():
    assert {"ja-accessibility", "en-accessibility"} <= set(RECORDED["pages"])
    assert RECORDED["complete"] is True


def test_the_record_names_the_axe_core_the_tests_run():
    # After an upgrade of axe-playwright-python: run the browser tests and record them again.
    assert RECORDED["axe_version"] == axe_version()


def test_pages_are_grouped_as_a_person_names_them():
    groups = page_groups(("ja-start", "en-start", "ja-check", "ja-check-later",
                          "ja-checklist-on_track", "en-checklist-at_risk", "ja-question-holding",
                          "ja-new-kind"))
    assert [(str(words), count) for words, count in groups] == [
        ("The start page", 1), ("Each question", 1), ("The page to check the answers", 2),
        ("The checklist, for each result", 2), ("Other pages", 1)]


# --- the record: read, refused, written -----------------------------------------------------------


@pytest.mark.parametrize("data, field", [
    (results(complete=False), "complete"),
    ({k: v for k, v in results().items() if k != "complete"}, "complete"),
    (results(date="yesterday"), "date"),
    (results(axe_version=""), "axe_version"),
    (results(pages=[]), "pages"),
    (results(violations=-1), "violations"),
    (results(methods={m: {"passed": 1, "failed": 0, "skipped": 0} for m in METHODS[:-1]}),
     "methods: expected exactly"),
    (results(methods={**results()["methods"], "nojs": {"passed": 0, "failed": 0, "skipped": 0}}),
     "methods.nojs: no test ran"),
    (results(methods={**results()["methods"], "axe": {"passed": "2", "failed": 0, "skipped": 0}}),
     "methods.axe.passed: not a count"),
    ([], "not a JSON object"),
], ids=["partial", "no-complete", "bad-date", "no-axe", "no-pages", "negative", "missing-method",
        "method-not-run", "count-as-text", "not-an-object"])
def test_a_broken_or_partial_run_is_refused_naming_the_field(data, field):
    with pytest.raises(RecordError, match=re.escape(field)):
        record_parse(data)


def test_skipped_tests_do_not_pass_a_method():
    data = results(methods={**results()["methods"], "keyboard": {"passed": 3, "failed": 0,
                                                                 "skipped": 1}})
    record = record_parse(data)
    assert not record.method("keyboard").ok and not record.ok


def test_the_command_copies_a_whole_run_into_the_record(tmp_path, capsys):
    source, target = tmp_path / "results.json", tmp_path / "record.json"
    source.write_text(json.dumps(results()), encoding="utf-8")
    call_command("accessibility_record", "--results", str(source), "--record", str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == results()
    assert record_read(target).tested_on == date(2027, 1, 15)
    assert "Recorded the run of 2027-01-15" in capsys.readouterr().out


@pytest.mark.parametrize("content", [None, json.dumps(results(complete=False)), "{"],
                         ids=["missing", "partial", "not-json"])
def test_the_command_refuses_what_is_not_a_whole_run(tmp_path, content):
    source, target = tmp_path / "results.json", tmp_path / "record.json"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match="Run the browser tests first"):
        call_command("accessibility_record", "--results", str(source), "--record", str(target))
    assert not target.exists()


def test_the_committed_record_loads_at_start_up():
    accessibility.record.cache_clear()
    assert accessibility.record().tested_on == date.fromisoformat(RECORDED["date"])


# --- what the browser suite writes ------------------------------------------------------------


def report(collector: ResultsCollector, module: str, name: str, outcome: str = "passed",
           when: str = "call", **properties):
    collector.add(nodeid=f"tests/browser/{module}::{name}", when=when, outcome=outcome,
                  properties=list(properties.items()))


def whole_run(collector: ResultsCollector) -> None:
    for method, module in accessibility.METHOD_MODULES.items():
        if method != "axe":
            report(collector, module, "test_one")
    for page, found in (("ja-start", 0), ("en-start", 2)):
        report(collector, "test_accessibility.py", f"test_no_axe_violations[{page}]",
               "passed" if not found else "failed", axe_page=page, axe_violations=found,
               axe_tags=["wcag2a"])


def test_the_collector_counts_each_method_and_the_axe_findings():
    collector = ResultsCollector()
    whole_run(collector)
    report(collector, "test_print.py", "test_two", "failed", when="setup")
    report(collector, "test_print.py", "test_one", "failed", when="teardown")
    report(collector, "test_journeys.py", "test_walk")  # not a method of the statement
    report(collector, "test_keyboard.py", "test_one", "passed", when="teardown")

    found = collector.results(today=date(2027, 2, 3), axe="4.12.1")

    assert found["date"] == "2027-02-03" and found["pages"] == ["en-start", "ja-start"]
    assert found["violations"] == 2 and found["axe_tags"] == ["wcag2a"]
    assert found["methods"]["axe"] == {"passed": 1, "failed": 1, "skipped": 0}
    assert found["methods"]["print"] == {"passed": 0, "failed": 2, "skipped": 0}
    assert found["methods"]["keyboard"] == {"passed": 1, "failed": 0, "skipped": 0}
    assert not record_parse(found).ok


def test_a_run_that_left_tests_out_writes_nothing(tmp_path):
    collector = ResultsCollector()
    whole_run(collector)
    collector.deselected(["tests/browser/test_phone.py::test_phone_320[ja-start]"])
    assert collector.results(today=date(2027, 2, 3), axe="4.12.1") is None
    assert not collector.write(tmp_path / "r.json", today=date(2027, 2, 3), axe="4.12.1")
    alone = ResultsCollector()
    report(alone, "test_phone.py", "test_phone_320[ja-start]")  # one file run on its own
    assert alone.results(today=date(2027, 2, 3), axe="4.12.1") is None
    # Tests left out elsewhere do not count.
    full = ResultsCollector()
    whole_run(full)
    full.deselected(["tests/test_rules.py::test_x"])
    assert full.write(tmp_path / "r.json", today=date(2027, 2, 3), axe="4.12.1")
    assert record_read(tmp_path / "r.json").tested_on == date(2027, 2, 3)


def test_the_axe_version_is_read_from_the_installed_bundle():
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    assert script.read_text(encoding="utf-8").startswith(f"/*! axe v{axe_version()}")
