"""The documents' pages: the filtered list, the reader and a passage's permalink."""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import DetailView, ListView

from .. import citing
from ..cite_views import reference_for
from ..models import Document, Passage
from ..paging import LargePaginator
from ..provenance import describe as describe_provenance
from ..queries import count_of, public_years
from ..translation import LANGUAGE_NAMES, long_date
from .common import (
    PAGE_SIZE,
    accepted_links_prefetch,
    filter_params,
    highlighted,
    visible_documents,
)


class DocumentFilterForm(forms.Form):
    kind = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("any kind")), *Document.Kind.choices],
        label=gettext_lazy("Kind"),
    )
    publisher = forms.CharField(required=False, max_length=200, label=gettext_lazy("Publisher"))
    year = forms.IntegerField(
        required=False, min_value=1900, max_value=2100, label=gettext_lazy("Year")
    )
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
        # All three keys come from one index (no row is read to skip; 0036 on PostgreSQL).
        return documents.newest_first()

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
            citation=citing.plain(
                reference,
                # The interface's words and dates in the page's language ("9 января 2022").
                paragraph=gettext("paragraph %(n)s") % {"n": "{n}"},
                accessed=gettext("accessed %(date)s") % {"date": "{date}"},
                registry=gettext("CBM Registry"),
                day=long_date,
            ),
            cite_formats=[("bibtex", "BibTeX"), ("ris", "RIS"), ("csl-json", "CSL-JSON")],
            **kwargs,
        )
