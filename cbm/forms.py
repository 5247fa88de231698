"""Forms for what curators submit outside the model admin: uploads for ingest."""

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .ingest import publication_date_problem
from .models import Document


def checked_publication_date(published_on):
    if problem := publication_date_problem(published_on):
        raise forms.ValidationError(problem)
    return published_on


class DocumentAdminForm(forms.ModelForm):
    """A document's metadata in the admin: a mistyped year is refused as at ingest."""

    def clean_published_on(self):
        return checked_publication_date(self.cleaned_data.get("published_on"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".txt,.md,text/plain,text/markdown"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # Each file is judged alone by ingest (empty, too large, not UTF-8 …), so one bad file
        # never rejects the others; here only "no file at all" is an error.
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class IngestForm(forms.Form):
    files = MultipleFileField(
        required=False,
        label=_("files"),
        help_text=_("One or more UTF-8 .txt or .md files (or paste a text below)."),
    )
    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        label=_("or pasted text"),
        help_text=_("One document's text, as it would be in a file."),
    )
    title = forms.CharField(
        required=False,
        max_length=400,
        label=_("title"),
        help_text=_("One file only. Default: its first sentence."),
    )
    url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label=_("URL"),
        help_text=_("One file only."),
    )
    published_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label=_("published on"),
        help_text=_("Default: a leading “date YYYY-MM-DD” marker, if any."),
    )
    publisher = forms.CharField(
        required=False,
        max_length=200,
        label=_("publisher"),
        help_text=_("Default: a “City (Publisher) -” dateline."),
    )
    # The same default as the command and the API: the model's.
    kind = forms.ChoiceField(
        choices=Document.Kind.choices,
        initial=Document._meta.get_field("kind").default,
        label=_("kind"),
    )
    # The document's own choices (one rule); left empty, ingest recognises the language, as the
    # command and the API do.
    language = forms.ChoiceField(
        choices=[
            ("", _("recognised from the text")),
            *Document._meta.get_field("language").choices,
        ],
        required=False,
        label=_("language"),
    )

    @property
    def max_bytes(self) -> int:
        return settings.CBM_INGEST_MAX_BYTES

    def clean_published_on(self):
        return checked_publication_date(self.cleaned_data.get("published_on"))

    def clean(self):
        data = super().clean()
        if {"files", "text"} & set(self.errors):
            return data  # what was given is wrong, as its field says: not missing
        files, text = data.get("files") or [], data.get("text") or ""
        if not files and not text.strip():
            raise forms.ValidationError(_("Choose one or more files, or paste a text."))
        if files and text.strip():
            raise forms.ValidationError(_("Choose files or paste a text, not both."))
        if len(files) > 1 and (data.get("title") or data.get("url")):
            raise forms.ValidationError(
                _("A title or URL describes one document: upload exactly one file.")
            )
        return data

    def metadata(self) -> dict:
        data = self.cleaned_data
        published: datetime.date | None = data.get("published_on")
        return {
            "title": data.get("title") or None,
            "url": data.get("url") or None,
            "published_on": published,
            "publisher": data.get("publisher") or None,
            "kind": data["kind"],
            "language": data.get("language") or None,
        }


class WithdrawalForm(forms.Form):
    """Why a document leaves the public site (required), or comes back (optional)."""

    reason = forms.CharField(
        max_length=300, widget=forms.Textarea(attrs={"rows": 3}), label=_("reason")
    )

    def __init__(self, *args, withdrawing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = withdrawing
        self.fields["reason"].help_text = (
            _("Kept in the document’s history. Its passages and links stay, for curators only.")
            if withdrawing
            else _("Optional; kept in the document’s history.")
        )
