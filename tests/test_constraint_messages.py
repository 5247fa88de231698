"""Every database rule has plain words: the admin shows them as a form error, the API as a
400; never the raw constraint name, never a 500."""

import pytest
from django.contrib.admin.sites import site
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from cbm.api.errors import exception_handler
from cbm.constraints import FALLBACK, all_constraints, violation_message
from cbm.models import Document, Participation, Passage, Term, Threshold

pytestmark = pytest.mark.django_db
CONSTRAINTS = sorted(all_constraints(), key=lambda pair: pair[1].name)


@pytest.mark.parametrize("model,constraint", CONSTRAINTS, ids=[c.name for _m, c in CONSTRAINTS])
def test_every_constraint_has_a_readable_message(model, constraint):
    """Its own sentence: not Django's default, no raw name, no placeholder."""
    message = str(constraint.violation_error_message)
    assert message != str(constraint.default_violation_error_message)
    assert constraint.name not in message and "%(" not in message and "_" not in message
    assert message[0].isupper() and message.endswith(".") and len(message.split()) >= 5


def broken(change):
    """The IntegrityError the database raises for a change, the change undone."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        change()
    return caught.value


def first_passage():
    document = Document.objects.create(title="t", body="Observers were invited.", sha256="b" * 64)
    return document.passages.create(ordinal=1, start=0, end=23, text=document.body)


CASES = {
    "threshold_comparison_valid": lambda: Threshold.objects.update(comparison="about"),
    "threshold_verified_quoted": lambda: Threshold.objects.update(verified=True, quotation=""),
    "passage_unique_ordinal": lambda: Passage.objects.create(
        document=first_passage().document, ordinal=1, start=0, end=9, text="Observers"
    ),
    "passage_ordinal_from_one": lambda: first_passage() and Passage.objects.update(ordinal=0),
    "participation_withdrew_after_signing": lambda: Participation.objects.filter(
        signed_on__isnull=False
    ).update(withdrew_on="1900-01-01"),
    # a partial UNIQUE rule: SQLite names its columns only
    "term_unique_per_actor": lambda: Term.objects.create(
        **Term.objects.for_actors().values("actor_id", "language", "kind", "text", "near")[0]
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_real_violation_is_told_in_plain_words(name):
    """From the database's own error, on SQLite and PostgreSQL alike."""
    expected = dict((c.name, str(c.violation_error_message)) for _m, c in all_constraints())
    assert violation_message(broken(CASES[name])) == expected[name]


def test_the_api_answers_a_violation_with_a_400_in_plain_words():
    """An IntegrityError a serializer did not foresee is a 400 naming the rule, not a 500."""
    error = broken(CASES["threshold_verified_quoted"])
    response = exception_handler(error, {"view": None})
    assert response.status_code == 400
    assert response.data["detail"].startswith("A verified threshold needs its quotation")
    unknown = exception_handler(IntegrityError("some trigger said no"), {"view": None})
    assert unknown.status_code == 400 and unknown.data["detail"] == FALLBACK


def test_the_admin_form_shows_the_message_not_the_name(admin_user):
    """A second threshold for the same quantity: a form error in plain words."""
    threshold = Threshold.objects.first()
    request = RequestFactory().get("/")
    request.user = admin_user
    form_class = site._registry[Threshold].get_form(request)
    data = {field: getattr(threshold, field) for field in form_class.base_fields}
    data["legal_basis"] = threshold.legal_basis_id
    form = form_class(data=data)
    assert not form.is_valid()
    text = str(form.errors)
    assert "This legal basis already has a threshold for this quantity." in text
    assert "threshold_unique_quantity" not in text


def test_a_violation_is_told_in_the_language_of_each_request():
    """The messages were kept as first read (English, from an API call): /ru/admin/ showed a
    broken rule in English ever after, in that process."""
    from django.utils import translation

    error = broken(CASES["threshold_verified_quoted"])
    with translation.override("en"):
        english = violation_message(error)
    with translation.override("ru"):
        russian = violation_message(error)
    assert english.startswith("A verified threshold needs its quotation")
    assert russian != english and "цитат" in russian, russian
