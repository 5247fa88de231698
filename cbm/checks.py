"""System checks for settings that would quietly weaken production."""

from django.conf import settings
from django.core.checks import Error, register

PER_PROCESS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register()
def shared_cache(app_configs, **kwargs):
    """Throttle counts live in the cache: one per process would multiply every limit by the
    number of workers."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in PER_PROCESS:
        return []
    return [
        Error(
            f"The default cache ({backend}) is not shared between processes.",
            hint="Set REDIS_URL, or use django.core.cache.backends.db.DatabaseCache.",
            id="cbm.E001",
        )
    ]
