"""The library's JSON. Payloads are built by hand from prefetched rows (one shape for list, detail and the
recommender), and the declared serializers describe that shape for the OpenAPI schema."""

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request

from community.core.fields import StrictCharField
from community.ethics.models import Check, Checklist, Resource, RiskProfile


def _absolute(request: Request | None, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def resource_payload(resource: Resource, request: Request | None = None) -> dict[str, Any]:
    """Needs `region` selected and `topics`, `stages`, `tools` prefetched (ResourceQuerySet.for_api)."""
    return {
        "id": resource.id,
        "slug": resource.slug,
        "title": resource.title,
        "url": resource.url,
        "page": _absolute(request, resource.get_absolute_url()),
        "kind": resource.kind,
        "kind_name": resource.get_kind_display(),
        "region": {"code": resource.region.code, "name": resource.region.name} if resource.region else None,
        "topics": [t.slug for t in resource.topics.all()],
        "stages": [s.slug for s in resource.stages.all()],
        "tools": [t.slug for t in resource.tools.all()],
        "summary": resource.summary,
        "organisation": resource.organisation,
        "year": resource.year,
        "status": resource.status,
        "updated_at": resource.updated_at.isoformat().replace("+00:00", "Z"),
    }


def _link(resource: Resource, request: Request | None) -> dict[str, Any]:
    return {
        "id": resource.id,
        "slug": resource.slug,
        "title": resource.title,
        "url": resource.url,
        "page": _absolute(request, resource.get_absolute_url()),
        "kind": resource.kind,
        "region": resource.region.code if resource.region else None,
    }


def check_payload(check: Check, request: Request | None = None) -> dict[str, Any]:
    """Needs `resources` (with region) and `tools` prefetched."""
    payload = {
        "position": check.position,
        "text": check.text,
        "detail": check.detail,
        "resources": [_link(r, request) for r in check.resources.all()],
        "tools": [
            {"slug": t.slug, "name": t.name, "url": _absolute(request, t.get_absolute_url())} for t in check.tools.all()
        ],
    }
    if hasattr(check, "topics"):
        payload["topics"] = [t.slug for t in check.topics.all()]
    if hasattr(check, "stage"):
        payload["stage"] = check.stage.slug
    return payload


def checklist_payload(checklist: Checklist, request: Request | None = None) -> dict[str, Any]:
    return {
        "stage": checklist.stage.slug,
        "stage_name": checklist.stage.name,
        "intro": checklist.intro,
        "page": _absolute(request, checklist.get_absolute_url()),
        "items": [check_payload(item, request) for item in checklist.items.all()],
    }


def profile_payload(profile: RiskProfile, request: Request | None = None) -> dict[str, Any]:
    """Needs `stages`, `resources` and `checks` (with their links) prefetched (selectors.profiles_for_payload)."""
    return {
        "slug": profile.slug,
        "name": profile.name,
        "summary": profile.summary,
        "why": profile.why,
        "page": _absolute(request, profile.get_absolute_url()),
        "required_stages": [s.slug for s in profile.stages.all()],
        "checks": [check_payload(c, request) for c in profile.checks.all()],
        "resources": [_link(r, request) for r in profile.resources.all()],
    }


class RegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ResourceSerializer(serializers.ModelSerializer):
    page = serializers.URLField()
    kind_name = serializers.CharField()
    region = RegionSerializer(allow_null=True)
    topics = serializers.ListField(child=serializers.SlugField())
    stages = serializers.ListField(child=serializers.SlugField())
    tools = serializers.ListField(child=serializers.SlugField())

    class Meta:
        model = Resource
        fields = [
            "id", "slug", "title", "url", "page", "kind", "kind_name", "region", "topics", "stages", "tools",
            "summary", "organisation", "year", "status", "updated_at",
        ]  # fmt: skip

    def to_representation(self, resource: Resource) -> dict[str, Any]:
        return resource_payload(resource, self.context.get("request"))


class ResourceLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    url = serializers.URLField()
    page = serializers.URLField()
    kind = serializers.CharField()
    region = serializers.CharField(allow_null=True)


class ToolLinkSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.URLField()


class CheckSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    text = serializers.CharField()
    detail = serializers.CharField()
    topics = serializers.ListField(child=serializers.SlugField(), required=False)
    stage = serializers.SlugField(required=False)
    resources = ResourceLinkSerializer(many=True)
    tools = ToolLinkSerializer(many=True)


class ChecklistSerializer(serializers.Serializer):
    stage = serializers.SlugField()
    stage_name = serializers.CharField()
    intro = serializers.CharField()
    page = serializers.URLField()
    items = CheckSerializer(many=True)

    def to_representation(self, checklist: Checklist) -> dict[str, Any]:
        return checklist_payload(checklist, self.context.get("request"))


class RiskProfileSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    summary = serializers.CharField()
    why = serializers.CharField()
    page = serializers.URLField()
    required_stages = serializers.ListField(child=serializers.SlugField())
    checks = CheckSerializer(many=True)
    resources = ResourceLinkSerializer(many=True)

    def to_representation(self, profile: RiskProfile) -> dict[str, Any]:
        return profile_payload(profile, self.context.get("request"))


class ProfileMatchSerializer(RiskProfileSerializer):
    score = serializers.FloatField()
    similarity = serializers.FloatField()
    keywords = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())


class MatchRequestSerializer(serializers.Serializer):
    use_case = StrictCharField(min_length=3, max_length=5000, trim_whitespace=True)


class MatchResponseSerializer(serializers.Serializer):
    use_case = serializers.CharField()
    count = serializers.IntegerField()
    profiles = ProfileMatchSerializer(many=True)
