"""Public read-only pages. Only accepted links are ever shown; every page runs a fixed number
of queries whatever the number of rows it shows."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import DetailView, ListView, TemplateView

from . import citing
from .charts import instruments_timeline_svg, timeline_svg
from .cite_views import reference_for
from .highlight import highlight_excerpt, highlight_spans
from .models import (
    Actor,
    Category,
    Citation,
    Document,
    Instrument,
    LegalBasis,
    MeasureType,
    Mention,
    Participation,
    Passage,
    Position,
    Provision,
    QualityFigure,
)
from .paging import LargePaginator
from .provenance import describe as describe_provenance
from .queries import count_of, public_years
from .search import QUERY_MAX, SearchFilters, search_passages, snippet
from .status import derive_status
from .translation import LANGUAGE_NAMES, TranslatedChoiceField, translated

PAGE_SIZE = 20


def accepted_links_prefetch(*related):
    """Accepted mentions and citations of passages, in two queries, as .mentions/.citations
    (with the related rows named too)."""
    return [
        Prefetch(
            "mention_set",
            queryset=Mention.objects.accepted().select_related("measure_type", *related),
            to_attr="mentions",
        ),
        Prefetch(
            "citation_set",
            queryset=Citation.objects.accepted().select_related("instrument", *related),
            to_attr="citations",
        ),
    ]


def highlighted(passage) -> str:
    spans = [
        (m.start, m.end, translated(m.measure_type, "name")[0], "measure") for m in passage.mentions
    ]
    spans += [
        (c.start, c.end, translated(c.instrument, "short_name")[0], "treaty")
        for c in passage.citations
    ]
    return highlight_spans(passage.text, spans)


def filter_params(request) -> str:
    """The request's query string for the links to other pages and the downloads: without its
    page number, and without the form's empty fields (the API refuses an empty parameter)."""
    return urlencode(
        [
            (name, value)
            for name, values in request.GET.lists()
            if name != "page"
            for value in values
            if value != ""
        ]
    )


def visible_documents(request):
    """Public documents; curators also reach withdrawn ones (marked as such) by their URL."""
    if request.user.has_perm("cbm.change_document"):
        return Document.objects.all()
    return Document.objects.public()


class InstrumentFilterForm(forms.Form):
    region = forms.ChoiceField(
        required=False, choices=[("", gettext_lazy("any region")), *Instrument.Region.choices]
    )
    status = forms.ChoiceField(
        required=False, choices=[("", gettext_lazy("any status")), *Instrument.Status.choices]
    )


class InstrumentFilterMixin:
    """Instruments filtered by region and status, and their timeline drawn on the server."""

    def filtered_instruments(self):
        self.form = InstrumentFilterForm(self.request.GET or None)
        instruments = Instrument.objects.order_by("signed_on", "short_name")
        if self.form.is_valid():
            for field in ("region", "status"):
                if self.form.cleaned_data[field]:
                    instruments = instruments.filter(**{field: self.form.cleaned_data[field]})
        return instruments

    def timeline(self, instruments):
        return instruments_timeline_svg(list(instruments), label=_("Instruments, signature to end"))


class HomeView(InstrumentFilterMixin, TemplateView):
    template_name = "cbm/home.html"

    def get_context_data(self, **kwargs):
        instruments = self.filtered_instruments()
        top_level = MeasureType.objects.top_level().prefetch_related("subtypes")
        types, documents = MeasureType.objects.count(), Document.objects.public().count()
        instruments_n, mentions = Instrument.objects.count(), Mention.objects.public().count()
        return super().get_context_data(
            counts={
                ngettext("measure type", "measure types", types): types,
                ngettext("instrument", "instruments", instruments_n): instruments_n,
                ngettext("document", "documents", documents): documents,
                ngettext("accepted mention", "accepted mentions", mentions): mentions,
            },
            categories=Category.objects.prefetch_related(
                Prefetch("measure_types", queryset=top_level)
            ),
            documents=Document.objects.public()
            .defer("body")
            .order_by("-published_on", "-created_at", "-id")[:8],
            instrument_form=self.form,
            instrument_timeline=self.timeline(instruments),
            **kwargs,
        )


class CategoryDetailView(DetailView):
    queryset = Category.objects.prefetch_related("measure_types")


class MeasureTypeListView(ListView):
    template_name = "cbm/measuretype_list.html"

    def get_queryset(self):
        top_level = MeasureType.objects.top_level().prefetch_related("subtypes")
        return Category.objects.prefetch_related(Prefetch("measure_types", queryset=top_level))


class MeasureTypeDetailView(DetailView):
    """A measure type, its legal basis, a timeline and its accepted mentions (and its
    sub-types'), newest first."""

    queryset = MeasureType.objects.select_related("category", "parent").prefetch_related(
        "subtypes",
        Prefetch(
            "legal_bases",
            queryset=LegalBasis.objects.select_related("provision__instrument").prefetch_related(
                "thresholds"
            ),
        ),
    )

    def get_context_data(self, **kwargs):
        family = [self.object.pk, *(sub.pk for sub in self.object.subtypes.all())]
        mentions = Mention.objects.public().filter(measure_type__in=family)
        # Per day of the mention's own copy of its document's date, from an index alone (no
        # join, no date arithmetic per row: half the time of grouping by month in SQL), folded
        # into months here; undated mentions are the day None. Their sum is the page's total.
        per_month, undated = {}, 0
        for day, n in mentions.values_list("published_on").annotate(n=Count("*")).order_by():
            if day is None:
                undated += n
            else:
                per_month[day.replace(day=1)] = per_month.get(day.replace(day=1), 0) + n
        listed = mentions.select_related("measure_type", "passage__document").defer(
            "passage__document__body"
        )
        page = LargePaginator(
            listed.order_by("-published_on", "passage__document_id", "passage__ordinal", "start"),
            PAGE_SIZE,
            count=undated + sum(per_month.values()),
        ).get_page(self.request.GET.get("page"))
        for mention in page:
            mention.excerpt = highlight_excerpt(
                mention.passage.text, mention.start, mention.end, context=160, kind="measure"
            )
        chart = timeline_svg(
            per_month,
            label=_("Accepted mentions of %(name)s over time")
            % {"name": translated(self.object, "name")[0]},
            undated=undated,  # mentions in documents without a date, counted beside the bars
        )
        # The suggestions' figures in each language measured (English, Russian …), one query.
        quality = QualityFigure.objects.per_language(
            QualityFigure.Kind.MEASURE_TYPE, self.object.slug
        )
        return super().get_context_data(page=page, chart=chart, quality=quality, **kwargs)


class InstrumentListView(InstrumentFilterMixin, ListView):
    def get_queryset(self):
        return self.filtered_instruments()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form, timeline=self.timeline(self.object_list), **kwargs
        )


class InstrumentDetailView(DetailView):
    queryset = Instrument.objects.prefetch_related(
        Prefetch(
            "participations",
            queryset=Participation.objects.chronological().select_related(
                "actor", "succeeded_from"
            ),
        ),
        "status_changes",
        Prefetch(
            "provisions",
            queryset=Provision.objects.prefetch_related(
                "legal_bases__measure_type", "legal_bases__thresholds"
            ),
        ),
    )

    def get_context_data(self, **kwargs):
        participations = list(self.object.participations.all())
        current = [p for p in participations if not (p.withdrew_on or p.actor.historical)]
        changes = [(c.status, c.date) for c in self.object.status_changes.all()]
        kwargs.update(
            current_parties=current,
            former_parties=[p for p in participations if p not in current],
            status_from_history=derive_status(self.object.kind, changes) is not None,
        )
        citations = (
            Citation.objects.public()
            .filter(instrument=self.object)
            .select_related("passage__document")
            .defer("passage__document__body")
            .order_by("-passage__document__published_on", "passage__ordinal")
        )
        page = Paginator(citations, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for citation in page:
            citation.excerpt = highlight_excerpt(
                citation.passage.text, citation.start, citation.end, context=160, kind="treaty"
            )
        return super().get_context_data(page=page, **kwargs)


class ActorDetailView(DetailView):
    """An actor, the instruments it took part in (with the dates) and its accepted positions
    over time, newest first: a constant number of queries whatever their number."""

    queryset = Actor.objects.prefetch_related(
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("instrument", "succeeded_from").order_by(
                "instrument__signed_on", "instrument__short_name"
            ),
        )
    )

    def get_context_data(self, **kwargs):
        positions = (
            Position.objects.public()
            .filter(actor=self.object)
            .with_context()
            .defer("passage__document__body", "note")
            .order_by(
                "-passage__document__published_on", "passage__document_id", "passage__ordinal"
            )
        )
        page = Paginator(positions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, **kwargs)


class DocumentFilterForm(forms.Form):
    kind = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("any kind")), *Document.Kind.choices],
        label=gettext_lazy("Kind"),
    )
    publisher = forms.CharField(required=False, max_length=200, label=gettext_lazy("Publisher"))
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    language = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("any language")), *LANGUAGE_NAMES.items()],
        label=gettext_lazy("Language"),
    )


class DocumentListView(ListView):
    paginate_by = PAGE_SIZE
    paginator_class = LargePaginator
    template_name = "cbm/document_list.html"

    def get_queryset(self):
        self.form = DocumentFilterForm(self.request.GET or None)
        documents = (
            Document.objects.public()
            .defer("body")
            .annotate(n_passages=count_of(Passage, "document"))
        )
        if self.form.is_valid():
            data = self.form.cleaned_data
            if data["kind"]:
                documents = documents.filter(kind=data["kind"])
            if data["publisher"]:
                documents = documents.filter(publisher__iexact=data["publisher"])
            if data["year"]:
                documents = documents.filter(published_on__year=data["year"])
            if data["language"]:
                documents = documents.filter(language=data["language"])
        # The id settles ties (a batch ingested at once has one created_at): pages neither
        # repeat nor skip a document. All three come from one index (no row is read to skip).
        return documents.order_by("-published_on", "-created_at", "-id")

    def get_context_data(self, **kwargs):
        years = public_years()
        # The year filter as the API's date range, for the download buttons.
        year = self.form.cleaned_data.get("year") if self.form.is_valid() else None
        if year:
            kwargs.update(after=f"{year}-01-01", before=f"{year}-12-31")
        return super().get_context_data(
            form=self.form, years=years, params=filter_params(self.request), **kwargs
        )


class DocumentDetailView(DetailView):
    """The reader: the whole document passage by passage, accepted spans highlighted."""

    def get_queryset(self):
        return visible_documents(self.request).defer("body")

    def get_context_data(self, **kwargs):
        passages = self.object.passages.prefetch_related(*accepted_links_prefetch())
        for passage in passages:
            passage.html = highlighted(passage)
        return super().get_context_data(passages=passages, **kwargs)


class PassageDetailView(DetailView):
    """A citable permalink for one paragraph."""

    template_name = "cbm/passage_detail.html"

    def get_object(self, queryset=None):
        passages = Passage.objects.filter(document__in=visible_documents(self.request))
        passages = passages.select_related("document").defer("document__body")
        # Each link says how it came to be: its term and its reviewer's public name.
        provenance_of = accepted_links_prefetch("term", "reviewed_by__curator_profile")
        passage = get_object_or_404(
            passages.prefetch_related(*provenance_of),
            document_id=self.kwargs["document"],
            ordinal=self.kwargs["ordinal"],
        )
        passage.html = highlighted(passage)
        for link in (*passage.mentions, *passage.citations):
            link.provenance = describe_provenance(link)
        return passage

    def get_context_data(self, **kwargs):
        reference = reference_for(self.object, self.request)
        return super().get_context_data(
            permalink=reference.permalink,
            citation=citing.plain(reference),
            cite_formats=[("bibtex", "BibTeX"), ("ris", "RIS"), ("csl-json", "CSL-JSON")],
            **kwargs,
        )


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=QUERY_MAX,
        label=gettext_lazy("Words"),
        error_messages={
            "max_length": gettext_lazy(
                "Your search is too long: use at most %(limit_value)d characters "
                "(it has %(show_value)d). A few distinctive words find more."
            )
        },
    )
    measure_type = TranslatedChoiceField(
        required=False,
        queryset=MeasureType.objects.order_by("name"),
        to_field_name="slug",
        empty_label=gettext_lazy("any"),
        label=gettext_lazy("Measure type"),
    )
    category = TranslatedChoiceField(
        required=False,
        queryset=Category.objects.all(),
        to_field_name="slug",
        empty_label=gettext_lazy("any"),
        label=gettext_lazy("Category"),
    )
    instrument = TranslatedChoiceField(
        required=False,
        queryset=Instrument.objects.order_by("short_name"),
        to_field_name="slug",
        empty_label=gettext_lazy("any"),
        label=gettext_lazy("Instrument"),
    )
    kind = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("any")), *Document.Kind.choices],
        label=gettext_lazy("Document kind"),
    )
    published_after = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label=gettext_lazy("From"),
    )
    published_before = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label=gettext_lazy("To"),
    )
    language = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("any")), *LANGUAGE_NAMES.items()],
        label=gettext_lazy("Language"),
    )

    def search_filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            measure_type=data["measure_type"].slug if data["measure_type"] else "",
            category=data["category"].slug if data["category"] else "",
            instrument=data["instrument"].slug if data["instrument"] else "",
            kind=data["kind"],
            published_after=data["published_after"],
            published_before=data["published_before"],
            language=data["language"],
        )


class SearchView(TemplateView):
    template_name = "cbm/search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        page, query = None, ""
        if form.is_valid() and any(form.cleaned_data.values()):
            query = form.cleaned_data["q"]
            results = search_passages(query, form.search_filters()).defer("document__body")
            paginator = LargePaginator(results, PAGE_SIZE, count_with_page=True)
            page = paginator.get_page(self.request.GET.get("page"))
            for passage in page:
                passage.snippet = snippet(passage, query)
        return super().get_context_data(
            form=form, page=page, query=query, params=filter_params(self.request), **kwargs
        )


class QualityView(TemplateView):
    """How the suggestions are measured, and the published figures per measure type: one table
    per language measured (each its own evaluation set, data set and date)."""

    template_name = "cbm/quality.html"

    def get_context_data(self, **kwargs):
        figures = {}  # language → {(kind, slug): figure}
        for figure in QualityFigure.objects.order_by("language"):
            figures.setdefault(figure.language, {})[figure.kind, figure.slug] = figure
        types = list(
            MeasureType.objects.select_related("category").order_by(
                "category__order", "order", "name"
            )
        )
        instruments = list(Instrument.objects.order_by("short_name"))
        languages = []
        for language, found in figures.items():
            measured = [
                (i, found.get((QualityFigure.Kind.INSTRUMENT, i.slug))) for i in instruments
            ]
            first = next(iter(found.values()))
            languages.append(
                {
                    "code": language,
                    "name": LANGUAGE_NAMES.get(language, language),
                    "dataset": first.dataset,
                    "measured_on": first.measured_on,
                    "overall": found.get((QualityFigure.Kind.OVERALL, "")),
                    "rows": [
                        (t, found.get((QualityFigure.Kind.MEASURE_TYPE, t.slug))) for t in types
                    ],
                    "instruments": [(i, f) for i, f in measured if f],
                }
            )
        return super().get_context_data(quality_sets=languages, **kwargs)
