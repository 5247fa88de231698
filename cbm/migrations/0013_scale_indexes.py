"""A million passages: lists read a page from an index, bulk inserts check passages in one pass.

- /documents/ (public, newest first) reads its page from a partial index in that order instead
  of sorting every document (SQLite takes the partial index too). No table is rebuilt: the
  span triggers are untouched.
- PostgreSQL: the statement trigger of 0006 that checks new passages looked up each
  document's passages in the transition table with a scan of it: one COPY of n passages over
  d documents cost n × d. It now walks the new passages once, sorted by document and start,
  and reads each document's body once. The rule is unchanged.
"""

from django.db import migrations, models

CHECK_NEW_PASSAGES = """
CREATE OR REPLACE FUNCTION cbm_check_new_passages() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    passage record;
    current_document bigint;
    body bytea;
    body_bytes integer;
    piece bytea;
    byte_at integer;   -- byte offset in body of character offset char_at
    char_at integer;
BEGIN
    FOR passage IN
        SELECT n.document_id, n."start", n."end", n.text FROM new_passages n
        ORDER BY n.document_id, n."start"
    LOOP
        IF current_document IS DISTINCT FROM passage.document_id THEN
            current_document := passage.document_id;
            SELECT convert_to(d.body, 'UTF8') INTO body
                FROM cbm_document d WHERE d.id = passage.document_id;
            body_bytes := coalesce(octet_length(body), 0);
            byte_at := 0;
            char_at := 0;
        END IF;
        IF body IS NULL THEN  -- no such document: the foreign key's to refuse
            CONTINUE;
        END IF;
        IF passage."start" < char_at THEN  -- overlapping passages: walk again from the start
            byte_at := 0;
            char_at := 0;
        END IF;
        -- Step over the gap one character at a time (a UTF-8 character is one lead byte
        -- and its continuation bytes 10xxxxxx); gaps between paragraphs are short.
        WHILE char_at < passage."start" AND byte_at < body_bytes LOOP
            byte_at := byte_at + 1;
            WHILE byte_at < body_bytes AND (get_byte(body, byte_at) & 192) = 128 LOOP
                byte_at := byte_at + 1;
            END LOOP;
            char_at := char_at + 1;
        END LOOP;
        piece := convert_to(passage.text, 'UTF8');
        IF char_at <> passage."start"
           OR substring(body FROM byte_at + 1 FOR octet_length(piece)) <> piece THEN
            RAISE EXCEPTION 'cbm_passage: text is not body[%:%] of document %',
                passage."start", passage."end", passage.document_id
                USING ERRCODE = 'check_violation';
        END IF;
        byte_at := byte_at + octet_length(piece);
        char_at := char_at + char_length(passage.text);
    END LOOP;
    RETURN NULL;
END
$$;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CHECK_NEW_PASSAGES, params=None)  # keep % literal


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from importlib import import_module

        schema_editor.execute(
            import_module("cbm.migrations.0006_scale").CHECK_NEW_PASSAGES, params=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0012_merge_withdrawn_documents"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                condition=models.Q(("withdrawn", False)),
                fields=["-published_on", "-created_at"],
                name="document_public_newest_idx",
            ),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
