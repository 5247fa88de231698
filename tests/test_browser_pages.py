"""A reader's visit in a real browser: home, a measure type with its chart, a document with
its highlights, a search, and a citable passage."""

from django.contrib.auth import get_user_model

from cbm.gold import load_gold
from cbm.ingest import ingest_file
from cbm.models import Document

from .browser import chromium_page, screenshot
from .conftest import ARTICLE_000, ARTICLE_004, ROOT


def test_reader_browses_searches_and_cites(transactional_db, live_server):
    curator = get_user_model().objects.create_user("curator", password="a-long-password-4")
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news", suggest=False)
    load_gold(ROOT / "fixtures" / "gold", reviewer=curator)
    document = Document.objects.get(source_name=ARTICLE_004.name)

    with chromium_page() as page:
        page.goto(live_server.url + "/")
        assert page.locator("h1").inner_text().startswith("Confidence-building measures")
        assert page.locator("link[rel=stylesheet]").count() == 1
        assert (
            page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor")
            == "rgb(18, 38, 63)"
        )
        screenshot(page, "pages-home")

        page.click("text=Limits on military exercises")
        page.wait_for_selector("svg.timeline")
        assert page.locator("svg.timeline rect.bar").count() >= 1
        assert page.locator("ol.results mark").count() == 5
        screenshot(page, "pages-measure-type")

        page.goto(live_server.url + document.get_absolute_url())
        assert page.locator("p.passage").count() == 9
        assert page.locator("p.passage mark").count() >= 7
        assert (
            page.locator("#p-8 mark[title='CFE Treaty']").inner_text()
            == "1990 treaty on conventional forces"
        )
        screenshot(page, "pages-document-reader")

        page.click("#p-8 a.number")
        page.wait_for_selector("#citation")
        permalink = page.locator("#permalink").get_attribute("href")
        assert permalink.endswith(f"/documents/{document.pk}/passages/8/")
        assert "paragraph 8" in page.locator("#citation").input_value()  # a read-only field
        screenshot(page, "pages-passage-permalink")

        # The language switch is a plain link: the same paragraph in Russian, and back.
        page.click("nav.languages a[hreflang=ru]")
        page.wait_for_selector("html[lang=ru]")
        assert page.url.endswith(f"/ru/documents/{document.pk}/passages/8/")
        assert page.locator("#cite-title").inner_text() == "Как цитировать"
        assert page.locator("a[href$='/ru/instruments/cfe-treaty-1990/']").first.inner_text() == (
            "ДОВСЕ"
        )
        screenshot(page, "pages-passage-permalink-ru")
        page.click("nav.languages a[hreflang=en]")
        page.wait_for_selector("html[lang=en-gb]")
        assert page.url.endswith(f"/documents/{document.pk}/passages/8/")
        assert "/ru/" not in page.url

        page.goto(live_server.url + "/search/")
        page.fill("#id_q", "Iskander")
        page.click("form[role=search] button")
        page.wait_for_selector("ol.results mark")
        assert page.locator("ol.results mark").first.inner_text() == "Iskander"
        screenshot(page, "pages-search")

        page.goto(live_server.url + "/api/v1/docs/")
        page.wait_for_selector(".swagger-ui .opblock")  # the docs' own script ran (CSP allows it)
        screenshot(page, "api-docs")

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_server.url + document.get_absolute_url())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        screenshot(page, "pages-document-reader-phone")


PHONE = 360
# Every public page kind, with data on it: lists, records, the reader, a permalink, a search
# with results, the quality page and the API's documentation.
PAGE_KINDS = {
    "home": "/",
    "measures": "/measures/",
    "measure-type": "/measures/exercise-caps/",
    "category": "/categories/constraints-limits/",
    "instruments": "/instruments/",
    "instrument": "/instruments/cfe-treaty-1990/",
    "actors": "/actors/",
    "actor": "/actors/russia/",
    "documents": "/documents/",
    "document": "{document}",
    "passage": "{passage}",
    "search": "/search/?q=troops",
    "quality": "/about/quality/",
    "api-docs": "/api/v1/docs/",
    # Russian words are longer: the Russian pages fit too.
    "ru-home": "/ru/",
    "ru-measure-type": "/ru/measures/exercise-caps/",
    "ru-instrument": "/ru/instruments/cfe-treaty-1990/",
    "ru-passage": "/ru{passage}",
    "ru-tracker": "/ru/tracker/",
    "ru-actors": "/ru/actors/",
}

WIDEST = """() => {
  const width = document.scrollingElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
}"""


def test_no_public_page_scrolls_sideways_on_a_360_px_phone(transactional_db, live_server):
    """At 360 px every page kind fits its width (document.scrollingElement.scrollWidth), and
    the timeline's counts and the highlights' tags are visible without hover."""
    curator = get_user_model().objects.create_user("curator", password="a-long-password-4")
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news", suggest=False)
    load_gold(ROOT / "fixtures" / "gold", reviewer=curator)
    document = Document.objects.get(source_name=ARTICLE_004.name)
    urls = {
        name: url.format(
            document=document.get_absolute_url(),
            passage=document.passages.get(ordinal=8).get_absolute_url(),
        )
        for name, url in PAGE_KINDS.items()
    }

    too_wide = {}
    with chromium_page() as page:
        page.set_viewport_size({"width": PHONE, "height": 780})
        for name, url in urls.items():
            response = page.goto(live_server.url + url)
            assert response.status == 200, url
            if name == "api-docs":
                page.wait_for_selector(".swagger-ui .opblock")
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > PHONE:
                too_wide[url] = (width, page.evaluate(WIDEST))
            screenshot(page, f"phone-{name}")
            if name == "search":
                assert page.locator("ol.results li").count() >= 1
            if name == "measure-type":
                counts = page.locator("svg.timeline text.count")
                assert counts.count() >= 1 and counts.first.is_visible()
                assert page.locator("figure.chart figcaption").inner_text().endswith("(per month)")
            if name == "document":
                tag = (
                    "getComputedStyle(document.querySelector('mark.hl-treaty'), '::after').content"
                )
                assert page.evaluate(tag) == '"T"'
    assert not too_wide, "\n".join(f"{url}: {found}" for url, found in too_wide.items())
