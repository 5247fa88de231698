"""Admin addresses and forms edited by hand (a mistyped id in a history URL, a selection that
is not a row's id) answer with a 404 or a message, never a server error, and change nothing."""

import pytest
from django.test import Client

from cbm.models import Mention, Passage, Term

pytestmark = pytest.mark.django_db


def change_form_data(page) -> dict:
    """What the browser would post back, unchanged, from an admin add or change page (the form
    and its inlines, with their management forms)."""
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:  # (0, an empty inline's count, stays)
                continue
            if isinstance(value, list | tuple):
                value = [v.pk if hasattr(v, "pk") else v for v in value]
            elif hasattr(value, "pk"):
                value = value.pk
            data[form.add_prefix(name)] = value
    return data


@pytest.fixture
def admin_client(curator, gold_links):
    curator.is_staff = True
    curator.save()
    client = Client()
    client.force_login(curator)
    return client


@pytest.mark.parametrize("model", ["mention", "term", "document", "category", "cuelist"])
def test_a_history_address_with_a_malformed_id_is_not_found(admin_client, model):
    """/history/abc/ and /history/<id>/abc/ are a 404, as a missing row is."""
    assert admin_client.get(f"/admin/cbm/{model}/abc/history/").status_code == 404
    assert admin_client.get(f"/admin/cbm/{model}/1%27/history/").status_code == 404
    assert admin_client.get(f"/admin/cbm/{model}/1/history/abc/").status_code == 404


def test_a_bulk_action_with_a_malformed_selection_changes_nothing(admin_client):
    """A selection holding something that is not an id is refused with a message: no link
    of it is accepted, and the queue is shown again."""
    link = Mention.objects.order_by("pk").first()
    Mention.objects.filter(pk=link.pk).update(status="pending")
    response = admin_client.post(
        "/admin/cbm/mention/",
        {"action": "accept", "_selected_action": [str(link.pk), "abc"], "index": "0"},
        follow=True,
    )
    assert response.status_code == 200
    assert Mention.objects.get(pk=link.pk).status == "pending"
    assert any("not a valid" in str(m) for m in response.context["messages"])


def test_a_term_action_with_a_malformed_selection_changes_nothing(admin_client):
    """The same for the terms' actions: no term is deactivated."""
    term = Term.objects.filter(is_active=True).order_by("pk").first()
    response = admin_client.post(
        "/admin/cbm/term/",
        {"action": "deactivate", "_selected_action": [str(term.pk), "q"], "index": "0"},
    )
    assert response.status_code == 302
    assert Term.objects.get(pk=term.pk).is_active


def test_changing_a_links_target_to_a_twin_of_another_link_is_a_form_error(admin_client):
    """Giving a link the target of another link with the same passage and span is refused on
    the form with the rule's message (the passage is read-only there, which Django's own
    check skips), never a server error; the link keeps its target."""
    from cbm.models import MeasureType

    link = Mention.objects.order_by("pk").first()
    other_type = MeasureType.objects.exclude(pk=link.measure_type_id).order_by("pk").first()
    twin = Mention.objects.create(
        passage=link.passage,
        measure_type=other_type,
        start=link.start,
        end=link.end,
        quote=link.quote,
        origin="curator",
        status="accepted",
    )
    url = f"/admin/cbm/mention/{twin.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(measure_type=link.measure_type_id, allow_partial_words="")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "already has a link to this target" in str(response.context["adminform"].form.errors)
    twin.refresh_from_db()
    assert twin.measure_type == other_type


def test_a_measure_type_cannot_become_a_sub_type_of_its_own_sub_type(admin_client):
    """Making a parent the child of its own sub-type (a cycle, in which both would vanish from
    the list of top-level measure types) is a form error; the parent stays top-level."""
    from cbm.models import MeasureType

    child = MeasureType.objects.filter(parent__isnull=False).order_by("pk").first()
    parent = child.parent
    url = f"/admin/cbm/measuretype/{parent.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["parent"] = child.pk
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "its own sub-types" in str(response.context["adminform"].form.errors)
    parent.refresh_from_db()
    assert parent.parent is None


@pytest.mark.parametrize(
    ("field", "value"), [("in_force_on", "1900-01-01"), ("ended_on", "1900-01-01")]
)
def test_an_instrument_cannot_enter_into_force_or_end_before_it_is_signed(
    admin_client, field, value
):
    """Dates out of their order (in force or ended before signature) are a form error on the
    instrument, not a timeline bar drawn backwards; the instrument keeps its dates."""
    from cbm.models import Instrument

    instrument = Instrument.objects.filter(signed_on__isnull=False).order_by("pk").first()
    before = (instrument.in_force_on, instrument.ended_on)
    url = f"/admin/cbm/instrument/{instrument.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data[field] = value
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    instrument.refresh_from_db()
    assert (instrument.in_force_on, instrument.ended_on) == before


def test_a_cue_lists_language_cannot_leave_the_terms_that_use_it(admin_client):
    """Changing an English list used by English terms to Russian is a form error naming a term
    (their cues would be read in another language); the list keeps its language. So is a term
    that needs a list of another language."""
    from cbm.models import CueList

    cue_list = CueList.objects.filter(language="en", terms__isnull=False).distinct().first()
    url = f"/admin/cbm/cuelist/{cue_list.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["language"] = "ru"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "of another language use this list" in str(response.context["adminform"].form.errors)
    cue_list.refresh_from_db()
    assert cue_list.language == "en"

    term = Term.objects.filter(cue_list=cue_list).first()
    url = f"/admin/cbm/term/{term.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["cue_list"] = CueList.objects.create(slug="zz-ru", name="zz ru", language="ru").pk
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "another language than the term" in str(response.context["adminform"].form.errors)
    assert Term.objects.get(pk=term.pk).cue_list == cue_list


def _with_new_terms(data, prefix, *texts):
    """The posted change form with new rows added to its term inline."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for n, text in enumerate(texts, start=total):
        data.update(
            {
                f"{prefix}-{n}-kind": "phrase",
                f"{prefix}-{n}-text": text,
                f"{prefix}-{n}-window": "8",
                f"{prefix}-{n}-language": "en",
                f"{prefix}-{n}-is_active": "on",
            }
        )
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(texts))
    return data


@pytest.mark.parametrize("model", ["measuretype", "instrument", "actor"])
def test_the_same_new_term_twice_in_one_list_is_a_form_error(admin_client, model):
    """Two rows of a term list that are the same term are refused on the form with a message
    (the database's rule for measure types and instruments has a condition, which the list
    did not check across its rows: a server error), and no term is added."""
    from django.apps import apps

    target = apps.get_model("cbm", model).objects.order_by("pk").first()
    url = f"/admin/cbm/{model}/{target.pk}/change/"
    before = Term.objects.count()
    data = _with_new_terms(change_form_data(admin_client.get(url)), "terms", "zz new", "zz new")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert Term.objects.count() == before
    errors = [i.formset.non_form_errors() for i in response.context["inline_admin_formsets"]]
    assert "the same term" in str(errors)


def test_an_actor_term_cannot_repeat_one_the_actor_has(admin_client):
    """An actor's term with the words of one it already has is refused, as a measure type's
    or an instrument's is."""
    term = Term.objects.filter(actor__isnull=False, language="en").order_by("pk").first()
    url = f"/admin/cbm/actor/{term.actor_id}/change/"
    data = _with_new_terms(change_form_data(admin_client.get(url)), "terms", term.text)
    data["terms-" + str(int(data["terms-TOTAL_FORMS"]) - 1) + "-kind"] = term.kind
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "already has a term of this kind" in str(response.content.decode())
    assert Term.objects.filter(actor=term.actor_id, text=term.text).count() == 1


@pytest.mark.parametrize("name", ["A; B", "—", "Foo*bar"])
def test_an_actor_cannot_be_renamed_to_words_the_finder_cannot_read(admin_client, name):
    """An actor's name is also how texts are searched for it: a name the term notation cannot
    read is a form error with the reason; the actor keeps its name."""
    from cbm.models import Actor

    actor = Actor.objects.order_by("pk").first()
    url = f"/admin/cbm/actor/{actor.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["name"] = name
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert Actor.objects.get(pk=actor.pk).name == actor.name


@pytest.mark.parametrize("targets", [{}, {"measure_type": 1, "instrument": 1}])
def test_a_term_without_one_target_is_told_so_once(admin_client, targets):
    """No target, or two: the form said so twice, in two wordings (Term.clean's and the
    database rule's), run together in one list. Once now, the rule's, which says what to do."""
    page = admin_client.get("/admin/cbm/term/add/")
    data = {**change_form_data(page), "text": "notice", "kind": "phrase", "language": "en"}
    for field in ("measure_type", "instrument", "actor"):
        data.pop(field, None)
    response = admin_client.post("/admin/cbm/term/add/", {**data, **targets})
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors == [
        "A term signals exactly one thing: choose a measure type, an instrument or an actor, "
        "and leave the other two empty."
    ]


def test_a_page_pasted_into_a_search_box_is_searched_by_its_first_words(admin_client):
    """A search of 1,200 words (a page pasted into the box) was refused by SQLite ("Expression
    tree is too large") and answered as "database unavailable" (503); the list looks for the
    first 100 words and says so, in the admin's language."""
    passage = Passage.objects.order_by("pk").first()
    words = passage.text.split()
    pasted = " ".join((words * (1200 // len(words) + 1))[:1200])
    for url, said in [
        ("/admin/cbm/passage/", "The search looked for its first 100 words of 1200"),
        ("/ru/admin/cbm/mention/?status__exact=all", "Поиск учел первые 100 слов из 1200"),
    ]:
        response = admin_client.get(url, {"q": pasted})
        assert response.status_code == 200, url
        assert said in response.content.decode()
    assert (
        passage in admin_client.get("/admin/cbm/passage/", {"q": pasted}).context["cl"].result_list
    )
