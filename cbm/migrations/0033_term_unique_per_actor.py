# An actor term is unique per actor, language, kind and words (text and near), as a measure
# type's or an instrument's term already is (term_unique_per_measure_type, _per_instrument).
# Until now only Term.clean refused a duplicate, so a bulk path, a script or two curators at
# once could store one; the database refuses it from here on.
#
# Before the rule, each set of duplicates that exists is merged into one row, losing no
# curator's decision:
# - the row kept is an active one if any is (what matched goes on matching), the oldest of them;
# - everything that points at a term (Position.term, Mention.term, Citation.term) is repointed
#   from the others to it, each change recorded in the row's history;
# - the kept term gains a line in its note for each merged row (its id, and its note); the
#   merged rows are deleted with a history record that names the row they were merged into,
#   so their history (every field) stays readable;
# - what load_registry recorded as loaded into a merged row (LoadedField) goes with it.
#
# Reversible: going back drops the constraint; the merge is kept (splitting a row again would
# invent which positions were whose, and the merged data is valid without the rule), so the
# data step's reverse does nothing.
#
# SQLite and PostgreSQL: the data step is ORM only (on PostgreSQL it then runs the deferred
# foreign-key checks its deletes left pending, which would stop the index); the constraint is
# a partial unique index on both (sqlmigrate: CREATE UNIQUE INDEX "term_unique_per_actor" ON
# "cbm_term" ("actor_id", "language", "kind", "text", "near") WHERE "actor_id" IS NOT NULL;
# backwards DROP INDEX, IF EXISTS on PostgreSQL).

from django.db import migrations, models
from django.db.models import Count
from django.utils import timezone

KEY = ["actor_id", "language", "kind", "text", "near"]
POINTING = ["Position", "Mention", "Citation"]  # the models with a term foreign key
REASON = "merged duplicate actor term #%(merged)s into #%(kept)s (migration 0033)"


def record(apps, obj, history_type: str, reason: str, when) -> None:
    """A history row for obj as it is now, as django-simple-history writes one on save."""
    history = apps.get_model("cbm", f"Historical{obj._meta.object_name}")
    names = {field.attname for field in history._meta.concrete_fields}
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname in names
    }
    history.objects.create(
        **values,
        history_date=when,
        history_type=history_type,
        history_change_reason=reason[:100],
        history_user_id=None,
    )


def merge_duplicate_actor_terms(apps, schema_editor):
    Term = apps.get_model("cbm", "Term")
    LoadedField = apps.get_model("cbm", "LoadedField")
    now = timezone.now()
    duplicated = (
        Term.objects.filter(actor__isnull=False)
        .values(*KEY)
        .annotate(rows=Count("pk"))
        .filter(rows__gt=1)
        .order_by(*KEY)
    )
    for group in duplicated:
        same = Term.objects.filter(**{field: group[field] for field in KEY})
        kept, *merged = same.order_by("-is_active", "pk")
        for other in merged:
            reason = REASON % {"merged": other.pk, "kept": kept.pk}
            for name in POINTING:
                model = apps.get_model("cbm", name)
                for row in model.objects.filter(term_id=other.pk).order_by("pk"):
                    row.term_id = kept.pk
                    row.save(update_fields=["term"])
                    record(apps, row, "~", reason, now)
            line = f"Merged from duplicate term #{other.pk} (migration 0033)."
            if other.note.strip():
                line = f"{line} Its note: {other.note.strip()}"
            kept.note = f"{kept.note.rstrip()}\n\n{line}".strip()
            LoadedField.objects.filter(model="cbm.term", object_id=other.pk).delete()
            record(apps, other, "-", reason, now)
            other.delete()
        kept.save(update_fields=["note"])
        record(apps, kept, "~", f"merged {len(merged)} duplicate(s) into it (migration 0033)", now)
    if duplicated and schema_editor.connection.vendor == "postgresql":
        # The deleted rows left deferred foreign-key checks pending on cbm_term, and PostgreSQL
        # builds no index on a table with pending trigger events: check them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("cbm", "0032_document_language_choices"),
    ]

    operations = [
        migrations.RunPython(merge_duplicate_actor_terms, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="term",
            constraint=models.UniqueConstraint(
                condition=models.Q(("actor__isnull", False)),
                fields=("actor", "language", "kind", "text", "near"),
                name="term_unique_per_actor",
                violation_error_message=(
                    "This actor already has a term of this kind with these words (text and near)."
                ),
            ),
        ),
    ]
