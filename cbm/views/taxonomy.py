"""The taxonomy's pages: categories and measure types, with their accepted mentions."""

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from ..charts import timeline_svg
from ..highlight import highlight_excerpt
from ..models import Category, LegalBasis, MeasureType, Mention, QualityFigure
from ..models.texts import plausible
from ..paging import LargePaginator
from ..translation import translated
from .common import PAGE_SIZE


class CategoryDetailView(DetailView):
    queryset = Category.objects.prefetch_related("measure_types")


def categories_with_types() -> list[Category]:
    """The categories, each with .types: its top-level measure types, each with its sub-types
    at any depth as .children; two queries however deep the tree."""
    roots = MeasureType.objects.tree()
    categories = list(Category.objects.all())
    for category in categories:
        category.types = [root for root in roots if root.category_id == category.pk]
    return categories


class MeasureTypeListView(ListView):
    template_name = "cbm/measuretype_list.html"

    def get_queryset(self):
        return categories_with_types()


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
        family = MeasureType.objects.family(self.object.slug)
        mentions = Mention.objects.public().filter(measure_type__in=family)
        # Per day of the mention's own copy of its document's date, from an index alone (no
        # join, no date arithmetic per row: half the time of grouping by month in SQL), folded
        # into months here; undated mentions are the day None, and a mistyped year stored
        # before such dates were refused is counted beside the chart, not drawn. Their sum is
        # the page's total.
        per_month, undated, misdated = {}, 0, 0
        for day, n in mentions.values_list("published_on").annotate(n=Count("*")).order_by():
            if day is None:
                undated += n
            elif not plausible(day):
                misdated += n
            else:
                per_month[day.replace(day=1)] = per_month.get(day.replace(day=1), 0) + n
        listed = mentions.select_related("measure_type", "passage__document").defer(
            "passage__document__body"
        )
        page = LargePaginator(
            listed.newest_first(),
            PAGE_SIZE,
            count=undated + misdated + sum(per_month.values()),
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
            misdated=misdated,
        )
        # The suggestions' figures in each language measured (English, Russian …), one query.
        quality = QualityFigure.objects.per_language(
            QualityFigure.Kind.MEASURE_TYPE, self.object.slug
        )
        return super().get_context_data(page=page, chart=chart, quality=quality, **kwargs)
