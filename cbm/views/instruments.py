"""The legal record's pages: instruments (filtered, on a timeline) and actors."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from ..charts import instruments_timeline_svg
from ..highlight import highlight_excerpt
from ..models import Actor, Citation, Instrument, Participation, Position, Provision
from ..positions_charts import position_url
from ..status import derive_status
from ..translation import display_name
from .common import PAGE_SIZE


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
            .newest_first()
        )
        page = Paginator(citations, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for citation in page:
            citation.excerpt = highlight_excerpt(
                citation.passage.text, citation.start, citation.end, context=160, kind="treaty"
            )
        return super().get_context_data(page=page, **kwargs)


class ActorKindForm(forms.Form):
    kind = forms.ChoiceField(
        required=False, choices=[("", gettext_lazy("any kind")), *Actor.Kind.choices]
    )


class ActorListView(ListView):
    """Every actor with its instruments and public positions counted, by the name the page's
    language gives it: one query for the actors, whatever their number."""

    template_name = "cbm/actor_list.html"

    def get_queryset(self):
        self.form = ActorKindForm(self.request.GET or None)
        actors = Actor.objects.with_public_record()
        if self.form.is_valid() and self.form.cleaned_data["kind"]:
            actors = actors.filter(kind=self.form.cleaned_data["kind"])
        # Sorted here, by the name the page shows (the Russian one, else the English): SQLite
        # orders Cyrillic by code point and lowercases only ASCII ("КНДР" before "Казахстан"),
        # PostgreSQL by its collation; casefold() is the same everywhere, for ~100 actors.
        return sorted(actors, key=lambda actor: display_name(actor).casefold())

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class ActorDetailView(DetailView):
    """An actor, the instruments it took part in (with the dates) and its accepted positions
    over time, newest first: a constant number of queries whatever their number."""

    queryset = Actor.objects.select_related("continues").prefetch_related(
        "continued_by",
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("instrument", "succeeded_from").order_by(
                "instrument__signed_on", "instrument__short_name"
            ),
        ),
    )

    def get_context_data(self, **kwargs):
        positions = (
            Position.objects.public()
            .filter(actor=self.object)
            .with_context()
            .defer("passage__document__body", "note")
            .newest_first()
        )
        page = Paginator(positions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for position in page:  # each quote opens its passage at the position's anchor
            position.url = position_url(position)
        return super().get_context_data(page=page, **kwargs)
