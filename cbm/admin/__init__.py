"""The curators' workspace: the taxonomy and lexicon, instruments, documents, and the review
queue of suggested links. Every decision on a link goes through cbm.curation."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import instruments, jobs, links, positions, quality, taxonomy, texts  # noqa: F401  (registers the model admins)
from .curators import CuratorProfileAdmin  # noqa: F401  (a public name per curator)

admin.site.site_header = _("CBM Registry curation")
admin.site.site_title = _("CBM Registry")
admin.site.index_title = _("Curation")
