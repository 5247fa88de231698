"""Granting the Curators group rights from a migration, in one place (the loader skips `_` files).

Permissions are normally created after migrate; a migration that grants rights on a model it
creates makes them exist first. The migration state's app config has no models_module, which
create_permissions() checks for, hence the stub.
"""

from django.contrib.auth.management import create_permissions

GROUP = "Curators"


def ensure_permissions(apps):
    app_config = apps.get_app_config("cbm")
    stub = getattr(app_config, "models_module", None) is None
    if stub:
        app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    if stub:
        app_config.models_module = None


def grant(apps, codenames):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="cbm", codename__in=list(codenames))
    )


def revoke(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="cbm", codename__in=list(codenames))
        )
