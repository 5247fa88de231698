"""The Curators group's rights on an instrument's parties and its status history: the
instrument's admin page edits them inline, but without these rights the inlines were not
shown, so a curator could neither see nor correct who signed, joined or withdrew, nor when.
Like legal bases and thresholds (rows of one instrument), a wrong row may be deleted. Rights
only: no table changes."""

from django.db import migrations

from cbm.migrations import _curators as curators

CURATOR_RIGHTS = [
    f"{action}_{model}"
    for model in ("participation", "instrumentstatuschange")
    for action in ("view", "add", "change", "delete")
]


def grant_curators(apps, schema_editor):
    curators.grant(apps, CURATOR_RIGHTS)


def revoke_curators(apps, schema_editor):
    curators.revoke(apps, CURATOR_RIGHTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0039_visible_names"),
    ]

    operations = [migrations.RunPython(grant_curators, revoke_curators)]
