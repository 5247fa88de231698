"""The home page: the registry's counts, its categories, newest documents and instruments."""

from django.utils.translation import ngettext
from django.views.generic import TemplateView

from ..models import Document, Instrument, MeasureType, Mention
from .instruments import InstrumentFilterMixin
from .taxonomy import categories_with_types


class HomeView(InstrumentFilterMixin, TemplateView):
    template_name = "cbm/home.html"

    def get_context_data(self, **kwargs):
        instruments = self.filtered_instruments()
        types, documents = MeasureType.objects.count(), Document.objects.public().count()
        instruments_n, mentions = Instrument.objects.count(), Mention.objects.public().count()
        return super().get_context_data(
            counts={
                ngettext("measure type", "measure types", types): types,
                ngettext("instrument", "instruments", instruments_n): instruments_n,
                ngettext("document", "documents", documents): documents,
                ngettext("accepted mention", "accepted mentions", mentions): mentions,
            },
            categories=categories_with_types(),
            documents=Document.objects.public().defer("body").newest_first()[:8],
            instrument_form=self.form,
            instrument_timeline=self.timeline(instruments),
            **kwargs,
        )
