"""Two lists that read the first rows of a large set in an order no index gave, so that
PostgreSQL sorted the whole set for each page (on a million passages, ~0.5 s and ~0.2 s, the
sorts spilling to disk):

- the review queues (admin changelists of mentions and citations) list the pending links the
  likeliest first: confidence descending with the unranked last, then the newest, then by id;
- the Atom feeds list the accepted mentions the most recently accepted first.

Partial indexes in those orders let the first page be read from them. PostgreSQL only:
SQLite cannot index NULLS LAST, and `make run`'s lists are small."""

from django.db import migrations

INDEXES = {
    "cbm_mention_pending_queue_idx": (
        "cbm_mention (confidence DESC NULLS LAST, created_at DESC, id) WHERE status = 'pending'"
    ),
    "cbm_citation_pending_queue_idx": (
        "cbm_citation (confidence DESC NULLS LAST, created_at DESC, id) WHERE status = 'pending'"
    ),
    "cbm_mention_accepted_feed_idx": (
        "cbm_mention (reviewed_at DESC NULLS LAST, id DESC) WHERE status = 'accepted'"
    ),
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cbm", "0027_measure_type_model")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
