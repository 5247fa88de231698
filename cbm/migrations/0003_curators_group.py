"""The Curators group: what curation needs, and no more (no user management, no deletes of the
taxonomy or of documents). Curators retire a term by deactivating it, so its history stays."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Curators"
VIEW_ADD_CHANGE = [
    "category",
    "measuretype",
    "term",
    "instrument",
    "provision",
    "legalbasis",
    "threshold",
    "actor",
    "document",
    "passage",
    "mention",
    "citation",
]
DELETE = ["legalbasis", "threshold", "mention", "citation"]


def codenames():
    for model in VIEW_ADD_CHANGE:
        yield from (f"view_{model}", f"add_{model}", f"change_{model}")
    yield from (f"delete_{model}" for model in DELETE)


def create_group(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist now. The migration
    # state's app config has no models_module, which create_permissions() checks for.
    app_config = apps.get_app_config("cbm")
    if getattr(app_config, "models_module", None) is None:  # the migration state's stub
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    else:
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="cbm", codename__in=list(codenames()))
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0002_span_triggers"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
