"""The quality page: how the suggestions are measured, and the published figures."""

from django.views.generic import TemplateView

from ..models import Instrument, MeasureType, QualityFigure
from ..translation import LANGUAGE_NAMES


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
