"""Numbers read one way on every public page: "25,000 troops", "1,234 passages found"."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from cbm.models import Threshold
from cbm.templatetags.registry import number

from .test_pages import demo  # noqa: F401  (the demo registry: seeds and gold links)

TEMPLATES = Path(__file__).resolve().parent.parent / "cbm" / "templates" / "cbm"
# What a page prints as a count or figure: these must go through |number.
COUNT_LIKE = re.compile(
    r"(count|num_pages|\bn\b|\bn_\w+|\.value\b|gold_links|paragraphs|page\.number)"
)


@pytest.mark.parametrize(
    "value,shown",
    [(25000, "25,000"), (1234, "1,234"), (999, "999"), (0, "0"), (True, True), ("x", "x")],
)
def test_the_number_filter(value, shown):
    """Thousands separated by commas; what is not a whole number is left alone."""
    assert number(value) == shown


def test_the_number_filter_in_russian():
    """On the Russian pages, thousands are separated by a non-breaking space."""
    with translation.override("ru"):
        assert number(25000) == "25\xa0000"


def printed_expressions(template: str) -> list[str]:
    """What a template prints: {{ … }} outside translated blocks, and the values a
    {% blocktranslate with … %} or {% with … %} names for its placeholders (except `count`,
    which only chooses the plural form)."""
    blocks = re.compile(r"{% blocktranslate.*?%}.*?{% endblocktranslate %}", re.S)
    tags = re.findall(r"{% (?:blocktranslate|with) ([^%]*)%}", template)
    named = [
        value for tag in tags for name, value in re.findall(r"(\w+)=(\S+)", tag) if name != "count"
    ]
    return re.findall(r"{{\s*([^}]+?)\s*}}", blocks.sub("", template)) + named


def test_every_count_on_a_public_template_goes_through_number():
    """No template prints a count or figure raw (a new one fails here until it uses |number)."""
    raw = []
    for path in sorted(TEMPLATES.glob("*.html")):
        for expression in printed_expressions(path.read_text()):
            variable, *filters = expression.split("|")
            if "_page_number" in variable:  # page numbers in links' URLs stay as they are
                continue
            formats = ("number", "pluralize", "floatformat")
            if COUNT_LIKE.search(variable) and not any(f.startswith(formats) for f in filters):
                raw.append(f"{path.name}: {{{{ {expression} }}}}")
    assert not raw, "\n".join(raw)


def test_number_renders_in_a_template():
    assert (
        Template("{% load registry %}{{ n|number }} troops").render(Context({"n": 25000}))
        == "25,000 troops"
    )


VISIBLE_TEXT = re.compile(r"<(script|style|blockquote|textarea|mark|code)\b.*?</\1>|<[^>]+>", re.S)
UNFORMATTED = re.compile(r"(?<![\d.,:/-])\d{4,}(?![\d.,:/-])")


def unformatted_numbers(html: str) -> list[str]:
    """4+-digit runs in the page's own words (not quotations, URLs or attributes); years
    (1900–2099) are not counts."""
    text = VISIBLE_TEXT.sub(" ", html)
    return [n for n in UNFORMATTED.findall(text) if not (len(n) == 4 and 1900 <= int(n) <= 2099)]


@pytest.mark.django_db
def test_rendered_pages_show_no_unformatted_counts(client, demo):  # noqa: F811
    """Every page kind, with a threshold of 25,000: no raw 4+-digit number in the page's text."""
    threshold = Threshold.objects.select_related("legal_basis__measure_type").first()
    Threshold.objects.filter(pk=threshold.pk).update(value=25000)
    measure = threshold.legal_basis.measure_type
    instrument = threshold.legal_basis.provision.instrument
    urls = [
        "/",
        "/measures/",
        measure.get_absolute_url(),
        "/instruments/",
        instrument.get_absolute_url(),
        "/actors/",
        "/documents/",
        "/search/?q=troops",
        "/about/quality/",
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert not unformatted_numbers(html), (url, unformatted_numbers(html))
    assert "25,000" in client.get(measure.get_absolute_url()).content.decode()
    assert "25,000" in client.get(instrument.get_absolute_url()).content.decode()
