from typing import Any

from rest_framework import serializers
from rest_framework.request import Request

from community.catalog.models import HOSTING_CHOICES, Stage, Tool
from community.catalog.selectors import attach_related_slugs
from community.core.fields import StrictCharField


class StageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Stage
        fields = ["slug", "name", "order", "description", "url"]

    def get_url(self, stage: Stage) -> str:
        return self.context["request"].build_absolute_uri(stage.get_absolute_url())


class ToolListSerializer(serializers.ListSerializer):
    def to_representation(self, data) -> list[dict]:
        tools = attach_related_slugs(list(data.all() if hasattr(data, "all") else data))
        return [self.child.to_representation(tool) for tool in tools]


class ToolSerializer(serializers.ModelSerializer):
    primary_stage = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    stages = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    clouds = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    languages = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    domains = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    integrations = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    hosting = serializers.ListField(child=serializers.ChoiceField(choices=HOSTING_CHOICES), read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Tool
        fields = [
            "slug", "name", "summary", "homepage", "repository", "licence", "open_source", "hosting", "clouds",
            "languages", "primary_stage", "stages", "domains", "integrations", "vendor", "url", "updated_at",
        ]  # fmt: skip
        list_serializer_class = ToolListSerializer

    def get_url(self, tool: Tool) -> str:
        return self.context["request"].build_absolute_uri(tool.get_absolute_url())

    def to_representation(self, tool: Tool) -> dict:
        # The declared fields above describe the schema; building the dict by hand is ~10x faster than DRF's
        # field-by-field walk, which matters on the list and search endpoints.
        if not hasattr(tool, "related_slugs"):
            attach_related_slugs([tool])
        return with_absolute_url(tool_payload(tool), self.context["request"])


def tool_payload(tool: Tool) -> dict[str, Any]:
    """A tool's JSON, with `url` as a path (made absolute per request by with_absolute_url)."""
    related = tool.related_slugs
    return {
        "slug": tool.slug,
        "name": tool.name,
        "summary": tool.summary,
        "homepage": tool.homepage,
        "repository": tool.repository,
        "licence": tool.licence,
        "open_source": tool.open_source,
        "hosting": tool.hosting,
        "clouds": related["clouds"],
        "languages": related["languages"],
        "primary_stage": tool.primary_stage.slug,
        "stages": related["stages"],
        "domains": related["domains"],
        "integrations": related["integrations"],
        "vendor": tool.vendor,
        "url": tool.get_absolute_url(),
        "updated_at": tool.updated_at.isoformat().replace("+00:00", "Z"),
    }


def with_absolute_url(payload: dict[str, Any], request: Request) -> dict[str, Any]:
    return {**payload, "url": request.build_absolute_uri(payload["url"])}


class ScoredToolSerializer(serializers.Serializer):
    score = serializers.FloatField()
    tool = ToolSerializer()


class SearchResultSerializer(ScoredToolSerializer):
    semantic_score = serializers.FloatField(source="semantic")
    keyword_match = serializers.BooleanField(source="keyword")


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    count = serializers.IntegerField()
    results = SearchResultSerializer(many=True)


class SearchQuerySerializer(serializers.Serializer):
    q = StrictCharField(max_length=300, trim_whitespace=True)
    limit = serializers.IntegerField(min_value=1, max_value=50, default=20)
