"""Every list by date reads newest first with undated documents last on every database
(cbm.models.texts.newest_first): the public pages, search, and the models' own order, as the
API's lists of links already did (0035). PostgreSQL's plain DESC index puts NULLs first, so
the documents' and passages' newest-first indexes get twins in the new order there
(document_public_newest_id_idx and passage_newest_idx stay: SQLite reads them, as DESC puts
NULLs last there anyway, and it has no NULLS LAST in an index). The mentions' twin is 0035's."""

from django.db import migrations, models

INDEXES = {
    "document_public_dated_idx": (
        "cbm_document (published_on DESC NULLS LAST, created_at DESC, id DESC) WHERE NOT withdrawn"
    ),
    "passage_dated_idx": (
        "cbm_passage (published_on DESC NULLS LAST, document_id DESC, ordinal, id)"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


NEWEST = models.OrderBy(models.F("published_on"), descending=True, nulls_last=True)


class Migration(migrations.Migration):
    dependencies = [("cbm", "0035_mention_accepted_dated_index")]

    operations = [
        migrations.AlterModelOptions(
            name="document",
            options={
                "ordering": [NEWEST, "-id"],
                "verbose_name": "document",
                "verbose_name_plural": "documents",
            },
        ),
        migrations.AlterModelOptions(
            name="passage",
            options={
                "ordering": [NEWEST, "-document_id", "ordinal"],
                "verbose_name": "passage",
                "verbose_name_plural": "passages",
            },
        ),
        migrations.RunPython(create, drop),
    ]
