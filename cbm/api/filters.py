"""Filters for the API. A malformed value is a 400 that names the parameter (django-filter);
an unknown parameter is a 400 too, never silently ignored."""

import re

import django_filters as filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from ..models import (
    Actor,
    Category,
    Citation,
    Document,
    Instrument,
    MeasureType,
    Mention,
    Passage,
    Position,
    Span,
    Stance,
)
from ..models.texts import undated_last
from ..search import QUERY_MAX

# A text's language, as documents have it (an unknown code is a 400 naming it, not an empty list).
LANGUAGE_CHOICES = Document._meta.get_field("language").choices

# Parameters every list understands besides its filters.
COMMON_PARAMETERS = {"page", "page_size", "format"}
FREE_TEXT = {"search", "q"}  # words to look for, as on the search page
# The messages below are in the active language: English for the API (never prefixed), the
# curator's where the admin checks an export's filters (/ru/admin/ → Russian).
SEARCH_TOO_LONG = gettext_noop(
    "Your search is too long: use at most %(limit)d characters (it has %(length)d). "
    "A few distinctive words find more."
)


class StrictFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) in ("list", "annotations"):
            # An unknown ?format= is refused before this, by cbm.api.negotiation.
            filterset_class = self.get_filterset_class(view, queryset)
            known = set(filterset_class.base_filters) if filterset_class else set()
            known |= COMMON_PARAMETERS
            if getattr(view, "keyset", False):
                known.add("cursor")
            if getattr(view, "search_fields", None):
                known.add("search")
            if getattr(view, "ordering_fields", None):
                known.add("ordering")
                self.check_ordering(request, view)
            empty = sorted(name for name, value in request.query_params.items() if value == "")
            if empty:
                raise ValidationError(
                    {
                        name: _("is empty: give a value or leave the parameter out.")
                        for name in empty
                    }
                )
            # Free text longer than the search page takes: SQLite refuses a condition per word
            # past a few hundred words, and no search needs them.
            long = {
                name: _(SEARCH_TOO_LONG) % {"limit": QUERY_MAX, "length": len(value)}
                for name, value in request.query_params.items()
                if name in FREE_TEXT and len(value) > QUERY_MAX
            }
            if long:
                raise ValidationError(long)
            unknown = sorted(set(request.query_params) - known)
            if unknown:
                raise ValidationError(
                    {
                        name: _("unknown parameter; this list takes: %(names)s.")
                        % {"names": ", ".join(sorted(known))}
                        for name in unknown
                    }
                )
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not set(filterset_class.base_filters) & set(
            request.query_params
        ):
            # No filter asked for: the filterset would change nothing (every filter passes an
            # absent value through); building its form costs more than some queries.
            return queryset
        return super().filter_queryset(request, queryset, view)

    @staticmethod
    def check_ordering(request, view):
        """DRF drops unknown ordering fields silently; say so instead."""
        allowed = set(view.ordering_fields)
        for term in request.query_params.get("ordering", "").split(","):
            if term and term.lstrip("-") not in allowed:
                raise ValidationError(
                    {
                        "ordering": _("%(term)s is not one of: %(names)s.")
                        % {"term": repr(term), "names": ", ".join(sorted(allowed))}
                    }
                )


class DatesLastOrderingFilter(OrderingFilter):
    """?ordering= as DRF reads it, but a date of publication sorts undated rows last in
    either direction, on every database, by the rule of the lists' own order (undated_last())."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering or ordering is getattr(view, "ordering", None):
            return ordering
        return [undated_last(term) if term.endswith("published_on") else term for term in ordering]


class AsciiIntegerField(forms.IntegerField):
    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"-?[0-9]+", str(value)):
            raise forms.ValidationError("Enter a whole number.", code="invalid")
        return super().to_python(value)


class IntegerFilter(filters.NumberFilter):
    """An id: a whole number in ASCII digits within the database's range ("1.5" is refused,
    not rounded; 10^20 is refused, not sent to the database)."""

    field_class = AsciiIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class IsoDateField(forms.DateField):
    """YYYY-MM-DD in ASCII digits only, as the schema says (Django alone would also take
    10/25/06, and Python's strptime takes digits of any script)."""

    def to_python(self, value):
        if value not in self.empty_values and not ISO_DATE.fullmatch(str(value)):
            raise forms.ValidationError("Enter a date as YYYY-MM-DD.", code="invalid")
        return super().to_python(value)


class IsoDateFilter(filters.DateFilter):
    field_class = IsoDateField


def iso_date(field_name, lookup_expr, help_text):
    return IsoDateFilter(field_name=field_name, lookup_expr=lookup_expr, help_text=help_text)


class StrictBooleanField(forms.Field):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value not in ("true", "false"):
            raise forms.ValidationError("Enter true or false.", code="invalid")
        return value == "true"


class StrictBooleanFilter(filters.BooleanFilter):
    """true or false; django-filter's BooleanFilter ignores anything else silently."""

    field_class = StrictBooleanField


def slug_filter(model, field_name, help_text, **kwargs):
    return filters.ModelChoiceFilter(
        field_name=field_name,
        to_field_name="slug",
        queryset=model.objects.all(),
        help_text=help_text,
        **kwargs,
    )


class PeriodForm(forms.Form):
    def clean(self):
        data = super().clean()
        after, before = data.get("published_after"), data.get("published_before")
        if after and before and after > before:
            self.add_error("published_before", _("The period must start before it ends."))
        return data


class PeriodFilterSet(filters.FilterSet):
    """A list with a period, published_after to published_before (each subclass says on what
    date): one that ends before it starts is a 400 naming published_before, as
    /api/v1/search/ and the search page say, not an empty list without a word why."""

    def get_form_class(self):
        form = super().get_form_class()
        return type(form.__name__, (PeriodForm, form), {})


class LinkFilter(PeriodFilterSet):
    document = IntegerFilter(field_name="passage__document", help_text="Document id.")
    document_kind = filters.ChoiceFilter(
        field_name="passage__document__kind",
        choices=Document.Kind.choices,
        help_text="Kind of document.",
    )
    publisher = filters.CharFilter(
        field_name="passage__document__publisher",
        lookup_expr="iexact",
        help_text="Publisher (exact, any case).",
    )
    published_after = iso_date(
        "passage__document__published_on", "gte", "Published on or after (YYYY-MM-DD)."
    )
    published_before = iso_date(
        "passage__document__published_on", "lte", "Published on or before (YYYY-MM-DD)."
    )
    status = filters.ChoiceFilter(
        choices=Span.Status.choices,
        help_text="Review status (anyone but curators only sees accepted links).",
    )
    origin = filters.ChoiceFilter(
        choices=Span.Origin.choices, help_text="Suggested by the matcher, or made by a curator."
    )
    actor = filters.CharFilter(
        method="filter_actor",
        help_text="Actor slug: links in passages that name the actor (e.g. russia).",
    )
    language = filters.ChoiceFilter(
        field_name="passage__language",
        choices=LANGUAGE_CHOICES,
        help_text="Language code of the text, e.g. ru.",
    )
    public = StrictBooleanFilter(
        method="filter_public",
        help_text=(
            "true: only what anyone may see (accepted, in documents not withdrawn), as the "
            "public pages show them and their downloads ask, even for a curator."
        ),
    )

    def filter_public(self, queryset, name, value):
        # The one rule of the public pages: SpanQuerySet.public().
        return queryset.public() if value else queryset

    def filter_actor(self, queryset, name, value):
        actor = Actor.objects.filter(slug=value).first()
        if actor is None:
            raise ValidationError({"actor": f"no actor with slug {value!r}."})
        return queryset.filter(passage__text__icontains=actor.name)


class MentionFilter(LinkFilter):
    measure_type = slug_filter(MeasureType, "measure_type", "Measure type slug.")
    category = slug_filter(Category, "measure_type__category", "Category slug.")
    measure_type_family = slug_filter(
        MeasureType,
        "measure_type",
        "Measure type slug: its mentions and its sub-types' (as on its page).",
        method="filter_family",
    )
    instrument = slug_filter(
        Instrument,
        "measure_type__legal_bases__provision__instrument",
        "Instrument slug: mentions of the measure types it establishes.",
        distinct=True,
    )

    class Meta:
        model = Mention
        fields: list = []

    def filter_family(self, queryset, name, value):
        return queryset.filter(measure_type__in=MeasureType.objects.family(value.slug))


class CitationFilter(LinkFilter):
    instrument = slug_filter(Instrument, "instrument", "Instrument slug.")

    class Meta:
        model = Citation
        fields: list = []


class PassageFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_text", help_text="Words the passage contains (all of them, any case)."
    )
    measure_type = slug_filter(
        MeasureType,
        "mention__measure_type",
        "Measure type slug: passages with an accepted mention of it.",
        method="filter_measure_type",
    )
    document = IntegerFilter(field_name="document", help_text="Document id.")
    language = filters.ChoiceFilter(
        choices=LANGUAGE_CHOICES, help_text="Language code of its document, e.g. ru."
    )

    class Meta:
        model = Passage
        fields: list = []

    def filter_text(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(text__icontains=word)
        return queryset

    def filter_measure_type(self, queryset, name, value):
        # One condition on one mention: accepted AND of this type. (Two filter() calls over a
        # multi-valued relation may match two different mentions, and leaked pending links.)
        accepted = Mention.objects.public().filter(passage=OuterRef("pk"), measure_type=value)
        return queryset.filter(Exists(accepted))


class DocumentFilter(PeriodFilterSet):
    kind = filters.ChoiceFilter(choices=Document.Kind.choices, help_text="Kind of document.")
    publisher = filters.CharFilter(lookup_expr="iexact", help_text="Publisher (exact, any case).")
    published_after = iso_date("published_on", "gte", "YYYY-MM-DD")
    published_before = iso_date("published_on", "lte", "YYYY-MM-DD")
    language = filters.ChoiceFilter(choices=LANGUAGE_CHOICES, help_text="Language code, e.g. en.")

    class Meta:
        model = Document
        fields: list = []


class ActorFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(
        choices=Actor.Kind.choices, help_text="state, alliance or organisation."
    )
    # A strict true/false: django-filter's BooleanFilter ignores a malformed value silently.
    historical = StrictBooleanFilter(help_text="true: no longer exists (USSR, Warsaw Pact …).")

    class Meta:
        model = Actor
        fields: list = []


class PositionFilter(LinkFilter):
    actor = slug_filter(Actor, "actor", "Actor slug: whose positions.")
    stance = filters.ChoiceFilter(choices=Stance.choices, help_text="Stance.")
    measure_type = slug_filter(MeasureType, "measure_type", "Measure type slug.")
    measure_type_family = slug_filter(
        MeasureType,
        "measure_type",
        "Measure type slug: positions on it and on its sub-types (as on its page).",
        method="filter_family",
    )
    instrument = slug_filter(Instrument, "instrument", "Instrument slug.")

    class Meta:
        model = Position
        fields: list = []

    def filter_family(self, queryset, name, value):
        return queryset.filter(measure_type__in=MeasureType.objects.family(value.slug))
