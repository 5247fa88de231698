"""Highlights tell a measure-type mention from a treaty citation by colour and by a visible
tag, never by hover alone; focus outlines and the tags meet WCAG AA contrast."""

import re

import pytest

from cbm.highlight import highlight_excerpt, highlight_spans

from .conftest import ARTICLE_004, ROOT
from .test_pages import demo, html  # noqa: F401 (a fixture)

# The screen styles: comments and @media blocks (print, narrow screens) left out.
CSS = re.sub(
    r"/\*.*?\*/|@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}",
    "",
    (ROOT / "cbm" / "static" / "cbm" / "site.css").read_text(),
    flags=re.S,
)


def declarations(selector: str) -> dict[str, str]:
    """The declarations of every rule whose selector list holds `selector`, later ones last."""
    found = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS):
        if selector in [s.strip() for s in selectors.split(",")]:
            found.update(
                (name.strip(), value.strip())
                for name, _, value in (d.partition(":") for d in body.split(";") if ":" in d)
            )
    assert found, f"no rule for {selector}"
    return found


def colour(value: str) -> str:
    """The first #rrggbb in a value, CSS variables of :root resolved."""
    for name, defined in re.findall(r"(--[\w-]+):\s*([^;]+);", CSS):
        value = value.replace(f"var({name})", defined)
    return re.search(r"#[0-9a-fA-F]{6}", value).group(0)


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_focus_outlines_contrast_at_least_3_to_1_with_every_background_they_sit_on():
    """WCAG 2.1 AA 1.4.11: the page's outline on white, on the soft panels (filters, cite)
    and on a targeted paragraph; the header's outline on the dark header."""
    outline = colour(declarations("a:focus")["outline"])
    for background in ("#ffffff", colour("var(--bg-soft)"), colour("#fff8dc")):
        assert contrast(outline, background) >= 3, background
    header_outline = colour(declarations("header.site a:focus")["outline-color"])
    header = colour(declarations("header.site")["background"])
    assert contrast(header_outline, header) >= 3


@pytest.mark.parametrize("kind", ["measure", "treaty"])
def test_each_kind_has_its_own_colour_underline_and_a_legible_visible_tag(kind):
    """Colour and a second cue (underline style, a written tag); the tag's text contrasts
    4.5:1 with the highlight, the underline 3:1."""
    mark = declarations(f"mark.hl-{kind}")
    other = declarations(f"mark.hl-{({'measure': 'treaty', 'treaty': 'measure'})[kind]}")
    assert colour(mark["background"]) != colour(other["background"])
    assert mark["border-bottom"].split()[1] != other["border-bottom"].split()[1]  # solid/dashed
    tag = declarations(f"mark.hl-{kind}::after")
    assert tag["content"].strip('"')
    assert contrast(colour(tag["color"]), colour(mark["background"])) >= 4.5
    assert contrast(colour(mark["border-bottom"]), colour(mark["background"])) >= 3
    label = declarations(f".tag-{kind}")
    assert contrast(colour(label["color"]), colour(label["background"])) >= 4.5


def test_spans_are_classed_by_kind_and_overlaps_carry_both():
    text = "the CFE Treaty limits exercises"
    html_ = highlight_spans(text, [(4, 14, "CFE Treaty", "treaty"), (8, 31, "Caps", "measure")])
    assert html_ == (
        'the <mark class="hl-measure hl-treaty" title="CFE Treaty; Caps">'
        "CFE Treaty limits exercises</mark>"
    )
    assert '<mark class="hl-treaty">' in highlight_excerpt(text, 4, 14, kind="treaty")
    assert "<mark>CFE" in highlight_excerpt(text, 4, 14)  # no kind: a plain mark (the admin's)


@pytest.mark.django_db
def test_reader_and_permalink_explain_the_highlights_in_words(client, demo):  # noqa: F811
    """The reader and the permalink show a legend, and each linked name is tagged "Measure
    type" or "Treaty" in visible text."""
    from cbm.models import Document

    document = Document.objects.get(source_name=ARTICLE_004.name)
    reader = html(client, document.get_absolute_url())
    assert 'class="legend"' in reader
    assert re.search(r'id="p-8".*?<span class="tag tag-treaty">Treaty</span> <a', reader, re.S)
    permalink = html(client, document.passages.get(ordinal=8).get_absolute_url())
    assert 'class="legend"' in permalink and '<mark class="hl-treaty"' in permalink
    assert '<span class="tag tag-treaty">Treaty</span>' in permalink
