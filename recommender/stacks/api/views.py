from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from community.core.absolute import absolute
from recommender.stacks import services
from recommender.stacks.api.serializers import RecommendationRequestSerializer, RecommendationSerializer
from recommender.stacks.models import Recommendation


def recommendation_json(recommendation: Recommendation, request: Request) -> dict:
    return absolute(
        {
            "id": str(recommendation.id),
            "url": recommendation.get_absolute_url(),
            **recommendation.result,
            "created_at": recommendation.created_at.isoformat().replace("+00:00", "Z"),
        },
        request,
    )


class RecommendationViewSet(mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A stack for a use case: POST the text and constraints, GET a saved recommendation by id."""

    queryset = Recommendation.objects.all()
    serializer_class = RecommendationSerializer

    @extend_schema(request=RecommendationRequestSerializer, responses={201: RecommendationSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        params = RecommendationRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        recommendation = services.recommendation_create(
            user=request.user,
            use_case=params.validated_data["use_case"],
            constraints=params.constraints(),
            stages=params.validated_data.get("stages"),
        )
        return Response(recommendation_json(recommendation, request), status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(recommendation_json(self.get_object(), request))
