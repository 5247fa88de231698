"""A million passages on PostgreSQL: linear ingest, a stored search vector.

Ingest linear in paragraphs:
The row trigger of 0002 read the whole document body for every passage inserted and cut its
slice by character offset, which walks the body from its start: a document of n paragraphs cost
n². New passages are now checked once per statement (a transition table): each document's body
is read once, as UTF-8 bytes, and walked in order of the passages' starts, so each passage is
compared with its own bytes. Updates keep the row trigger (one passage at a time). The rule is
unchanged: a passage's text is exactly body[start:end], counted in characters.
"""

from django.db import migrations

CHECK_NEW_PASSAGES = """
CREATE OR REPLACE FUNCTION cbm_check_new_passages() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc record;
    passage record;
    body bytea;
    body_bytes integer;
    piece bytea;
    byte_at integer;   -- byte offset in body of character offset char_at
    char_at integer;
BEGIN
    FOR doc IN
        SELECT d.id, d.body FROM cbm_document d
        WHERE d.id IN (SELECT DISTINCT n.document_id FROM new_passages n)
    LOOP
        body := convert_to(doc.body, 'UTF8');
        body_bytes := octet_length(body);
        byte_at := 0;
        char_at := 0;
        FOR passage IN
            SELECT n."start", n."end", n.text FROM new_passages n
            WHERE n.document_id = doc.id ORDER BY n."start"
        LOOP
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
                    passage."start", passage."end", doc.id
                    USING ERRCODE = 'check_violation';
            END IF;
            byte_at := byte_at + octet_length(piece);
            char_at := char_at + char_length(passage.text);
        END LOOP;
    END LOOP;
    -- A passage whose document does not exist is the foreign key's to refuse.
    RETURN NULL;
END
$$;
"""

FORWARD = """
DROP TRIGGER IF EXISTS cbm_passage_check ON cbm_passage;
CREATE TRIGGER cbm_passage_check BEFORE UPDATE OF document_id, "start", "end", text
    ON cbm_passage FOR EACH ROW EXECUTE FUNCTION cbm_check_passage();
CREATE TRIGGER cbm_passage_check_inserted AFTER INSERT ON cbm_passage
    REFERENCING NEW TABLE AS new_passages
    FOR EACH STATEMENT EXECUTE FUNCTION cbm_check_new_passages();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS cbm_passage_check_inserted ON cbm_passage;
DROP TRIGGER IF EXISTS cbm_passage_check ON cbm_passage;
DROP FUNCTION IF EXISTS cbm_check_new_passages();
CREATE TRIGGER cbm_passage_check BEFORE INSERT OR UPDATE OF document_id, "start", "end", text
    ON cbm_passage FOR EACH ROW EXECUTE FUNCTION cbm_check_passage();
"""


# Search ranks over a stored vector (kept in step by the database: a generated column) instead
# of computing to_tsvector for every hit; the GIN index of 0005 moves onto it. Not a model
# field: SQLite has no tsvector, and lists never load it.
VECTOR_FORWARD = """
ALTER TABLE cbm_passage ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, COALESCE(text, ''))) STORED;
CREATE INDEX cbm_passage_search_vector ON cbm_passage USING gin (search_vector);
DROP INDEX IF EXISTS cbm_passage_text_search;
"""
VECTOR_BACKWARD = """
CREATE INDEX IF NOT EXISTS cbm_passage_text_search ON cbm_passage
    USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')));
ALTER TABLE cbm_passage DROP COLUMN search_vector;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CHECK_NEW_PASSAGES, params=None)  # keep % literal
        schema_editor.execute(FORWARD)
        schema_editor.execute(VECTOR_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_BACKWARD)
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("cbm", "0005_passage_search_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
