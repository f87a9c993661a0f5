from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from community.core.absolute import absolute
from community.ethics import matching, selectors, services
from community.ethics.api.payloads import profile_payloads, resource_payloads
from community.ethics.api.serializers import (
    ChecklistSerializer,
    MatchRequestSerializer,
    MatchResponseSerializer,
    ResourceSerializer,
    RiskProfileSerializer,
)
from community.ethics.filters import ResourceFilter
from community.ethics.models import Resource


class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Responsible-AI resources; `search` ranks by meaning, the other filters narrow."""

    queryset = Resource.objects.for_api().order_by("title")
    serializer_class = ResourceSerializer
    filterset_class = ResourceFilter

    def list(self, request: Request, *args, **kwargs) -> Response:
        # The filters choose ids; the JSON of each resource comes from the per-version payload cache.
        version = services.ethics_version()
        ids = list(self.filter_queryset(Resource.objects.order_by("title")).values_list("id", flat=True))
        page = self.paginate_queryset(ids)
        payloads = resource_payloads(page, version)
        return self.get_paginated_response([absolute(payloads[i], request) for i in page if i in payloads])


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
        matches = matching.match_risk_profiles(use_case)
        payloads = profile_payloads([m.profile.id for m in matches])
        data = [
            absolute(
                {
                    **payloads[m.profile.id],
                    "score": m.score,
                    "similarity": m.similarity,
                    "keywords": m.keywords,
                    "reasons": m.reasons,
                },
                request,
            )
            for m in matches
        ]
        return Response({"use_case": use_case, "count": len(data), "profiles": data})
