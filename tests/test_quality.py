"""The ranker and the published quality: suggestions carry a confidence the queue sorts by and
a curator's threshold hides; each measure type's page and API resource show precision and recall
on the test split; curators see each term's record."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cbm.ingest import ingest_bytes
from cbm.models import Mention, QualityFigure, Ranker, Span, Term
from cbm.quality import dump_quality, evaluate_folder, load_quality, publish

from .conftest import ROOT

pytestmark = pytest.mark.django_db
HELDOUT = ROOT / "fixtures" / "heldout" / "gold"
QUEUE = reverse("admin:cbm_mention_changelist")


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_user("cora", password="pw-long-42", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


@pytest.fixture
def published():
    result = evaluate_folder(HELDOUT)
    publish(result, dataset="fixtures/heldout/gold")
    return result


def test_train_ranker_stores_readable_weights_and_suggestions_get_a_confidence():
    out = StringIO()
    call_command("train_ranker", str(HELDOUT), str(ROOT / "fixtures" / "gold"), stdout=out)
    ranker = Ranker.objects.current()
    assert ranker.examples > 30 and "weights" in out.getvalue()
    assert any(name.startswith("t:") for name in ranker.weights["features"])
    text = b"Russia notified the OSCE of the exercise in advance. A hotline was set up."
    ingest_bytes(text, source_name="r.txt")
    confidences = list(Mention.objects.values_list("confidence", flat=True))
    assert confidences and all(0 <= c <= 1 for c in confidences)


def test_a_bad_threshold_is_refused():
    with pytest.raises(Exception, match="between 0 and 1"):
        call_command("train_ranker", str(HELDOUT), "--threshold", "2", stdout=StringIO())


def test_the_queue_shows_the_likeliest_first_and_hides_what_is_below_the_threshold(client, curator):
    call_command("train_ranker", str(HELDOUT), stdout=StringIO())
    ingest_bytes(
        b"A hotline was set up between the armies.\n\nObservers watched the exercise.",
        source_name="q.txt",
    )
    mentions = list(Mention.objects.order_by("confidence"))
    assert len(mentions) >= 2
    low, high = mentions[0], mentions[-1]
    Ranker.objects.update(threshold=(low.confidence + high.confidence) / 2)
    assert low.confidence < high.confidence

    def marked(quote, query=""):
        return f"<mark>{quote}</mark>" in client.get(QUEUE + query).content.decode()

    assert marked(high.quote) and not marked(low.quote)
    assert marked(low.quote, "?likely=all") and marked(low.quote, "?likely=unlikely")


def test_measure_type_page_and_api_show_the_test_figures(client, published):
    figure = QualityFigure.objects.for_measure_type("observation")
    page = client.get("/measures/observation/").content.decode()
    assert f"recall {figure.recall:.2f} on {figure.gold_links} labelled paragraph" in page
    data = client.get("/api/v1/measure-types/observation/").json()["suggestion_quality"]
    assert data["recall"] == figure.recall and data["labelled_paragraphs"] == figure.gold_links
    assert data["measured_on"] == figure.measured_on.isoformat()
    assert (
        client.get("/api/v1/measure-types/hazardous-incidents/").json()["suggestion_quality"]
        is None
    )


def test_the_measure_types_list_reads_the_figures_in_one_query(client, published):
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/measure-types/?page_size=100")
    assert sum("cbm_qualityfigure" in q["sql"] for q in queries.captured_queries) == 1


def test_about_quality_explains_the_method_and_shows_the_table(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        page = client.get("/about/quality/").content.decode()
    assert "frozen" in page and "Precision" in page
    assert "Observation of military activities" in page


def test_published_figures_survive_a_round_trip_through_the_fixture_file(tmp_path, published):
    path = tmp_path / "quality.yaml"
    dump_quality(path)
    before = sorted(QualityFigure.objects.values_list("kind", "slug", "precision", "recall"))
    QualityFigure.objects.all().delete()
    assert load_quality(path) == len(before)
    assert (
        sorted(QualityFigure.objects.values_list("kind", "slug", "precision", "recall")) == before
    )


def test_the_term_admin_shows_each_terms_record_sortable(client, curator):
    # a bare hotline is a measure only beside an arms-control cue (not a consumer hotline)
    ingest_bytes(
        b"A hotline was set up between the armies.\n\nNo hotline between the armies now.",
        source_name="h.txt",
    )
    hotline = Term.objects.get(text="hotline*")
    links = Mention.objects.filter(term=hotline)
    assert links.count() == 2
    first, second = links
    Mention.objects.filter(pk=first.pk).update(status=Span.Status.ACCEPTED)
    Mention.objects.filter(pk=second.pk).update(status=Span.Status.REJECTED)
    url = reverse("admin:cbm_term_changelist")
    page = client.get(url + "?q=hotline&o=-9").content.decode()
    assert "acceptance rate" in page.lower() and "50%" in page
    assert client.get(url + "?o=-11").status_code == 200


def test_generic_words_are_measures_only_in_their_context():
    """A consumer hotline and a customs inspection are no measures; notice of a launch is
    launch notification, not notice of military activities (the cue lists decide)."""
    ingest_bytes(
        b"Call the consumer hotline.\n\nCustoms inspects the cargo for compliance.\n\n"
        b"Russia will notify the United States of a missile launch in advance.",
        source_name="g.txt",
    )
    slugs = set(Mention.objects.values_list("measure_type__slug", flat=True))
    assert slugs == {"missile-launch-notification"}
