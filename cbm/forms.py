"""Forms for what curators submit outside the model admin: uploads for ingest."""

import datetime

from django import forms
from django.conf import settings

from .models import Document


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
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class IngestForm(forms.Form):
    files = MultipleFileField(help_text="One or more UTF-8 .txt or .md files.")
    title = forms.CharField(
        required=False, max_length=400, help_text="One file only. Default: its first sentence."
    )
    url = forms.URLField(
        required=False, max_length=500, assume_scheme="https", help_text="One file only."
    )
    published_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Default: a leading “date YYYY-MM-DD” marker, if any.",
    )
    publisher = forms.CharField(
        required=False, max_length=200, help_text="Default: a “City (Publisher) -” dateline."
    )
    kind = forms.ChoiceField(choices=Document.Kind.choices, initial=Document.Kind.NEWS)
    language = forms.CharField(max_length=12, initial="en")

    @property
    def max_bytes(self) -> int:
        return settings.CBM_INGEST_MAX_BYTES

    def clean(self):
        data = super().clean()
        if len(data.get("files") or []) > 1 and (data.get("title") or data.get("url")):
            raise forms.ValidationError(
                "A title or URL describes one document: upload exactly one file."
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
            "language": data["language"],
        }
