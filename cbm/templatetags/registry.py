"""Template filters for the public pages: registry text without curators' working notes, an
explained "unverified" badge instead, and numbers written one way everywhere."""

from django import template
from django.utils.html import format_html

from ..notes import split_working_notes

register = template.Library()

BADGE = '<a class="unverified" href="#unverified-note" aria-describedby="unverified-note">unverified</a>'


@register.filter
def public_text(text):
    """The text without working notes; a badge pointing to the page's footnote if it had any."""
    clean, unverified = split_working_notes(text)
    if unverified:
        return format_html("{} " + BADGE, clean)
    return clean


@register.simple_tag
def unverified_badge():
    return format_html(BADGE)


@register.filter
def number(value):
    """25000 → "25,000"; anything else as it is."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value
