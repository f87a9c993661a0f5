from rest_framework import serializers

from community.catalog.models import Stage, Tool


class StageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Stage
        fields = ["slug", "name", "order", "description", "url"]

    def get_url(self, stage: Stage) -> str:
        return self.context["request"].build_absolute_uri(stage.get_absolute_url())


class ToolSerializer(serializers.ModelSerializer):
    primary_stage = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    stages = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    clouds = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    languages = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    domains = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    integrations = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    hosting = serializers.ListField(child=serializers.CharField(), read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Tool
        fields = [
            "slug", "name", "summary", "homepage", "repository", "licence", "open_source", "hosting", "clouds",
            "languages", "primary_stage", "stages", "domains", "integrations", "vendor", "url", "updated_at",
        ]  # fmt: skip

    def get_url(self, tool: Tool) -> str:
        return self.context["request"].build_absolute_uri(tool.get_absolute_url())


class ScoredToolSerializer(serializers.Serializer):
    score = serializers.FloatField()
    tool = ToolSerializer()


class SearchResultSerializer(ScoredToolSerializer):
    semantic_score = serializers.FloatField(source="semantic")
    keyword_match = serializers.BooleanField(source="keyword")


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=300, trim_whitespace=True)
    limit = serializers.IntegerField(min_value=1, max_value=50, default=20)
