"""Rules that span two tables, enforced by the database itself with triggers:

- a mention's or citation's span lies inside its passage and its quote is exactly
  passage.text[start:end];
- a passage's text is exactly document.body[start:end].

Check constraints (0001) already hold start < end and len(quote) == end - start; the
triggers add what a check constraint cannot see: the other table's text. Offsets count
characters (Unicode code points) on both databases, as Python does.
"""

from django.db import migrations

POSTGRES_FUNCTIONS = """
CREATE OR REPLACE FUNCTION cbm_check_span() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    passage_text text;
BEGIN
    SELECT p.text INTO passage_text FROM cbm_passage p WHERE p.id = NEW.passage_id;
    IF NEW."end" > char_length(passage_text)
       OR substr(passage_text, NEW."start" + 1, NEW."end" - NEW."start") <> NEW.quote THEN
        RAISE EXCEPTION '%: span %-% lies outside passage % or its quote is not that slice',
            TG_TABLE_NAME, NEW."start", NEW."end", NEW.passage_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION cbm_check_passage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    document_body text;
BEGIN
    SELECT d.body INTO document_body FROM cbm_document d WHERE d.id = NEW.document_id;
    IF NEW."end" > char_length(document_body)
       OR substr(document_body, NEW."start" + 1, NEW."end" - NEW."start") <> NEW.text THEN
        RAISE EXCEPTION 'cbm_passage: text is not body[%:%] of document %',
            NEW."start", NEW."end", NEW.document_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
"""

POSTGRES_TRIGGER = """
CREATE TRIGGER {table}_check BEFORE INSERT OR UPDATE OF {columns} ON {table}
FOR EACH ROW EXECUTE FUNCTION {function}();
"""

SQLITE_TRIGGER = """
CREATE TRIGGER {table}_check_{event} BEFORE {event_sql} ON {table}
WHEN NOT EXISTS (
    SELECT 1 FROM {parent} p WHERE p.id = NEW.{fk}
    AND NEW."end" <= length(p.{parent_text})
    AND substr(p.{parent_text}, NEW."start" + 1, NEW."end" - NEW."start") = NEW.{own_text}
)
BEGIN
    SELECT RAISE(ABORT, '{table}: {message}');
END;
"""

SPAN_MESSAGE = "span lies outside its passage or its quote is not that slice"

# (table, parent table, foreign key, parent's text column, own text column, pg function, message)
RULES = [
    ("cbm_mention", "cbm_passage", "passage_id", "text", "quote", "cbm_check_span", SPAN_MESSAGE),
    ("cbm_citation", "cbm_passage", "passage_id", "text", "quote", "cbm_check_span", SPAN_MESSAGE),
    (
        "cbm_passage",
        "cbm_document",
        "document_id",
        "body",
        "text",
        "cbm_check_passage",
        "text is not its document body[start:end]",
    ),
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTIONS, params=None)  # no placeholders: keep % literal
        for table, _parent, fk, _parent_text, own_text, function, _message in RULES:
            columns = f'{fk}, "start", "end", {own_text}'
            schema_editor.execute(
                POSTGRES_TRIGGER.format(table=table, columns=columns, function=function)
            )
    elif vendor == "sqlite":
        for table, parent, fk, parent_text, own_text, _function, message in RULES:
            events = [
                ("insert", "INSERT"),
                ("update", f'UPDATE OF {fk}, "start", "end", {own_text}'),
            ]
            for event, event_sql in events:
                schema_editor.execute(
                    SQLITE_TRIGGER.format(
                        table=table,
                        event=event,
                        event_sql=event_sql,
                        parent=parent,
                        fk=fk,
                        parent_text=parent_text,
                        own_text=own_text,
                        message=message,
                    )
                )
    else:
        raise RuntimeError(
            f"The span triggers are written for PostgreSQL and SQLite, not {vendor}."
        )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, *_ in RULES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_check ON {table}")
        else:
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_check_{event}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS cbm_check_span(), cbm_check_passage()")


class Migration(migrations.Migration):
    dependencies = [("cbm", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
