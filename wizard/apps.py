from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from guide.deployment import Deployment, deployment_load
from guide.offices import DeploymentError


class WizardConfig(AppConfig):
    name = "wizard"
    deployment: Deployment

    def ready(self) -> None:
        from . import checks  # noqa: F401 -- registers the system checks

        # A broken deployment file stops start-up with the field that is wrong, rather than
        # sending people to an office the page cannot name.
        try:
            WizardConfig.deployment = deployment_load(path=settings.MYNALICENSE_DEPLOYMENT)
        except DeploymentError as error:
            raise ImproperlyConfigured(
                f"MYNALICENSE_DEPLOYMENT (or MYNALICENSE_OFFICES): {error}") from None
        # The accessibility statement's record, read now so a broken one never serves a 500.
        from .accessibility import RecordError, record
        try:
            record()
        except RecordError as error:
            raise ImproperlyConfigured(f"accessibility record: {error}") from None


def deployment() -> Deployment:
    """The deployment file as loaded at start-up: publisher, contact, pages, offices."""
    return WizardConfig.deployment


# The checklist names the offices through this (a Deployment has them, and for_service).
offices = deployment
