"""The curators' workspace: the taxonomy and lexicon, instruments, documents, and the review
queue of suggested links. Every decision on a link goes through cbm.curation."""

from django.contrib import admin

from . import instruments, jobs, links, positions, quality, taxonomy, texts  # noqa: F401  (registers the model admins)
from .curators import CuratorProfileAdmin  # noqa: F401  (a public name per curator)

admin.site.site_header = "CBM Registry curation"
admin.site.site_title = "CBM Registry"
admin.site.index_title = "Curation"
