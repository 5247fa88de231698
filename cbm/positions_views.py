"""The negotiation tracker: for a period, the latest stance of every actor on every measure
type, each cell linking to its quote."""

from django import forms
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .models import QualityFigure
from .positions_charts import legend, position_url
from .positions_pages import tracker


class PeriodForm(forms.Form):
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period must start before it ends."))
        return data


class TrackerView(TemplateView):
    """Default period: the last twelve months with data. A bad date is a form error (shown),
    never a server error."""

    template_name = "cbm/tracker.html"

    def get_context_data(self, **kwargs):
        form = PeriodForm(self.request.GET or None)
        start = end = None
        if form.is_bound and form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        matrix = tracker(start, end)
        # No period given, or none that could be read: the page says it shows the default.
        default_period = start is None and end is None
        for _actor, cells in matrix.rows:
            for position in cells:
                if position is not None:
                    position.url = position_url(position)
        return super().get_context_data(
            form=form,
            tracker=matrix,
            legend=legend(),
            default_period=default_period,
            quality=QualityFigure.objects.positions_overall(),
            **kwargs,
        )
