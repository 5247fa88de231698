"""The public pages and the admin in English and Russian.

A page's language is its address: /measures/ is English (the addresses the site always had),
/ru/measures/ Russian; the admin likewise (/admin/, /ru/admin/). Nothing else decides it, no
cookie or Accept-Language: an address is shared, cached and crawled as one page, and a curator
switches with the same links as a reader. The API (never prefixed) stays English for every
client, with the same messages.

Curated text (names, definitions, provisions' titles, thresholds' words …) is translated by
curators in a field per language beside the English one (`name_ru` beside `name`); a page shows
it when it is filled in, else the English, marked as English. Quoted words (a provision's
quotation, a document's title and body) are never translated: they are shown as written, marked
with their own language.
"""

from django import forms
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

DEFAULT = settings.LANGUAGE_CODE
# The names of the languages documents are written in (cbm.language.LANGUAGES), in the page's
# language.
LANGUAGE_NAMES = {
    "en": _("English"),
    "ru": _("Russian"),
    "uk": _("Ukrainian"),
    "be": _("Belarusian"),
}


def language_prefix(language: str) -> str:
    """The start of a page's address in this language: "/ru", or "" for the default."""
    return "" if language == DEFAULT else f"/{language}"


def path_in(language: str, path: str) -> str:
    """The same public page in another language: /ru/measures/x/ ↔ /measures/x/."""
    current = translation.get_language_from_path(path)
    if current and current != DEFAULT:
        path = path[len(current) + 1 :] or "/"
    return language_prefix(language) + path


def is_default(language: str | None = None) -> bool:
    language = language or translation.get_language() or DEFAULT
    return translation.get_supported_language_variant(language) == DEFAULT


def translated(obj, field: str, language: str | None = None) -> tuple[str, str]:
    """The text of obj.field in the page's language if a curator gave it, and its language:
    ("Уведомление о военной деятельности", "ru"), or the English and "en"."""
    language = language or translation.get_language() or DEFAULT
    if not is_default(language):
        text = getattr(obj, f"{field}_{language}", "")
        if text:
            return text, language
    return getattr(obj, field), "en"


def short_date(day) -> str:
    """A date in a list or a chart: "9 Jan 2026"; in Russian "9 января 2026" (the month
    declined: Django's abbreviation, "Янв", is capitalised and undeclined)."""
    return formats.date_format(day, "j M Y" if is_default() else "j E Y")


def long_date(day) -> str:
    """A date in a sentence or a citation, as a document's page dates it: "9 January 2026"; in
    Russian "9 января 2026" (the month declined)."""
    return formats.date_format(day, "j E Y")


def short_month(day, *, year: bool = True) -> str:
    """A month on a chart's axis: "Jan 2022"; in Russian "янв 2022" (Django's Russian
    abbreviation, lowercase as Russian writes it: "M" capitalises it, "Янв")."""
    month = formats.date_format(day, "M" if is_default() else "b")
    return f"{month} {day.year}" if year else month


def display_name(obj) -> str:
    """A row's name in the page's language: an instrument's short name, anything else's name
    (actors, measure types)."""
    return translated(obj, "short_name" if hasattr(obj, "short_name") else "name")[0]


class ListedChoices(forms.models.ModelChoiceIterator):
    """A small table's rows read by one plain query. Django's iterator() would open a
    server-side cursor: as a page's template renders after the request's transaction, on
    PostgreSQL that is DECLARE … WITH HOLD (the rows copied aside), a FETCH and a CLOSE for each
    menu — three round trips where one will do."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset.all()]
        if getattr(self.field, "alphabetical", False):
            # By the name shown, as the actors' page sorts: the query can only sort by the
            # English one, which on /ru/ is no order at all.
            choices.sort(key=lambda choice: str(choice[1]).casefold())
        yield from choices


class TranslatedChoiceField(forms.ModelChoiceField):
    """Measure types, categories or instruments offered by the names a page shows (in the
    names' alphabetical order if alphabetical, else in the queryset's)."""

    iterator = ListedChoices

    def __init__(self, *args, alphabetical=False, **kwargs):
        self.alphabetical = alphabetical
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return translated(obj, "short_name" if hasattr(obj, "short_name") else "name")[0]


class LanguageFromPathMiddleware:
    """Activates the language the address names (/ru/…), else the default: unlike Django's
    LocaleMiddleware, never the Accept-Language header or a cookie (see the module's note)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or DEFAULT
        # For this request only: the next one (in this thread) starts from the default again.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
