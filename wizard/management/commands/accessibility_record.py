"""`manage.py accessibility_record`: after a run of the browser tests (make test, or pytest -m
browser), copy what they checked into the committed record that the accessibility statement
shows (wizard/data/accessibility.json). Commit that file with the code it was tested on."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wizard.accessibility import RECORD_PATH, RecordError, record_read

RESULTS = Path(settings.BASE_DIR) / "test-artifacts" / "accessibility-results.json"


class Command(BaseCommand):
    help = "Copy the last browser test run's accessibility results into the statement's record."

    def add_arguments(self, parser):
        parser.add_argument("--results", type=Path, default=RESULTS,
                            help=f"the results file the browser tests wrote (default: {RESULTS})")
        parser.add_argument("--record", type=Path, default=RECORD_PATH,
                            help=f"the committed record to write (default: {RECORD_PATH})")

    def handle(self, *args, results: Path, record: Path, **options):
        try:
            run = record_read(results)
        except RecordError as error:
            raise CommandError(f"{error}\nRun the browser tests first: make test "
                               "(or .venv/bin/python -m pytest -m browser).") from None
        data = json.loads(results.read_text(encoding="utf-8"))
        record.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        failed = [m.method for m in run.methods if not m.ok]
        verdict = "all checks passed" if run.ok else (
            f"FAILED: {', '.join(failed) or 'axe'} ({run.violations} axe violations)")
        self.stdout.write(f"Recorded the run of {run.tested_on.isoformat()} in {record}: "
                          f"{verdict}; axe-core {run.axe_version}, {len(run.pages)} pages. "
                          "Commit it.")
