"""The quality page: how the suggestions are measured, and the published figures."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ..models import Instrument, MeasureType, QualityFigure, Stance
from ..translation import LANGUAGE_NAMES

# the evaluation counts a denial as a refusal (cbm.positions_eval.SAME_CLASS)
LABELS = {Stance.REJECTS: _("rejects or denies")}


class QualityView(TemplateView):
    """How the suggestions are measured, and the published figures: per measure type and
    instrument for the links, per stance for the positions; one table per language measured
    (each its own evaluation set, data set and date)."""

    template_name = "cbm/quality.html"

    def get_context_data(self, **kwargs):
        figures = {}  # (subject, language) → {(kind, slug): figure}
        for figure in QualityFigure.objects.order_by("language"):
            key = figure.subject, figure.language
            figures.setdefault(key, {})[figure.kind, figure.slug] = figure
        types = list(
            MeasureType.objects.select_related("category").order_by(
                "category__order", "order", "name"
            )
        )
        instruments = list(Instrument.objects.order_by("short_name"))
        links, positions = [], []
        for (subject, language), found in figures.items():
            first = next(iter(found.values()))
            common = {
                "code": language,
                "name": LANGUAGE_NAMES.get(language, language),
                "dataset": first.dataset,
                "measured_on": first.measured_on,
            }
            if subject == "positions":
                positions.append(
                    {
                        **common,
                        "overall": found.get((QualityFigure.Kind.POSITIONS, "")),
                        "rows": [
                            (LABELS.get(stance, label), found[QualityFigure.Kind.STANCE, stance])
                            for stance, label in Stance.choices
                            if (QualityFigure.Kind.STANCE, stance) in found
                        ],
                    }
                )
                continue
            measured = [
                (i, found.get((QualityFigure.Kind.INSTRUMENT, i.slug))) for i in instruments
            ]
            links.append(
                {
                    **common,
                    "overall": found.get((QualityFigure.Kind.OVERALL, "")),
                    "rows": [
                        (t, found.get((QualityFigure.Kind.MEASURE_TYPE, t.slug))) for t in types
                    ],
                    "instruments": [(i, f) for i, f in measured if f],
                }
            )
        return super().get_context_data(quality_sets=links, position_sets=positions, **kwargs)
