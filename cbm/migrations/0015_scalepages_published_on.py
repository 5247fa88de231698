"""A document's date copied onto its passages and mentions, kept in step by the database.

Lists of passages and of mentions sort by their document's date (newest first), and a measure
type's timeline counts accepted mentions per month of it: with the date only on the document,
every such page joined all the passages (or mentions) to their documents and sorted them. With
the date on the row itself an index gives a page, a count or a month's figure alone.

The database keeps the copies right whoever writes (the ORM, bulk inserts, COPY, raw SQL):
- a passage takes its document's date when it is inserted or moved to another document (and
  any value written to the column is replaced by it);
- a mention takes its passage's the same way;
- a change of a document's date is copied to its passages and their mentions.

/documents/ (newest first) also gets its id into its partial index: ties (a batch ingested at
once shares created_at) are settled by it, and a deep page is read from the index alone.

Both columns are nullable and have no default, so SQLite adds them in place (ALTER TABLE ADD
COLUMN): no table is rebuilt, the span triggers of 0002 and 0006_positions stay. A later
migration that rebuilds cbm_passage, cbm_mention or cbm_document on SQLite must drop and
re-create these triggers too (drop_triggers / create_triggers below), as 0013_ru_language does
for the span triggers.
"""

from django.db import migrations, models

POSTGRES = """
CREATE OR REPLACE FUNCTION cbm_passage_published_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT d.published_on INTO NEW.published_on FROM cbm_document d WHERE d.id = NEW.document_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER cbm_passage_published_on BEFORE INSERT OR UPDATE OF document_id, published_on
    ON cbm_passage FOR EACH ROW EXECUTE FUNCTION cbm_passage_published_on();

CREATE OR REPLACE FUNCTION cbm_mention_published_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.published_on INTO NEW.published_on FROM cbm_passage p WHERE p.id = NEW.passage_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER cbm_mention_published_on BEFORE INSERT OR UPDATE OF passage_id, published_on
    ON cbm_mention FOR EACH ROW EXECUTE FUNCTION cbm_mention_published_on();

CREATE OR REPLACE FUNCTION cbm_document_published_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cbm_passage SET published_on = NEW.published_on WHERE document_id = NEW.id;
    UPDATE cbm_mention m SET published_on = NEW.published_on
        FROM cbm_passage p WHERE p.document_id = NEW.id AND m.passage_id = p.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER cbm_document_published_on AFTER UPDATE OF published_on ON cbm_document
    FOR EACH ROW WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on)
    EXECUTE FUNCTION cbm_document_published_on();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS cbm_document_published_on ON cbm_document;
DROP TRIGGER IF EXISTS cbm_mention_published_on ON cbm_mention;
DROP TRIGGER IF EXISTS cbm_passage_published_on ON cbm_passage;
DROP FUNCTION IF EXISTS cbm_document_published_on(), cbm_mention_published_on(),
    cbm_passage_published_on();
"""

# SQLite: AFTER triggers that write the copy (a BEFORE trigger cannot change NEW there). Its
# recursive triggers are off, and the WHEN clauses make a second pass a no-op anyway.
PASSAGE_DATE = "(SELECT d.published_on FROM cbm_document d WHERE d.id = NEW.document_id)"
MENTION_DATE = "(SELECT p.published_on FROM cbm_passage p WHERE p.id = NEW.passage_id)"
SQLITE = [
    f"""CREATE TRIGGER cbm_passage_published_on_insert AFTER INSERT ON cbm_passage
    BEGIN UPDATE cbm_passage SET published_on = {PASSAGE_DATE} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER cbm_passage_published_on_update
    AFTER UPDATE OF document_id, published_on ON cbm_passage
    WHEN NEW.published_on IS NOT {PASSAGE_DATE}
    BEGIN UPDATE cbm_passage SET published_on = {PASSAGE_DATE} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER cbm_mention_published_on_insert AFTER INSERT ON cbm_mention
    BEGIN UPDATE cbm_mention SET published_on = {MENTION_DATE} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER cbm_mention_published_on_update
    AFTER UPDATE OF passage_id, published_on ON cbm_mention
    WHEN NEW.published_on IS NOT {MENTION_DATE}
    BEGIN UPDATE cbm_mention SET published_on = {MENTION_DATE} WHERE id = NEW.id; END""",
    """CREATE TRIGGER cbm_document_published_on AFTER UPDATE OF published_on ON cbm_document
    WHEN OLD.published_on IS NOT NEW.published_on
    BEGIN
        UPDATE cbm_passage SET published_on = NEW.published_on WHERE document_id = NEW.id;
        UPDATE cbm_mention SET published_on = NEW.published_on
            WHERE passage_id IN (SELECT id FROM cbm_passage WHERE document_id = NEW.id);
    END""",
]
SQLITE_NAMES = [
    "cbm_passage_published_on_insert",
    "cbm_passage_published_on_update",
    "cbm_mention_published_on_insert",
    "cbm_mention_published_on_update",
    "cbm_document_published_on",
]

COPY = {
    "postgresql": [
        """UPDATE cbm_passage p SET published_on = d.published_on FROM cbm_document d
           WHERE d.id = p.document_id AND d.published_on IS NOT NULL""",
        """UPDATE cbm_mention m SET published_on = p.published_on FROM cbm_passage p
           WHERE p.id = m.passage_id AND p.published_on IS NOT NULL""",
    ],
    "sqlite": [
        """UPDATE cbm_passage SET published_on = (SELECT d.published_on FROM cbm_document d
           WHERE d.id = cbm_passage.document_id)""",
        """UPDATE cbm_mention SET published_on = (SELECT p.published_on FROM cbm_passage p
           WHERE p.id = cbm_mention.passage_id)""",
    ],
}


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)
    else:
        for statement in SQLITE:
            schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP, params=None)
    else:
        for name in SQLITE_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def copy_dates(apps, schema_editor):
    for statement in COPY[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cbm", "0014_merge_20261126_0541")]

    operations = [
        migrations.AddField(
            model_name="passage",
            name="published_on",
            field=models.DateField(editable=False, null=True, verbose_name="published on"),
        ),
        migrations.AddField(
            model_name="mention",
            name="published_on",
            field=models.DateField(editable=False, null=True, verbose_name="published on"),
        ),
        # Copied before the triggers exist (they would re-read each row) and before the
        # indexes (built once over the copied dates rather than updated row by row).
        migrations.RunPython(copy_dates, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
        migrations.AddIndex(
            model_name="passage",
            index=models.Index(
                fields=["-published_on", "-document", "ordinal", "id"], name="passage_newest_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                condition=models.Q(("status", "accepted")),
                fields=["measure_type", "published_on", "passage"],
                name="mention_accepted_month_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                condition=models.Q(("status", "accepted")),
                fields=["-published_on", "measure_type", "passage"],
                name="mention_accepted_newest_idx",
            ),
        ),
        # Search's filters by link: one probe of a small index per hit.
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                condition=models.Q(("status", "accepted")),
                fields=["passage", "measure_type"],
                name="mention_accepted_passage_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="citation",
            index=models.Index(
                condition=models.Q(("status", "accepted")),
                fields=["passage", "instrument"],
                name="citation_accepted_passage_idx",
            ),
        ),
        # /documents/ at any depth from the index alone, the id settling ties.
        migrations.RemoveIndex(model_name="document", name="document_public_newest_idx"),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                condition=models.Q(("withdrawn", False)),
                fields=["-published_on", "-created_at", "-id"],
                name="document_public_newest_id_idx",
            ),
        ),
        migrations.AlterModelOptions(
            name="passage",
            options={
                "ordering": ["-published_on", "-document_id", "ordinal"],
                "verbose_name": "passage",
            },
        ),
    ]
