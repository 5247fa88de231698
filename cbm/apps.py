from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CbmConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cbm"
    verbose_name = _("CBM Registry")

    def ready(self):
        from . import checks, tasks  # noqa: F401  (system checks; the job task's failure hook)


class RegistryAdminConfig(admin_apps.AdminConfig):
    """Django's admin on the registry's site (cbm.admin_site: its menus in the admin's language)."""

    default = False  # (cbm's own config stays CbmConfig)
    default_site = "cbm.admin_site.RegistryAdminSite"
