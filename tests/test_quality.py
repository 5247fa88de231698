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
from cbm.quality import (
    dump_quality,
    evaluate_folder,
    load_quality,
    load_quality_files,
    publish,
    quality_file,
)

from .conftest import ROOT

pytestmark = pytest.mark.django_db
HELDOUT = ROOT / "fixtures" / "heldout" / "gold"
EVAL_RU = ROOT / "fixtures" / "eval" / "ru"
SEED_GOLD = ROOT / "fixtures" / "gold"
STAND_IN = "fixtures/gold (standing in for a Russian set)"
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


@pytest.fixture
def published_ru(published):
    """Figures published as Russian beside the English. What is tested is how a second
    language is stored and shown, so other (English) paragraphs stand in for the Russian set:
    the test database has no Russian lexicon (test_russian measures that), and the frozen test
    split is run only by the person publishing."""
    result = evaluate_folder(SEED_GOLD)
    publish(result, dataset=STAND_IN, language="ru")
    return result


def test_a_languages_figures_are_stored_beside_the_others(
    published_ru,
):
    languages = set(QualityFigure.objects.values_list("language", flat=True))
    assert languages == {"en", "ru"}
    ru = QualityFigure.objects.for_measure_type("advance-notice", "ru")
    assert ru.dataset == STAND_IN and ru.gold_links > 0
    overall = QualityFigure.objects.get(language="ru", kind="overall")
    assert overall.paragraphs == published_ru.paragraphs
    assert QualityFigure.objects.get(language="en", kind="overall").paragraphs != overall.paragraphs


def test_republishing_one_language_keeps_the_others(tmp_path, published_ru):
    russian = sorted(
        QualityFigure.objects.filter(language="ru").values_list("kind", "slug", "recall")
    )
    publish(evaluate_folder(HELDOUT), dataset="again", language="en")
    assert QualityFigure.objects.filter(language="en").first().dataset == "again"
    assert (
        sorted(QualityFigure.objects.filter(language="ru").values_list("kind", "slug", "recall"))
        == russian
    )
    # and loading one language's file leaves the other language's figures alone
    dump_quality(quality_file(tmp_path, "en"), "en")
    load_quality(quality_file(tmp_path, "en"))
    assert QualityFigure.objects.filter(language="ru").count() == len(russian)


def test_measure_type_page_and_api_show_each_languages_figures(client, published_ru):
    en = QualityFigure.objects.for_measure_type("advance-notice", "en")
    ru = QualityFigure.objects.for_measure_type("advance-notice", "ru")
    assert (en.recall, en.gold_links) != (ru.recall, ru.gold_links)
    page = client.get("/measures/advance-notice/").content.decode()
    for name, figure in (("English", en), ("Russian", ru)):
        assert f"{name}: precision {figure.precision:.2f}, recall {figure.recall:.2f} on " in page
        assert f"of {figure.paragraphs} test paragraphs" in page
    assert page.index("English: precision") < page.index("Russian: precision")
    russian_page = client.get("/ru/measures/advance-notice/").content.decode()
    assert f"{ru.recall:.2f}".replace(".", ",") in russian_page or f"{ru.recall:.2f}" in (
        russian_page
    )
    data = client.get("/api/v1/measure-types/advance-notice/").json()
    by_language = data["suggestion_quality_by_language"]
    assert set(by_language) == {"en", "ru"}
    assert by_language["ru"]["recall"] == ru.recall and by_language["ru"]["language"] == "ru"
    assert by_language["ru"]["dataset"] == STAND_IN
    assert by_language["en"]["labelled_paragraphs"] == en.gold_links
    assert data["suggestion_quality"] == by_language["en"]  # the English, as it always was


def test_the_measure_type_page_reads_every_language_in_one_query(client, published):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/measures/advance-notice/").status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    QualityFigure.objects.exclude(language="en").delete()  # (the committed files are loaded)
    english_only = queries()
    publish(evaluate_folder(SEED_GOLD), dataset=STAND_IN, language="ru")
    both = queries()
    assert len(both) == len(english_only)
    # one for the type's figures, one for the positions' (its positions section), whatever the
    # number of languages
    assert sum("cbm_qualityfigure" in q for q in both) == 2


def test_about_quality_has_a_table_per_language_with_its_data_set_and_date(
    client, published_ru, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        page = client.get("/about/quality/").content.decode()
    english = page[page.index('id="quality-en"') : page.index('id="quality-ru"')]
    russian = page[page.index('id="quality-ru"') : page.index('id="positions"')]
    assert "<h2>English</h2>" in english and "fixtures/heldout/gold" in english
    assert "<h2>Russian</h2>" in russian and STAND_IN in russian
    assert english.count("<table>") == russian.count("<table>") == 2
    en = QualityFigure.objects.for_measure_type("advance-notice", "en")
    ru = QualityFigure.objects.for_measure_type("advance-notice", "ru")
    assert f"<td>{en.recall:.2f}</td>" in english and f"<td>{ru.recall:.2f}</td>" in russian
    ru_page = client.get("/ru/about/quality/").content.decode()
    assert 'id="quality-ru"' in ru_page and STAND_IN in ru_page


def test_publishing_a_russian_set_writes_its_own_file_and_keeps_the_english(
    tmp_path, monkeypatch, published
):
    """`evaluate_matcher fixtures/eval/ru --split test --publish` (here on a copy of one dev
    paragraph marked test) stores Russian figures and writes quality-ru.yaml only."""
    import yaml

    from cbm.management.commands import evaluate_matcher

    entry = next(e for e in yaml.safe_load((EVAL_RU / "a.yaml").read_text()) if e["split"] == "dev")
    folder = tmp_path / "sets" / "ru"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text(
        yaml.safe_dump([{**entry, "split": "test"}], allow_unicode=True), encoding="utf-8"
    )
    registry = tmp_path / "registry"
    registry.mkdir()
    monkeypatch.setattr(evaluate_matcher, "REGISTRY", registry)
    english = QualityFigure.objects.filter(language="en").count()
    out = StringIO()
    call_command("evaluate_matcher", str(folder), "--split", "test", "--publish", stdout=out)
    assert "for language ru" in out.getvalue()
    assert [p.name for p in registry.iterdir()] == ["quality-ru.yaml"]
    assert QualityFigure.objects.filter(language="en").count() == english
    assert QualityFigure.objects.get(language="ru", kind="overall").paragraphs == 1
    saved = yaml.safe_load((registry / "quality-ru.yaml").read_text(encoding="utf-8"))
    assert saved["language"] == "ru" and saved["figures"]


def test_load_registry_loads_every_languages_file():
    """The committed files: English and Russian figures of the frozen test splits."""
    QualityFigure.objects.all().delete()
    assert load_quality_files(ROOT / "fixtures" / "registry") > 0
    loaded = set(QualityFigure.objects.of("links").values_list("language", "dataset"))
    assert loaded == {
        ("en", "fixtures/eval/en (test split, terms and the measure-type model)"),
        ("ru", "fixtures/eval/ru (test split, terms and the measure-type model)"),
    }


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


def test_published_figures_survive_a_round_trip_through_the_fixture_files(tmp_path, published_ru):
    for language in ("en", "ru"):
        for subject in ("links", "positions"):
            dump_quality(quality_file(tmp_path, language, subject), language, subject)
    fields = ("language", "kind", "slug", "precision", "recall", "dataset", "measured_on")
    before = sorted(QualityFigure.objects.values_list(*fields))
    QualityFigure.objects.all().delete()
    assert load_quality_files(tmp_path) == len(before)
    assert sorted(QualityFigure.objects.values_list(*fields)) == before


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
