"""Documents (as listed, in full, posted, withdrawn) and passages."""

from rest_framework import serializers

from ...ingest import publication_date_problem
from ...models import Document, Passage
from .fields import RealDateField, StrictBooleanField, StrictCharField


class DocumentSerializer(serializers.ModelSerializer):
    passages = serializers.IntegerField(
        read_only=True, source="n_passages", help_text="Number of passages."
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "title",
            "publisher",
            "url",
            "published_on",
            "language",
            "source_name",
            "sha256",
            "passages",
            "created_at",
            "withdrawn",
        ]


class DocumentDetailSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "body"]


class DocumentCreateSerializer(serializers.Serializer):
    """A document from posted text: ingested and given suggestions in one transaction."""

    text = StrictCharField(trim_whitespace=False, help_text="The whole text, UTF-8.")
    title = StrictCharField(required=False, max_length=400)
    published_on = RealDateField(required=False)
    publisher = StrictCharField(required=False, max_length=200)
    url = serializers.URLField(required=False, max_length=500)
    kind = serializers.ChoiceField(
        choices=Document.Kind.choices,
        required=False,
        help_text=f"Default: {Document._meta.get_field('kind').default} (as in the admin).",
    )
    language = serializers.ChoiceField(
        choices=Document._meta.get_field("language").choices,
        required=False,
        help_text="Default: recognised from the text.",
    )
    source_name = StrictCharField(required=False, max_length=255)

    def validate_published_on(self, value):
        if problem := publication_date_problem(value):
            raise serializers.ValidationError(problem)
        return value

    def validate(self, data):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: "Unknown field." for name in unknown})
        return data


class DocumentWithdrawalSerializer(serializers.Serializer):
    """Withdraw a document from the public site (a reason is required) or restore it."""

    withdrawn = StrictBooleanField()
    reason = StrictCharField(required=False, allow_blank=True, max_length=300, default="")

    def validate(self, data):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: "Only withdrawn and reason can be changed." for name in unknown}
            )
        return data


class PassageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = serializers.CharField(help_text="Measure type or instrument slug.")
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField()


class PassageSerializer(serializers.ModelSerializer):
    mentions = serializers.SerializerMethodField(help_text="Accepted mentions in this passage.")
    citations = serializers.SerializerMethodField(help_text="Accepted citations in this passage.")
    permalink = serializers.SerializerMethodField(help_text="The passage's public, citable page.")

    class Meta:
        model = Passage
        fields = [
            "id",
            "document",
            "ordinal",
            "start",
            "end",
            "text",
            "language",
            "mentions",
            "citations",
            "permalink",
        ]

    def _links(self, links, target) -> list[dict]:
        return [
            {
                "id": link.pk,
                "target": getattr(link, target).slug,
                "start": link.start,
                "end": link.end,
                "quote": link.quote,
            }
            for link in links
        ]

    def get_mentions(self, obj) -> list[dict]:
        return self._links(obj.accepted_mentions, "measure_type")

    def get_citations(self, obj) -> list[dict]:
        return self._links(obj.accepted_citations, "instrument")

    def get_permalink(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())
