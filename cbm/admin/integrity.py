"""A database rule broken past a form's checks (two curators saving the same term at once: both
forms checked before either saved) is a form error in the rule's plain words, never a server
error. The admin saves a form and its inlines in one transaction, so nothing of it is kept."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.forms.models import BaseInlineFormSet, BaseModelFormSet

from ..constraints import violation_message


class ConstraintErrors:
    """A ModelAdmin mixin: on an IntegrityError while saving, the form is shown again (nothing
    saved) with the broken rule's message (cbm.constraints) as its error."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            if request.method != "POST" or hasattr(request, "_cbm_violation"):
                raise
            request._cbm_violation = violation_message(error)
        # (the save was rolled back with the admin's transaction): the same form again, refused
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        message = getattr(request, "_cbm_violation", None)
        if message is None:
            return form

        class Refused(form):
            def clean(self):
                super().clean()
                raise ValidationError(message)

        return Refused


class UniqueRowsFormSet(BaseInlineFormSet):
    """An inline whose rows repeat one another where a rule wants them unique: Django's message
    names the fields as the code does ("Please correct the duplicate data for actor", on
    /ru/admin/ too); this one names them as the form does, by their translated verbose names."""

    def get_unique_error_message(self, unique_check):
        names = [name for name in unique_check if name != self.fk.name]  # the parent: one for all
        labels = [self.model._meta.get_field(name).verbose_name for name in names]
        return BaseModelFormSet.get_unique_error_message(self, labels)
