"""The deployment file: who publishes the guide, how people reach them, the prefecture's own
pages and its offices, read from one TOML file (deploy/offices.sample.toml is the format, and
the default) and checked at start-up.

`deployment_load(path=...)` returns a Deployment or raises DeploymentError naming the field
that is wrong, so a broken file stops the app before it serves anyone.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .offices import (DeploymentError, Office, Text, https_field, offices_parse, string_field,
                      text_field)

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "deploy" / "offices.sample.toml"

# Digits with hyphens or spaces between them, an optional leading "+": what a tel: link takes.
_PHONE = re.compile(r"\+?[0-9](?:[0-9 -]*[0-9])?")
_MAIL = re.compile(r"[^@\s<>\"'()\[\],;:\\]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

_DEPLOYMENT_KEYS = {"prefecture", "police", "publisher", "police_page", "reservation_page",
                    "contact"}
_CONTACT_KEYS = {"phone", "hours", "form", "mail"}


@dataclass(frozen=True, slots=True)
class Contact:
    """How a person reaches the publisher: at least one of the three."""

    phone: str | None
    hours: Text | None  # when the phone is answered; given exactly when phone is
    form: str | None  # an https:// web form
    mail: str | None

    @property
    def tel(self) -> str | None:
        """The phone number as a tel: link takes it."""
        return self.phone.replace(" ", "").replace("-", "") if self.phone else None


@dataclass(frozen=True, slots=True)
class Deployment:
    prefecture: Text
    police: Text
    publisher: Text  # the organisation that publishes this guide
    contact: Contact
    police_page: str | None  # the prefectural police's own page on the carryover (https://)
    reservation_page: str | None  # where to book a visit to the offices (https://)
    offices: tuple[Office, ...]
    path: Path

    def for_service(self, service: str) -> tuple[Office, ...]:
        return tuple(office for office in self.offices if service in office.services)


def _unknown(table: dict, allowed: set[str], where: str) -> None:
    # A misspelt optional field would otherwise vanish without a word.
    for key in table:
        if key not in allowed:
            raise DeploymentError(
                f"{where}.{key}: unknown field (allowed: {', '.join(sorted(allowed))})")


def _optional_https(table: dict, key: str, where: str) -> str | None:
    return https_field(table, key, where) if key in table else None


def _contact(table, where: str) -> Contact:
    if not isinstance(table, dict):
        raise DeploymentError(f"{where}: missing (a phone with its hours, a web form or a mail address)")
    _unknown(table, _CONTACT_KEYS, where)
    if not any(key in table for key in ("phone", "form", "mail")):
        raise DeploymentError(f"{where}: give at least one of phone (with hours), form, mail")
    phone = hours = mail = None
    if "phone" in table:
        phone = string_field(table, "phone", where)
        if not _PHONE.fullmatch(phone):
            raise DeploymentError(f"{where}.phone: digits with hyphens, e.g. 000-000-0000")
        hours = text_field(table, "hours", where)
    elif "hours" in table:
        raise DeploymentError(f"{where}.hours: given without a phone")
    if "mail" in table:
        mail = string_field(table, "mail", where)
        if not _MAIL.fullmatch(mail):
            raise DeploymentError(f"{where}.mail: not a mail address")
    return Contact(phone=phone, hours=hours, form=_optional_https(table, "form", where),
                   mail=mail)


def deployment_load(*, path: Path | str = DEFAULT_PATH) -> Deployment:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DeploymentError(f"{path}: cannot be read ({error.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise DeploymentError(f"{path}: not valid TOML ({error})") from None
    try:
        return _deployment(data, path)
    except DeploymentError as error:
        raise DeploymentError(f"{path}: {error}") from None


def _deployment(data: dict, path: Path) -> Deployment:
    deployment = data.get("deployment")
    if not isinstance(deployment, dict):
        raise DeploymentError("[deployment]: missing")
    offices = offices_parse(data.get("offices"))
    _unknown(deployment, _DEPLOYMENT_KEYS, "deployment")
    return Deployment(
        prefecture=text_field(deployment, "prefecture", "deployment"),
        police=text_field(deployment, "police", "deployment"),
        publisher=text_field(deployment, "publisher", "deployment"),
        contact=_contact(deployment.get("contact"), "deployment.contact"),
        police_page=_optional_https(deployment, "police_page", "deployment"),
        reservation_page=_optional_https(deployment, "reservation_page", "deployment"),
        offices=offices,
        path=path,
    )
