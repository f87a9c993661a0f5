from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from community.catalog import search, selectors, services
from community.catalog.api.payloads import tool_payloads
from community.catalog.api.serializers import (
    ScoredToolSerializer,
    SearchQuerySerializer,
    SearchResponseSerializer,
    StageSerializer,
    ToolSerializer,
    with_absolute_url,
)
from community.catalog.filters import ToolFilter
from community.catalog.models import Stage, Tool


class StageViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Stage.objects.all()
    serializer_class = StageSerializer
    lookup_field = "slug"
    pagination_class = None


class ToolViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Tool.objects.select_related("primary_stage").order_by("name")
    serializer_class = ToolSerializer
    filterset_class = ToolFilter
    lookup_field = "slug"

    @extend_schema(responses=ScoredToolSerializer(many=True))
    @action(detail=True, pagination_class=None, filter_backends=[])
    def similar(self, request: Request, slug: str) -> Response:
        """Nearest tools by embedding, those in the same primary stage first."""
        pairs = selectors.alternatives(self.get_object(), limit=10, tools=Tool.objects.only("id", "primary_stage_id"))
        payloads = tool_payloads([t.id for t, _ in pairs])
        return Response(
            [
                {"score": round(score, 4), "tool": with_absolute_url(payloads[t.id], request)}
                for t, score in pairs
                if t.id in payloads
            ]
        )


class SearchView(APIView):
    @extend_schema(parameters=[SearchQuerySerializer], responses=SearchResponseSerializer)
    def get(self, request: Request) -> Response:
        """Tools ranked by meaning, merged with keyword matches."""
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        version = services.catalog_version()
        results = search.search_tools(
            params.validated_data["q"], params.validated_data["limit"], catalog_version=version
        )
        payloads = tool_payloads([r.tool_id for r in results], version)
        data = [
            {
                "score": r.score,
                "semantic_score": r.semantic,
                "keyword_match": r.keyword,
                "tool": with_absolute_url(payloads[r.tool_id], request),
            }
            for r in results
            if r.tool_id in payloads
        ]
        return Response({"query": params.validated_data["q"], "count": len(data), "results": data})
