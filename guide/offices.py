"""The deploying prefecture's offices: one part of its deployment file (guide/deployment.py,
which reads the file and checks it at start-up).

`offices_parse(rows)` turns the file's `[[offices]]` tables into offices or raises
DeploymentError naming the field that is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Service(StrEnum):
    """What an office does for a person: the catalogue sends each item to one of these."""

    CERTIFICATE = "certificate"  # take the 署名用電子証明書
    RECORDING = "recording"  # record license information on a new card
    RENEWAL = "renewal"  # renew a license
    INQUIRY = "inquiry"  # answer questions about a license


SERVICES = tuple(service.value for service in Service)
LANGUAGES = ("ja", "en")


class DeploymentError(ValueError):
    """The deployment file is missing, malformed or incomplete."""


# The name the offices file had before it became the deployment file.
OfficesError = DeploymentError


@dataclass(frozen=True, slots=True)
class Text:
    ja: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.ja


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    name: Text
    services: tuple[str, ...]
    address: Text
    hours: Text
    phone: str
    reservation: Text
    url: str


def text_field(table: dict, key: str, where: str) -> Text:
    value = table.get(key)
    if not isinstance(value, dict):
        raise DeploymentError(f"{where}.{key}: missing, or not a table with ja and en")
    for language in LANGUAGES:
        if not isinstance(value.get(language), str) or not value[language].strip():
            raise DeploymentError(f"{where}.{key}.{language}: missing or empty")
    return Text(ja=value["ja"].strip(), en=value["en"].strip())


def string_field(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DeploymentError(f"{where}.{key}: missing or empty")
    return value.strip()


def https_field(table: dict, key: str, where: str) -> str:
    url = string_field(table, key, where)
    if not url.startswith("https://") or len(url) <= len("https://") or any(
            c.isspace() for c in url):
        raise DeploymentError(f"{where}.{key}: must start with https://")
    return url


def _office(table: dict, where: str) -> Office:
    if not isinstance(table, dict):
        raise DeploymentError(f"{where}: not a table")
    services = table.get("services")
    if not isinstance(services, list) or not services:
        raise DeploymentError(f"{where}.services: missing or empty (one or more of {', '.join(SERVICES)})")
    for service in services:
        if service not in SERVICES:
            raise DeploymentError(f"{where}.services: unknown service {service!r} (allowed: {', '.join(SERVICES)})")
    return Office(
        id=string_field(table, "id", where),
        name=text_field(table, "name", where),
        services=tuple(services),
        address=text_field(table, "address", where),
        hours=text_field(table, "hours", where),
        phone=string_field(table, "phone", where),
        reservation=text_field(table, "reservation", where),
        url=https_field(table, "url", where),
    )


def offices_parse(rows) -> tuple[Office, ...]:
    if not isinstance(rows, list) or not rows:
        raise DeploymentError("[[offices]]: at least one office is needed")
    offices = tuple(_office(row, f"offices[{index}]") for index, row in enumerate(rows))
    ids = [office.id for office in offices]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DeploymentError(f"offices[].id: duplicated {', '.join(duplicates)}")
    for service in ("certificate", "recording"):
        if not any(service in office.services for office in offices):
            raise DeploymentError(f"offices[].services: no office offers {service!r}")
    return offices
