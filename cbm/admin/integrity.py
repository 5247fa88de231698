"""A database rule broken past a form's checks (two curators saving the same term at once: both
forms checked before either saved) is a form error in the rule's plain words, never a server
error. The admin saves a form and its inlines in one transaction, so nothing of it is kept."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError

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
