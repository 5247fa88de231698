"""Public pages of positions: an actor's page. Accepted positions only; no curators' notes."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Actor, Position

PAGE_SIZE = 50


def actor_detail(request, slug):
    """An actor: its accepted positions over time (newest first) and the instruments it is
    party to. A constant number of queries whatever the number of positions."""
    actor = get_object_or_404(Actor, slug=slug)
    positions = (
        Position.objects.accepted()
        .filter(actor=actor)
        .with_context()
        .defer("passage__document__body", "note")
        .order_by("-passage__document__published_on", "passage__document_id", "passage__ordinal")
    )
    page = Paginator(positions, PAGE_SIZE).get_page(request.GET.get("page"))
    instruments = actor.instruments.order_by("signed_on", "short_name")
    context = {"actor": actor, "page": page, "instruments": list(instruments)}
    return render(request, "cbm/actor_detail.html", context)
