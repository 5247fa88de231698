"""Admin: the review queue of suggested links. Every decision goes through cbm.curation."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from .. import curation
from ..highlight import highlight_excerpt
from ..models import (
    Citation,
    Instrument,
    Mention,
    Ranker,
    Span,
)
from ..translation import display_name
from .history import ReadableHistoryAdmin
from .translated import TranslatedFieldFilter, translated_column
from .widgets import SafeAutocomplete

# -- the review queue ---------------------------------------------------------------------------


class InstrumentFilter(admin.SimpleListFilter):
    """Mentions of measure types that an instrument establishes (by their legal bases)."""

    title = gettext_lazy("instrument (legal basis)")
    parameter_name = "instrument"

    def lookups(self, request, model_admin):
        # In the admin's language, as the citations' instrument filter lists them.
        return [
            (instrument.slug, display_name(instrument)) for instrument in Instrument.objects.all()
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                measure_type__legal_bases__provision__instrument__slug=self.value()
            ).distinct()
        return queryset


class StatusFilter(admin.SimpleListFilter):
    """The queue opens on what awaits a decision: pending links; "all" shows every status."""

    title = gettext_lazy("status")
    parameter_name = "status__exact"  # the field filter's name: links made before still work
    default = Span.Status.PENDING

    def lookups(self, request, model_admin):
        return [*Span.Status.choices, ("all", _("all"))]

    def choices(self, changelist):
        current = self.value() or self.default
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or self.default
        return queryset if value == "all" else queryset.filter(status=value)


class LikelyFilter(admin.SimpleListFilter):
    """By default the queue hides pending suggestions the ranker finds less likely than the
    curators' threshold (set on the current ranker); "all" shows them again."""

    title = gettext_lazy("likelihood")
    parameter_name = "likely"

    def lookups(self, request, model_admin):
        return [("all", _("all")), ("unlikely", _("below the threshold only"))]

    def choices(self, changelist):
        for n, choice in enumerate(super().choices(changelist)):
            if n == 0:  # Django's "All": the default view is the filtered one
                choice["display"] = _("at or above the threshold")
            yield choice

    def queryset(self, request, queryset):
        ranker = Ranker.objects.current()
        if self.value() == "all" or ranker is None or not ranker.threshold:
            return queryset if self.value() != "unlikely" else queryset.none()
        unlikely = Q(status=Span.Status.PENDING, confidence__lt=ranker.threshold)
        if self.value() == "unlikely":
            return queryset.filter(unlikely)
        return queryset.exclude(unlikely)


class FiredTermFilter(admin.RelatedOnlyFieldListFilter):
    """The terms that found at least one link of this kind, as RelatedOnlyFieldListFilter
    lists them, but asked term by term (an index probe each) instead of reading every link
    for its term: on a million passages that read took ~50 ms of each page of the queue."""

    def field_choices(self, field, request, model_admin):
        fired = model_admin.model.objects.filter(term=OuterRef("pk"))
        ordering = self.field_admin_ordering(field, request, model_admin)
        # A term is named by its target: read with it (not one query per term that fired).
        terms = field.related_model._default_manager.filter(Exists(fired)).select_related(
            "measure_type", "instrument", "actor"
        )
        if ordering:
            terms = terms.order_by(*ordering)
        return [(term.pk, str(term)) for term in terms]


class LinkForm(forms.ModelForm):
    """A link's span: give start and end, or just the exact words (the first occurrence is
    taken); the quote always follows from the passage. Words and offsets that disagree, and
    spans that cut a word, are errors (the latter unless confirmed)."""

    start = forms.IntegerField(required=False, min_value=0, label=gettext_lazy("start"))
    end = forms.IntegerField(required=False, min_value=0, label=gettext_lazy("end"))
    quote = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=gettext_lazy("quote"),
        help_text=gettext_lazy(
            "The exact words. Change only these to move the span to them (the first "
            "occurrence in the passage); change only start and end and the words follow."
        ),
    )
    allow_partial_words = forms.BooleanField(
        required=False,
        label=gettext_lazy("The span may cut a word"),
        help_text=gettext_lazy("Tick to confirm a span that starts or ends inside a word."),
    )
    reason = forms.CharField(
        required=False,
        max_length=100,
        label=gettext_lazy("reason"),
        help_text=gettext_lazy("Why the span changed (optional; kept in the history)."),
    )
    # The version the curator opened: a save after someone else's change is refused.
    seen_version = forms.IntegerField(
        required=False, widget=forms.HiddenInput, label=gettext_lazy("version seen")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        seen = data.get("seen_version")
        if self.instance.pk and seen is not None:
            current = type(self.instance).objects.filter(pk=self.instance.pk).first()
            if current is None:
                raise ValidationError(str(curation.LinkGone()))
            if current.version != seen:
                raise ValidationError(str(curation.LinkConflict(current)))
        passage = data.get("passage") or getattr(self.instance, "passage", None)
        if passage is None or self.errors:
            return data
        start, end, quote = data.get("start"), data.get("end"), data.get("quote") or ""
        if self.instance.pk:
            moved = bool({"start", "end"} & set(self.changed_data))
            reworded = "quote" in self.changed_data
            if not moved and not reworded:
                return data  # the span is as it was
            if reworded and not moved:
                start = end = None  # locate the new words
            elif moved and not reworded:
                quote = ""  # the words follow the offsets
        try:
            start, end, quote = curation.check_span(
                passage.text, start, end, quote, data.get("allow_partial_words", False)
            )
        except ValidationError as error:
            raise ValidationError({"quote" if start is None else "start": error.messages}) from None
        data.update(start=start, end=end, quote=quote)
        return data

    def _post_clean(self):
        # A form already in error is shown again as it is: the instance keeps its saved span
        # (the admin highlights it), and no constraint is reported twice under its raw name.
        if not self._errors:
            super()._post_clean()

    def _get_validation_exclusions(self):
        # Once a link exists its passage is read-only, so not a form field; Django would then
        # skip the uniqueness rules that name it (same passage, target and span).
        exclusions = super()._get_validation_exclusions()
        if self.instance.pk:
            exclusions.discard("passage")
        return exclusions


class LinkAdmin(SafeAutocomplete, ReadableHistoryAdmin):
    """Shared by the Mention and Citation queues."""

    form = LinkForm
    target_field = ""
    default_status = StatusFilter.default  # the status listed when none is asked for
    list_per_page = 50
    # No second count of every row of the table ("N total") on each page of the queue.
    show_full_result_count = False
    actions = ["accept", "reject", "delete_selected"]
    search_fields = ["quote", "passage__text", "passage__document__title"]
    # Both confirmations say that a suggestion is kept as a rejection, not deleted.
    delete_confirmation_template = "admin/cbm/link_delete_confirmation.html"
    delete_selected_confirmation_template = "admin/cbm/link_delete_selected_confirmation.html"
    readonly_fields = ["origin", "term", "confidence", "reviewed_by", "reviewed_at", "in_context"]
    # What the bulk actions say they did (the positions' queue speaks of positions).
    accepted_message = ngettext_lazy(
        "%(count)d link accepted.", "%(count)d links accepted.", "count"
    )
    rejected_message = ngettext_lazy(
        "%(count)d link rejected.", "%(count)d links rejected.", "count"
    )

    class Media:
        css = {"all": ["cbm/admin_queue.css"]}

    def changelist_view(self, request, extra_context=None):
        # The queue needs the width: no navigation sidebar beside it (the breadcrumbs stay).
        return super().changelist_view(
            request, {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        )

    def get_fields(self, request, obj=None):
        span = ["start", "end", "quote", "allow_partial_words"]
        if obj is None:
            return ["passage", self.target_field, *span, "status", "note"]
        return [
            "in_context",
            "passage",
            self.target_field,
            *span,
            "reason",
            "seen_version",
            "status",
            "note",
            "origin",
            "term",
            "confidence",
            "reviewed_by",
            "reviewed_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "passage"] if obj else self.readonly_fields

    def lookup_allowed(self, lookup, value, request):
        # A document's suggestions: the documents list, ingest's results and the re-run
        # message link here. Not a sidebar filter (one choice per document), so Django would
        # refuse it as a lookup across relations (a 400).
        if lookup == "passage__document__id__exact":
            return True
        return super().lookup_allowed(lookup, value, request)

    def get_ordering(self, request):
        # The likeliest first (by the ranker; unranked last).
        likeliest = [F("confidence").desc(nulls_last=True), "-created_at", "pk"]
        status = request.GET.get(StatusFilter.parameter_name) or self.default_status
        if status and status != "all":
            # One status listed (the queue's pending by default): in the order of an index
            # (migration 0028_review_queue_and_feed_indexes), not a sort of every row of that status.
            return likeliest
        pending_first = Case(When(status=Span.Status.PENDING, then=Value(0)), default=Value(1))
        return [pending_first.asc(), *likeliest]

    @admin.display(description=gettext_lazy("passage (span highlighted)"))
    def in_context(self, obj):
        return highlight_excerpt(obj.passage.text, obj.start, obj.end)

    @admin.display(description=gettext_lazy("document"), ordering="passage__document__title")
    def document(self, obj):
        document = obj.passage.document
        return format_html(
            '<a href="{}#p-{}"><span lang="{}">{}</span> ¶{}</a>',
            document.get_absolute_url(),
            obj.passage.ordinal,
            document.language,
            document.title[:60],
            obj.passage.ordinal,
        )

    @admin.display(
        description=gettext_lazy("published"), ordering="passage__document__published_on"
    )
    def published(self, obj):
        return obj.passage.document.published_on

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            target = data[self.target_field]
            created = curation.link_create(
                passage=data["passage"],
                target=target,
                start=data["start"],
                end=data["end"],
                by=request.user,
                status=data["status"],
                note=data.get("note", ""),
            )
            obj.pk = created.pk
            return
        old = type(obj).objects.get(pk=obj.pk)
        moved = (old.start, old.end) != (data["start"], data["end"])
        try:
            curation.link_edit(
                link=old,
                by=request.user,
                start=data["start"] if moved else None,
                end=data["end"] if moved else None,
                allow_partial_words=True,  # the form checked the span, with the confirmation
                status=data["status"],
                note=data.get("note", ""),
                target=data[self.target_field],
                reason=data.get("reason") or None,
                expected_version=data.get("seen_version"),
            )
        except (curation.LinkConflict, curation.LinkGone, curation.LinkBusy) as error:
            # A change that raced in after the form was checked: nothing was saved.
            self.message_user(request, _("Not saved: %(error)s") % {"error": error}, messages.ERROR)

    # -- deletes: a suggestion is rejected, not deleted (cbm.curation.link_delete) ----------

    def delete_model(self, request, obj):
        curation.link_delete(link=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        return curation.links_delete(links=queryset, by=request.user)

    def log_deletions(self, request, queryset):
        # Only the links really deleted; a rejection is in the link's own history.
        made = [obj for obj in queryset if obj.origin == Span.Origin.CURATOR]
        return super().log_deletions(request, made) if made else []

    def response_delete(self, request, obj_display, obj_id):
        if not self.model.objects.filter(pk=obj_id).exists():
            return super().response_delete(request, obj_display, obj_id)
        # Kept as a rejection: Django's "deleted successfully" would be untrue.
        self.message_user(
            request,
            _(
                "“%(obj)s” is a suggestion: it was not deleted but rejected, so suggest "
                "does not propose it again."
            )
            % {"obj": obj_display},
            messages.WARNING,
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )

    @admin.action(
        description=gettext_lazy(
            "Delete the selected %(verbose_name_plural)s (suggestions are rejected)"
        ),
        permissions=["delete"],
    )
    def delete_selected(self, request, queryset):
        if not request.POST.get("post"):
            return django_delete_selected(self, request, queryset)  # the confirmation page
        self.log_deletions(request, queryset)
        try:
            rejected, deleted = self.delete_queryset(request, queryset)
        except curation.LinkBusy as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        message = _(
            "%(deleted)d link(s) made by curators deleted; %(rejected)d suggestion(s) rejected "
            "instead of deleted, so suggest does not propose them again."
        )
        self.message_user(
            request, message % {"deleted": deleted, "rejected": rejected}, messages.SUCCESS
        )
        return None

    @admin.action(
        description=gettext_lazy("Accept the selected %(verbose_name_plural)s"),
        permissions=["change"],
    )
    def accept(self, request, queryset):
        try:
            count = curation.links_accept(links=queryset.select_related("passage"), by=request.user)
        except curation.LinkBusy as error:  # all or none: none, and the curator is told why
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, self.accepted_message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=gettext_lazy("Reject the selected %(verbose_name_plural)s"),
        permissions=["change"],
    )
    def reject(self, request, queryset):
        try:
            count = curation.links_reject(links=queryset.select_related("passage"), by=request.user)
        except curation.LinkBusy as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, self.rejected_message % {"count": count}, messages.SUCCESS)


@admin.register(Mention)
class MentionAdmin(LinkAdmin):
    target_field = "measure_type"
    list_display = [
        "in_context",
        "translated_measure_type",
        "status",
        "confidence",
        "origin",
        "term",
        "document",
        "published",
    ]
    list_filter = [
        StatusFilter,
        LikelyFilter,
        "origin",
        ("measure_type", TranslatedFieldFilter),
        ("measure_type__category", TranslatedFieldFilter),
        InstrumentFilter,
        "passage__document__kind",
        ("term", FiredTermFilter),
    ]
    list_select_related = [
        "passage__document",
        "measure_type",
        "term__measure_type",
        "term__instrument",
    ]
    autocomplete_fields = ["passage", "measure_type"]

    # In the admin's language, as the taxonomy's own lists and the public pages show them.
    translated_measure_type = translated_column(Mention, "name", through="measure_type")


@admin.register(Citation)
class CitationAdmin(LinkAdmin):
    target_field = "instrument"
    list_display = [
        "in_context",
        "translated_instrument",
        "status",
        "confidence",
        "origin",
        "term",
        "document",
        "published",
    ]
    list_filter = [
        StatusFilter,
        LikelyFilter,
        "origin",
        ("instrument", TranslatedFieldFilter),
        "passage__document__kind",
        ("term", FiredTermFilter),
    ]
    list_select_related = [
        "passage__document",
        "instrument",
        "term__measure_type",
        "term__instrument",
    ]
    autocomplete_fields = ["passage", "instrument"]

    translated_instrument = translated_column(Citation, "short_name", through="instrument")
