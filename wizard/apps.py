from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from guide.offices import Offices, OfficesError, offices_load


class WizardConfig(AppConfig):
    name = "wizard"
    offices: Offices

    def ready(self) -> None:
        # A broken offices file stops start-up with the field that is wrong, rather than
        # sending people to an office the page cannot name.
        try:
            WizardConfig.offices = offices_load(path=settings.MYNALICENSE_OFFICES)
        except OfficesError as error:
            raise ImproperlyConfigured(f"MYNALICENSE_OFFICES: {error}") from None


def offices() -> Offices:
    return WizardConfig.offices
