"""The search page: the public passages' full text, filtered as the API's export is."""

from django import forms
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ..models import Category, Document, Instrument, MeasureType
from ..paging import LargePaginator
from ..search import QUERY_MAX, SearchFilters, ranked, search_passages, snippet
from ..translation import LANGUAGE_NAMES, TranslatedChoiceField
from .common import PAGE_SIZE, filter_params


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
        alphabetical=True,
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
        alphabetical=True,
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

    def clean(self):
        data = super().clean()
        after, before = data.get("published_after"), data.get("published_before")
        if after and before and after > before:  # it would find nothing, without a word why
            self.add_error(
                "published_before", gettext_lazy("The period must start before it ends.")
            )
        return data

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
            form=form,
            page=page,
            query=query,
            ranked=ranked(query),  # pages of best hits first are not newer or older
            params=filter_params(self.request),
            **kwargs,
        )
