from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CbmConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cbm"
    verbose_name = _("CBM Registry")

    def ready(self):
        from . import checks, tasks  # noqa: F401  (system checks; the job task's failure hook)
