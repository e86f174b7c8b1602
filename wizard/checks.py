"""System checks (`manage.py check`, `check --deploy`, runserver): sources that have not
been checked for a year. gunicorn logs the same lines at start-up (deploy/gunicorn.conf.py)."""

from __future__ import annotations

from datetime import date

from django.core.checks import Warning, register

from guide.dates import today_tokyo
from guide.sources import sources_stale, stale_line

STALE_SOURCE = "mynalicense.W001"


def freshness_messages(*, today: date) -> list[Warning]:
    return [Warning(stale_line(source), id=STALE_SOURCE, obj=f"guide.sources:{source.id}",
                    hint="The national scheme may have changed: see docs/operating.md.")
            for source in sources_stale(today=today)]


@register("mynalicense")
def sources_fresh(app_configs=None, **kwargs) -> list[Warning]:
    return freshness_messages(today=today_tokyo())
