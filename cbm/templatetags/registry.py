"""Template filters for the public pages: registry text without curators' working notes, an
explained "unverified" badge instead, numbers written one way everywhere, and curated names in
the page's language (with the links to the page in the other languages)."""

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..language import detect_language
from ..notes import split_working_notes
from ..translation import is_default, path_in, translated
from ..translation import short_date as translation_short_date

register = template.Library()

BADGE = '<a class="unverified" href="#unverified-note" aria-describedby="unverified-note">{}</a>'


@register.filter
def public_text(text):
    """The text without working notes; a badge pointing to the page's footnote if it had any."""
    clean, unverified = split_working_notes(text)
    if unverified:
        return format_html("{} " + BADGE, clean, _("unverified"))
    return clean


@register.simple_tag
def unverified_badge():
    return format_html(BADGE, _("unverified"))


@register.filter
def number(value):
    """25000 → "25,000" (in Russian "25 000"); anything else as it is."""
    if isinstance(value, int) and not isinstance(value, bool):
        return formats.number_format(value, force_grouping=True)
    return value


@register.filter
def short_date(value):
    """A date in a list: "9 Jan 2026"; in Russian "9 января 2026" (the month declined)."""
    if not value:
        return value
    return translation_short_date(value)


@register.filter
def tr(obj, field):
    """obj.field in the page's language (name_ru on /ru/ pages) if a curator translated it;
    else the English, marked lang="en" on a page in another language."""
    text, language = translated(obj, field)
    if language == "en" and not is_default():
        return format_html('<span lang="en">{}</span>', text)
    return text


@register.filter
def tr_public(obj, field):
    """tr of a text that may hold curators' working notes: shown as public_text shows it. A
    translation of an English text with a working note ("(to check)") is unverified too."""
    text, language = translated(obj, field)
    if language == "en" and not is_default():
        return format_html('<span lang="en">{}</span>', public_text(text))
    if language != "en" and split_working_notes(getattr(obj, field))[1]:
        return format_html("{} " + BADGE, public_text(text), _("unverified"))
    return public_text(text)


@register.filter
def text_lang(text):
    """' lang="ru"' for a text quoted as written (a provision's words, a document's title) whose
    language is not the page's; nothing otherwise."""
    language = detect_language(text or "")
    if language == get_language().split("-")[0]:
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def tr_name(obj):
    """What a page calls a measure type (its name) or an instrument (its short name)."""
    return tr(obj, "short_name" if hasattr(obj, "short_name") else "name")


@register.filter
def tr_plain(obj, field):
    """The same text without markup: for titles and attributes."""
    return translated(obj, field)[0]


@register.filter
def lang_attr(obj, field):
    """' lang="en"' for an element holding obj.field in English on a page in another
    language; nothing otherwise."""
    if translated(obj, field)[1] == "en" and not is_default():
        return format_html(' lang="{}"', "en")
    return ""


@register.simple_tag(takes_context=True)
def language_links(context):
    """This page in each language the site offers: [(code, name, path, absolute URL, is this
    one)], for the switch in the header and the <link rel="alternate" hreflang> in the head.
    None on pages that are not in every language (the API's)."""
    request = context.get("request")
    if request is None:
        return []
    match = request.resolver_match
    if match is not None and not {"cbm", "admin"} & set(match.namespaces):
        return []
    current = get_language()
    full_path = request.get_full_path()
    return [
        {
            "code": code,
            "hreflang": code.split("-")[0],
            "name": name,
            "path": path_in(code, full_path),
            "url": request.build_absolute_uri(path_in(code, full_path)),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
