"""An actor term is unique per actor, language, kind and words: the database refuses a
duplicate that got past Term.clean (term_unique_per_actor), the admin says so as a form error
(never a 500), and migration 0033 merged the duplicates stored before, keeping every position
and its history."""

import importlib
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from cbm.api.errors import exception_handler
from cbm.constraints import violation_message
from cbm.ingest import ingest_file
from cbm.models import Position, Term

from .conftest import ARTICLE_000

pytestmark = pytest.mark.django_db
MESSAGE = "This actor already has a term of this kind with these words (text and near)."
MIGRATION = "0033_term_unique_per_actor"
KEY = ["actor_id", "language", "kind", "text", "near"]


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_user("ute", password="a-long-password-3", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


@pytest.fixture
def actor_term():
    return Term.objects.for_actors().filter(kind="phrase").order_by("pk").first()


def same_as(term):
    return {"kind": term.kind, "text": term.text, "near": term.near, "language": term.language}


def test_the_database_refuses_a_duplicate_and_the_api_says_why_with_a_400(actor_term):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        Term.objects.create(actor=actor_term.actor, **same_as(actor_term))
    assert violation_message(caught.value) == MESSAGE
    # another actor, or other words, or a measure type's term of the same words: all allowed
    other = Term.objects.for_actors().exclude(actor=actor_term.actor_id).first().actor
    Term.objects.create(actor=other, **same_as(actor_term))
    Term.objects.create(actor=actor_term.actor, **(same_as(actor_term) | {"text": "zz other"}))
    response = exception_handler(caught.value, {"view": None})  # (marks the test's rollback)
    assert response.status_code == 400 and response.data["detail"] == MESSAGE


def test_the_admin_form_refuses_a_duplicate_once_in_plain_words(client, curator, actor_term):
    data = same_as(actor_term) | {"actor": actor_term.actor_id, "window": 8, "is_active": "on"}
    page = client.post(reverse("admin:cbm_term_add"), data)
    assert page.status_code == 200
    assert page.content.decode().count(MESSAGE) == 1


def test_a_duplicate_past_the_forms_checks_is_a_form_error_not_a_500(
    client, curator, actor_term, monkeypatch
):
    """As when two curators save the same term at once: both forms checked before either
    saved, the database refuses the second, and its curator sees why; nothing is saved."""
    monkeypatch.setattr(Term, "clean", lambda self: None)
    monkeypatch.setattr(Term, "validate_constraints", lambda self, exclude=None: None)
    count = Term.objects.count()
    data = same_as(actor_term) | {"actor": actor_term.actor_id, "window": 8, "is_active": "on"}
    page = client.post(reverse("admin:cbm_term_add"), data)
    assert page.status_code == 200 and MESSAGE in page.content.decode()
    assert Term.objects.count() == count
    # and in the actor's list of terms (an inline row), the actor's page says it too
    prefix = "terms"
    inline = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-window": "8",
        f"{prefix}-0-is_active": "on",
        **{f"{prefix}-0-{k}": v for k, v in same_as(actor_term).items()},
    }
    actor = actor_term.actor
    fields = {"name": actor.name, "name_ru": actor.name_ru, "slug": actor.slug}
    fields |= {"kind": actor.kind, "iso_code": actor.iso_code}
    page = client.post(reverse("admin:cbm_actor_change", args=[actor.pk]), fields | inline)
    assert page.status_code == 200 and MESSAGE in page.content.decode()
    assert Term.objects.count() == count


def test_migration_0033_merges_duplicates_keeping_positions_and_history(actor_term):
    """Its data step on duplicates stored without the rule: one row stays (an active one, the
    oldest), the positions of the others point at it with a history row each, the merged rows
    leave a deletion record and their notes in the kept row's; then the rule can be made."""
    ingest_file(ARTICLE_000, kind="news")
    positions = list(Position.objects.filter(term__isnull=False).order_by("pk")[:2])
    assert len(positions) == 2
    with connection.cursor() as cursor:  # as before 0033 (undone with the test's transaction)
        cursor.execute('DROP INDEX "term_unique_per_actor"')
    values = {field: getattr(actor_term, field) for field in KEY}
    inactive = Term.objects.create(**values, is_active=False, note="Kept for the 1990s texts.")
    later = Term.objects.create(**values, window=3)
    Position.objects.filter(pk=positions[0].pk).update(term=inactive)
    Position.objects.filter(pk=positions[1].pk).update(term=later)
    Term.objects.filter(pk=actor_term.pk).update(is_active=False)  # the active one is kept

    module = importlib.import_module(f"cbm.migrations.{MIGRATION}")
    apps = MigrationLoader(connection).project_state(("cbm", MIGRATION)).apps
    editor = SimpleNamespace(connection=connection, execute=connection.cursor().execute)
    module.merge_duplicate_actor_terms(apps, editor)

    assert list(Term.objects.filter(**values).values_list("pk", flat=True)) == [later.pk]
    assert set(
        Position.objects.filter(pk__in=[p.pk for p in positions]).values_list("term", flat=True)
    ) == {later.pk}
    kept = Term.objects.get(pk=later.pk)
    assert f"#{inactive.pk}" in kept.note and "Kept for the 1990s texts." in kept.note
    assert f"#{actor_term.pk}" in kept.note and kept.window == 3 and kept.is_active
    gone = Term.history.filter(id=inactive.pk).latest("history_id")
    assert gone.history_type == "-" and f"into #{later.pk}" in gone.history_change_reason
    assert gone.note == "Kept for the 1990s texts."  # its last state, every field
    moved = Position.history.filter(id=positions[0].pk).latest("history_id")
    assert moved.term_id == later.pk and "migration 0033" in moved.history_change_reason
    rule = next(c for c in Term._meta.constraints if c.name == "term_unique_per_actor")
    with connection.cursor() as cursor:  # the rule can now be made
        cursor.execute(str(rule.create_sql(Term, connection.schema_editor())))
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(**values)
