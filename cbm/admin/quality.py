"""Admin: the ranker (its threshold is the curators' to set) and the published quality."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from ..models import MeasureTypeModel, QualityFigure, Ranker
from .search import BoundedSearch


@admin.register(Ranker)
class RankerAdmin(BoundedSearch, admin.ModelAdmin):
    list_display = ["__str__", "trained_at", "examples", "threshold", "is_active"]
    list_editable = ["threshold", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["note"]
    fields = ["threshold", "is_active", "trained_at", "examples", "note", "strongest_features"]
    readonly_fields = ["trained_at", "examples", "note", "strongest_features"]

    def has_add_permission(self, request):
        return False  # rankers come from `manage.py train_ranker`

    @admin.display(description=_("strongest weights (feature: weight)"))
    def strongest_features(self, obj):
        table = obj.weights.get("features", {})
        strongest = sorted(table.items(), key=lambda item: -abs(item[1]))[:40]
        return format_html_join(", ", "{}: {}", strongest)


@admin.register(MeasureTypeModel)
class MeasureTypeModelAdmin(BoundedSearch, admin.ModelAdmin):
    list_display = ["__str__", "language", "trained_at", "examples", "threshold", "is_active"]
    list_editable = ["threshold", "is_active"]
    list_filter = ["is_active", "language"]
    search_fields = ["note"]
    fields = ["language", "threshold", "is_active", "trained_at", "examples", "note", "types"]
    readonly_fields = ["language", "trained_at", "examples", "note", "types"]

    def has_add_permission(self, request):
        return False  # models come from `manage.py train_measure_model`

    @admin.display(description=_("types learned (strongest words)"))
    def types(self, obj):
        rows = []
        for slug, regression in sorted(obj.weights.get("types", {}).items()):
            best = sorted(regression["features"].items(), key=lambda item: -item[1])[:6]
            rows.append((slug, ", ".join(f for f, _ in best)))
        return format_html_join("; ", "{}: {}", rows)


@admin.register(QualityFigure)
class QualityFigureAdmin(BoundedSearch, admin.ModelAdmin):
    list_display = [
        "language",
        "kind",
        "slug",
        "precision",
        "recall",
        "gold_links",
        "found",
        "paragraphs",
        "measured_on",
    ]
    list_filter = ["language", "kind", "measured_on"]
    search_fields = ["slug"]

    def has_add_permission(self, request):
        return False  # figures come from `manage.py evaluate_matcher --publish`

    def has_change_permission(self, request, obj=None):
        return False
