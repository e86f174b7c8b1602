"""The test client, posting forms as a browser posts the site's forms."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from django.test import Client

URLENCODED = "application/x-www-form-urlencoded"


class FormClient(Client):
    """Django's test client, but a POST of a dict is sent the way a browser sends the
    site's forms (none has an enctype): application/x-www-form-urlencoded. Django's client
    sends multipart/form-data, which the site refuses (415: it takes no files)."""

    def post(self, path, data=None, content_type=URLENCODED, **extra):
        if content_type == URLENCODED and isinstance(data, Mapping):
            data = urlencode(data, doseq=True)
        return super().post(path, data, content_type=content_type, **extra)
