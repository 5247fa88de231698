"""Admin: the review queue of positions, and the stance cues that suggest them. Every decision
goes through cbm.curation, as for links."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from .. import curation
from ..models import Position, PositionWord, StanceCue
from ..positions_charts import target_name
from .facets import FiltersOnce
from .history import ReadableHistoryAdmin
from .links import LinkAdmin, LinkForm, StatusFilter
from .translated import TranslatedRelatedFilter, translated_column
from .unmatched import UnmatchedFilter, UnmatchedReason

TARGETS = ("measure_type", "instrument")


class PositionForm(LinkForm):
    def clean(self):
        data = super().clean()
        if bool(data.get("measure_type")) == bool(data.get("instrument")):
            raise ValidationError(_("Give exactly one target: a measure type or an instrument."))
        return data


@admin.register(Position)
class PositionAdmin(LinkAdmin):
    """Opens on the pending positions (as the mentions' queue does); the quote highlighted in
    its passage, and the cue that fired."""

    form = PositionForm
    list_display = [
        "in_context",
        "translated_actor",
        "stance",
        "target_display",
        "status",
        "origin",
        "cue",
        "document",
        "published",
    ]
    list_filter = [
        StatusFilter,  # pending by default, as the mentions' queue; "all" shows every status
        "stance",
        "origin",
        ("actor", TranslatedRelatedFilter),
        ("measure_type", TranslatedRelatedFilter),
        ("instrument", TranslatedRelatedFilter),
        "passage__document__kind",
    ]
    list_select_related = ["passage__document", "actor", "measure_type", "instrument", "cue"]
    autocomplete_fields = ["passage", "actor", "measure_type", "instrument"]
    readonly_fields = ["origin", "cue", "actor_term", "reviewed_by", "reviewed_at", "in_context"]
    search_fields = ["quote", "passage__text", "passage__document__title", "actor__name"]
    decided_fields = ("actor", "stance", *TARGETS)
    accepted_message = ngettext_lazy(
        "%(count)d position accepted.", "%(count)d positions accepted.", "count"
    )
    rejected_message = ngettext_lazy(
        "%(count)d position rejected.", "%(count)d positions rejected.", "count"
    )

    def get_fields(self, request, obj=None):
        span = ["start", "end", "quote", "allow_partial_words"]
        what = ["passage", "actor", "stance", *TARGETS, *span]
        if obj is None:
            return [*what, "status", "note"]
        return [
            "in_context",
            *what,
            "reason",
            "seen_version",
            "status",
            "note",
            "origin",
            "cue",
            "actor_term",
            "reviewed_by",
            "reviewed_at",
        ]

    # In the admin's language, as the taxonomy's own lists and the public pages show them.
    translated_actor = translated_column(Position, "name", through="actor")

    @admin.display(description=gettext_lazy("target"))
    def target_display(self, obj):
        return target_name(obj.target)

    @admin.display(description=gettext_lazy("actor term that named the actor"))
    def actor_term(self, obj):
        # A suggested position's term column holds the actor term read in its sentence (empty
        # for an actor's own name, a subject carried over, or a position made by hand).
        return obj.term.text if obj.term_id else "—"

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = {field: data.get(field) for field in self.decided_fields}
        if not change:
            created = curation.position_create(
                passage=data["passage"],
                start=data["start"],
                end=data["end"],
                by=request.user,
                status=data["status"],
                note=data.get("note", ""),
                **fields,
            )
            obj.pk = created.pk
            return
        # One locked write for everything the curator changed (actor, stance, target, span,
        # verdict, note), refused if the position changed since the form was opened.
        old = Position.objects.get(pk=obj.pk)
        moved = (old.start, old.end) != (data["start"], data["end"])
        try:
            curation.position_edit(
                position=old,
                by=request.user,
                actor=fields["actor"],
                stance=fields["stance"],
                measure_type=fields["measure_type"],
                instrument=fields["instrument"],
                start=data["start"] if moved else None,
                end=data["end"] if moved else None,
                allow_partial_words=True,  # the form checked the span, with the confirmation
                status=data["status"],
                note=data.get("note", ""),
                reason=data.get("reason") or None,
                expected_version=data.get("seen_version"),
            )
        except (curation.LinkConflict, curation.LinkGone, curation.LinkBusy) as error:
            self.message_user(request, _("Not saved: %(error)s") % {"error": error}, messages.ERROR)


@admin.register(StanceCue)
class StanceCueAdmin(FiltersOnce, UnmatchedReason, ReadableHistoryAdmin):
    list_display = ["text", "kind", "near", "stance", "negated_stance", "measure_type"]
    list_display += ["language", "is_active", "cannot_be_matched"]
    list_filter = [UnmatchedFilter, "stance", "negated_stance", "kind", "measure_type"]
    list_filter += ["language", "is_active"]
    list_select_related = ["measure_type"]
    search_fields = ["text", "near", "note"]
    fields = ["stance", "kind", "text", "near", "window", "negated_stance", "measure_type"]
    fields += ["language", "is_active", "cannot_be_matched", "note"]
    readonly_fields = ["cannot_be_matched"]


@admin.register(PositionWord)
class PositionWordAdmin(ReadableHistoryAdmin):
    list_display = ["word", "role", "language", "is_active"]
    list_filter = ["role", "language", "is_active"]
    search_fields = ["word", "note"]
    fields = ["role", "word", "language", "is_active", "note"]
