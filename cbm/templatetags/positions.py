"""Template tags for positions on the public pages, so that a page shows them with one line
({% include "cbm/_positions.html" with target=… %}) and its view needs no change."""

from django import template
from django.utils.translation import gettext as _

from ..models import Instrument, MeasureType, Position, QualityFigure
from ..positions_charts import legend, not_drawn, position_url, positions_timeline_svg
from ..positions_pages import TABLE_SIZE, positions_on
from ..translation import translated

register = template.Library()


@register.inclusion_tag("cbm/_positions_section.html")
def positions_section(target):
    """A target's public positions: a timeline (time × actor) and a table, newest first."""
    positions = positions_on(target)
    newest = positions[::-1][:TABLE_SIZE]
    for position in newest:
        position.url = position_url(position)
    name = translated(target, "short_name" if hasattr(target, "short_name") else "name")[0]
    chart = positions_timeline_svg(
        positions, label=_("Positions on %(name)s over time") % {"name": name}
    )
    return {
        "chart": chart,
        "legend": legend(),
        "rows": newest,
        "count": len(positions),
        # Said under the timeline too, not only in its description for screen readers: a
        # reader who counts the marks against "N accepted" learns why some are missing.
        "not_drawn": not_drawn(positions),
        # The API filter that lists the same positions as the section, sub-types included.
        "family": target.slug if isinstance(target, MeasureType) else "",
        "instrument": target.slug if isinstance(target, Instrument) else "",
        "quality": QualityFigure.objects.positions_overall(),
    }


@register.inclusion_tag("cbm/_passage_positions.html")
def passage_positions(passage):
    """The public positions a paragraph states, each with the anchor its quote links to."""
    positions = (
        Position.objects.public()
        .filter(passage=passage)
        .select_related("actor", "measure_type", "instrument")
        .order_by("start", "pk")
    )
    return {"positions": positions}
