from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from community.ethics import matching, selectors
from community.ethics.api.serializers import (
    ChecklistSerializer,
    MatchRequestSerializer,
    MatchResponseSerializer,
    ResourceSerializer,
    RiskProfileSerializer,
    match_payload,
)
from community.ethics.filters import ResourceFilter
from community.ethics.models import Resource


class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Responsible-AI resources; `search` ranks by meaning, the other filters narrow."""

    queryset = Resource.objects.for_api().order_by("title")
    serializer_class = ResourceSerializer
    filterset_class = ResourceFilter


class ChecklistViewSet(viewsets.ReadOnlyModelViewSet):
    """The responsible-AI checklist of each lifecycle stage, by stage slug."""

    serializer_class = ChecklistSerializer
    lookup_field = "stage__slug"
    lookup_url_kwarg = "stage"
    lookup_value_regex = "[-a-z0-9]+"
    pagination_class = None

    def get_queryset(self):
        return selectors.checklists().order_by("stage__order")


class RiskProfileViewSet(viewsets.ReadOnlyModelViewSet):
    """High-risk use-case domains with their checks and resources; `match` finds those a use case falls into."""

    serializer_class = RiskProfileSerializer
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        return selectors.profiles()

    @extend_schema(request=MatchRequestSerializer, responses=MatchResponseSerializer)
    @action(detail=False, methods=["post"])
    def match(self, request: Request) -> Response:
        """The profiles a use-case text matches, best first, each with the reasons (keywords, similar examples)."""
        params = MatchRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        use_case = params.validated_data["use_case"]
        matches = selectors.with_full_profiles(matching.match_risk_profiles(use_case))
        data = [match_payload(m, request) for m in matches]
        return Response({"use_case": use_case, "count": len(data), "profiles": data})
