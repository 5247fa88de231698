"""Languages: a term and a cue list have one (the matcher of a document's language uses them,
and stems their ~ words in it; a term is unique per target and language); a passage carries its document's, so that the stored search
vector (a generated column, which reads only its own row) can use the text-search
configuration of that language: russian for Russian, simple (no stemmer in PostgreSQL) for
Ukrainian and Belarusian, english for everything else. The vector's GIN index is rebuilt with
it.

SQLite adds the passage column by rebuilding the table, which the span and position triggers
(0002, 0006_positions) refer to: they are dropped first and made again after. PostgreSQL adds
columns in place and keeps its triggers; an update of a passage's language fires none of them.
"""

from importlib import import_module

from django.db import migrations, models

span_triggers = import_module("cbm.migrations.0002_span_triggers")
position_triggers = import_module("cbm.migrations.0006_positions")

LANGUAGES = [("en", "English"), ("ru", "Russian"), ("uk", "Ukrainian"), ("be", "Belarusian")]


def language_field(help_text):
    return models.CharField(
        choices=LANGUAGES, default="en", help_text=help_text, max_length=8, verbose_name="language"
    )


TERM_HELP = "Matched only in documents of this language; its ~ words are stemmed in it."
CUE_LIST_HELP = "The language its cues are written in (and stemmed in)."


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        span_triggers.drop_triggers(apps, schema_editor)
        position_triggers.drop_triggers(apps, schema_editor)


def create_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        span_triggers.create_triggers(apps, schema_editor)
        position_triggers.create_triggers(apps, schema_editor)


COPY_LANGUAGE = """
UPDATE cbm_passage SET language = (
    SELECT d.language FROM cbm_document d WHERE d.id = cbm_passage.document_id
) WHERE language <> (SELECT d.language FROM cbm_document d WHERE d.id = cbm_passage.document_id)
"""

# The configuration per language, written out here (not imported) so the migration stays as
# it was applied; cbm.search_language.CONFIGS holds the same for queries.
VECTOR_FORWARD = """
DROP INDEX IF EXISTS cbm_passage_search_vector;
ALTER TABLE cbm_passage DROP COLUMN IF EXISTS search_vector;
ALTER TABLE cbm_passage ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector(
        CASE language
            WHEN 'ru' THEN 'russian'::regconfig
            WHEN 'uk' THEN 'simple'::regconfig
            WHEN 'be' THEN 'simple'::regconfig
            ELSE 'english'::regconfig
        END,
        COALESCE(text, '')
    )
) STORED;
CREATE INDEX cbm_passage_search_vector ON cbm_passage USING gin (search_vector);
"""
VECTOR_BACKWARD = """
DROP INDEX IF EXISTS cbm_passage_search_vector;
ALTER TABLE cbm_passage DROP COLUMN IF EXISTS search_vector;
ALTER TABLE cbm_passage ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, COALESCE(text, ''))) STORED;
CREATE INDEX cbm_passage_search_vector ON cbm_passage USING gin (search_vector);
"""


def copy_language(apps, schema_editor):
    schema_editor.execute(COPY_LANGUAGE)


def vector_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_FORWARD)


def vector_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("cbm", "0012_merge_withdrawn_documents")]

    operations = [
        migrations.AddField(
            model_name="cuelist", name="language", field=language_field(CUE_LIST_HELP)
        ),
        migrations.AddField(
            model_name="historicalcuelist", name="language", field=language_field(CUE_LIST_HELP)
        ),
        migrations.AddField(model_name="term", name="language", field=language_field(TERM_HELP)),
        migrations.AddField(
            model_name="historicalterm", name="language", field=language_field(TERM_HELP)
        ),
        # An abbreviation may be a term in two languages (INCSEA): unique per language.
        migrations.RemoveConstraint(model_name="term", name="term_unique_per_measure_type"),
        migrations.RemoveConstraint(model_name="term", name="term_unique_per_instrument"),
        migrations.AddConstraint(
            model_name="term",
            constraint=models.UniqueConstraint(
                condition=models.Q(measure_type__isnull=False),
                fields=("measure_type", "language", "kind", "text", "near"),
                name="term_unique_per_measure_type",
                violation_error_message="This measure type already has a term of this kind with these words (text and near).",
            ),
        ),
        migrations.AddConstraint(
            model_name="term",
            constraint=models.UniqueConstraint(
                condition=models.Q(instrument__isnull=False),
                fields=("instrument", "language", "kind", "text", "near"),
                name="term_unique_per_instrument",
                violation_error_message="This instrument already has a term of this kind with these words (text and near).",
            ),
        ),
        migrations.RunPython(drop_sqlite_triggers, create_sqlite_triggers, elidable=False),
        migrations.AddField(
            model_name="passage",
            name="language",
            field=models.CharField(
                default="en", editable=False, max_length=12, verbose_name="language"
            ),
        ),
        migrations.RunPython(create_sqlite_triggers, drop_sqlite_triggers, elidable=False),
        migrations.RunPython(copy_language, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(vector_forward, vector_backward, elidable=False),
    ]
