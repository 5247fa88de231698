"""Admin searches of a bounded length. Django looks for every word of a search (a condition per
word and field, all ANDed), and SQLite refuses a query past about a thousand of them: a
paragraph pasted into a list's search box came back as "database unavailable" (a 503)."""

from django.contrib import messages
from django.utils.text import smart_split
from django.utils.translation import gettext as _

SEARCH_MAX_WORDS = 100


class BoundedSearch:
    """A ModelAdmin mixin: a search of more than SEARCH_MAX_WORDS words looks for the first
    ones, and the list says so (an autocomplete menu, which shows no message, just does it)."""

    def get_search_results(self, request, queryset, search_term):
        words = list(smart_split(search_term))
        if len(words) > SEARCH_MAX_WORDS:
            search_term = " ".join(words[:SEARCH_MAX_WORDS])
            match = getattr(request, "resolver_match", None)
            if not (match and match.url_name == "autocomplete"):
                message = _(
                    "The search looked for its first %(limit)d words of %(count)d: a few "
                    "distinctive words find as much."
                )
                limits = {"limit": SEARCH_MAX_WORDS, "count": len(words)}
                self.message_user(request, message % limits, messages.WARNING)
        return super().get_search_results(request, queryset, search_term)
