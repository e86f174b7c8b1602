"""The deploying prefecture's offices, read from a TOML file and checked at start-up.

`offices_load(path=...)` returns the offices or raises OfficesError naming the field that is
wrong, so a broken file stops the app before it serves anyone.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Service(StrEnum):
    """What an office does for a person: the catalogue sends each item to one of these."""

    CERTIFICATE = "certificate"  # take the 署名用電子証明書
    RECORDING = "recording"  # record license information on a new card
    RENEWAL = "renewal"  # renew a license
    INQUIRY = "inquiry"  # answer questions about a license


SERVICES = tuple(service.value for service in Service)
LANGUAGES = ("ja", "en")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "deploy" / "offices.sample.toml"


class OfficesError(ValueError):
    """The offices file is missing, malformed or incomplete."""


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


@dataclass(frozen=True, slots=True)
class Offices:
    prefecture: Text
    police: Text
    offices: tuple[Office, ...]
    path: Path

    def for_service(self, service: str) -> tuple[Office, ...]:
        return tuple(office for office in self.offices if service in office.services)


def _text(table: dict, key: str, where: str) -> Text:
    value = table.get(key)
    if not isinstance(value, dict):
        raise OfficesError(f"{where}.{key}: missing, or not a table with ja and en")
    for language in LANGUAGES:
        if not isinstance(value.get(language), str) or not value[language].strip():
            raise OfficesError(f"{where}.{key}.{language}: missing or empty")
    return Text(ja=value["ja"].strip(), en=value["en"].strip())


def _string(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise OfficesError(f"{where}.{key}: missing or empty")
    return value.strip()


def _office(table: dict, where: str) -> Office:
    if not isinstance(table, dict):
        raise OfficesError(f"{where}: not a table")
    services = table.get("services")
    if not isinstance(services, list) or not services:
        raise OfficesError(f"{where}.services: missing or empty (one or more of {', '.join(SERVICES)})")
    for service in services:
        if service not in SERVICES:
            raise OfficesError(f"{where}.services: unknown service {service!r} (allowed: {', '.join(SERVICES)})")
    url = _string(table, "url", where)
    if not url.startswith("https://"):
        raise OfficesError(f"{where}.url: must start with https://")
    return Office(
        id=_string(table, "id", where),
        name=_text(table, "name", where),
        services=tuple(services),
        address=_text(table, "address", where),
        hours=_text(table, "hours", where),
        phone=_string(table, "phone", where),
        reservation=_text(table, "reservation", where),
        url=url,
    )


def offices_load(*, path: Path | str = DEFAULT_PATH) -> Offices:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise OfficesError(f"{path}: cannot be read ({error.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise OfficesError(f"{path}: not valid TOML ({error})") from None
    deployment = data.get("deployment")
    if not isinstance(deployment, dict):
        raise OfficesError(f"{path}: [deployment]: missing")
    rows = data.get("offices")
    if not isinstance(rows, list) or not rows:
        raise OfficesError(f"{path}: [[offices]]: at least one office is needed")
    offices = tuple(_office(row, f"offices[{index}]") for index, row in enumerate(rows))
    ids = [office.id for office in offices]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise OfficesError(f"{path}: offices[].id: duplicated {', '.join(duplicates)}")
    for service in ("certificate", "recording"):
        if not any(service in office.services for office in offices):
            raise OfficesError(f"{path}: offices[].services: no office offers {service!r}")
    return Offices(
        prefecture=_text(deployment, "prefecture", "deployment"),
        police=_text(deployment, "police", "deployment"),
        offices=offices,
        path=path,
    )
