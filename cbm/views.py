"""Public read-only pages. Only accepted links are ever shown."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from .models import Category, Citation, Document, Instrument, MeasureType, Mention, Passage


class HomeView(TemplateView):
    template_name = "cbm/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            categories=Category.objects.prefetch_related("measure_types"),
            instruments=Instrument.objects.all(),
            documents=Document.objects.all()[:10],
            **kwargs,
        )


class CategoryDetailView(DetailView):
    queryset = Category.objects.prefetch_related("measure_types")


class MeasureTypeDetailView(DetailView):
    queryset = MeasureType.objects.select_related("category", "parent").prefetch_related(
        "subtypes", "legal_bases__provision__instrument", "legal_bases__thresholds"
    )

    def get_context_data(self, **kwargs):
        mentions = (
            Mention.objects.accepted()
            .filter(measure_type=self.object)
            .select_related("passage__document")
            .order_by("-passage__document__published_on", "passage__ordinal")[:50]
        )
        return super().get_context_data(mentions=mentions, **kwargs)


class InstrumentDetailView(DetailView):
    queryset = Instrument.objects.prefetch_related(
        "parties", "provisions__legal_bases__measure_type"
    )

    def get_context_data(self, **kwargs):
        citations = (
            Citation.objects.accepted()
            .filter(instrument=self.object)
            .select_related("passage__document")[:50]
        )
        return super().get_context_data(citations=citations, **kwargs)


class DocumentDetailView(DetailView):
    queryset = Document.objects.prefetch_related(
        Prefetch(
            "passages",
            queryset=Passage.objects.prefetch_related(
                Prefetch(
                    "mention_set",
                    queryset=Mention.objects.accepted().select_related("measure_type"),
                )
            ),
        )
    )


class PassageDetailView(DetailView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            Passage.objects.select_related("document"),
            document_id=self.kwargs["document"],
            ordinal=self.kwargs["ordinal"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            mentions=Mention.objects.accepted()
            .filter(passage=self.object)
            .select_related("measure_type"),
            citations=Citation.objects.accepted()
            .filter(passage=self.object)
            .select_related("instrument"),
            **kwargs,
        )
