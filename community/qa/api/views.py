from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from community.qa import selectors, services
from community.qa.api.serializers import (
    AnswerSerializer,
    AnswerWriteSerializer,
    QuestionSerializer,
    QuestionWriteSerializer,
    SimilarQuerySerializer,
    TagSerializer,
    VoteSerializer,
)
from community.qa.models import Answer


def run(service: Callable, **kwargs: object) -> object:
    """Call a service, turning its rule errors into the API's: 400 naming the field, 403 for permissions."""
    try:
        return service(**kwargs)
    except DjangoValidationError as exc:
        raise exceptions.ValidationError(
            {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()}
        ) from None
    except PermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc) or None) from None


def valid(serializer_class: type, data: object) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class VoteMixin:
    """POST {"value": 1 | -1 | 0} to vote on the post, change the vote, or take it back."""

    @extend_schema(
        request=VoteSerializer, responses={200: {"type": "object", "properties": {"score": {"type": "integer"}}}}
    )
    @action(detail=True, methods=["post"])
    def vote(self, request: Request, pk: str) -> Response:
        value = valid(VoteSerializer, request.data)["value"]
        return Response({"score": run(services.vote_cast, user=request.user, post=self.get_object(), value=value)})


class QuestionViewSet(VoteMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = QuestionSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        params = self.request.query_params
        return (
            selectors.question_list(params.get("sort", "newest"), params.get("tag", ""), params.get("q", ""))
            .select_related("author")
            .prefetch_related("tools")
        )

    @extend_schema(request=QuestionWriteSerializer, responses={201: QuestionSerializer})
    def create(self, request: Request) -> Response:
        data = valid(QuestionWriteSerializer, request.data)
        data.pop("comment")
        question = run(services.question_ask, author=request.user, **data)
        return Response(QuestionSerializer(question, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=QuestionWriteSerializer, responses=QuestionSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        question = self.get_object()
        current = {
            "title": question.title,
            "body": question.body,
            "tags": list(question.tags.values_list("slug", flat=True)),
            "tools": list(question.tools.values_list("slug", flat=True)),
        }
        data = valid(QuestionWriteSerializer, {**current, **request.data})
        question = run(services.question_edit, user=request.user, question=question, **data)
        return Response(QuestionSerializer(question, context={"request": request}).data)

    def destroy(self, request: Request, pk: str) -> Response:
        run(services.question_delete, user=request.user, question=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["POST"], request=AnswerWriteSerializer, responses={201: AnswerSerializer})
    @extend_schema(methods=["GET"], responses=AnswerSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def answers(self, request: Request, pk: str) -> Response:
        question = self.get_object()
        if request.method == "GET":
            answers = selectors.answers_for(question)
            for answer in answers:
                answer.question = question
            return Response(AnswerSerializer(answers, many=True).data)
        data = valid(AnswerWriteSerializer, request.data)
        answer = run(services.answer_create, author=request.user, question=question, body=data["body"])
        return Response(AnswerSerializer(answer).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("q", str, required=True), OpenApiParameter("limit", int)])
    @action(detail=False)
    def similar(self, request: Request) -> Response:
        """Questions closest in meaning to the text, best first."""
        params = valid(SimilarQuerySerializer, request.query_params)
        pairs = selectors.similar_to_text(params["q"], params["limit"])
        return Response(
            [
                {
                    "id": q.pk,
                    "title": q.title,
                    "url": request.build_absolute_uri(q.get_absolute_url()),
                    "score": round(s, 4),
                }
                for q, s in pairs
            ]
        )


class AnswerViewSet(VoteMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AnswerSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    queryset = Answer.objects.select_related("author", "question")

    @extend_schema(request=AnswerWriteSerializer, responses=AnswerSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        answer = self.get_object()
        data = valid(AnswerWriteSerializer, {"body": answer.body, **request.data})
        return Response(AnswerSerializer(run(services.answer_edit, user=request.user, answer=answer, **data)).data)

    def destroy(self, request: Request, pk: str) -> Response:
        run(services.answer_delete, user=request.user, answer=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=QuestionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        question = run(services.answer_accept, user=request.user, answer=self.get_object())
        return Response(QuestionSerializer(question, context={"request": request}).data)


class TagViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = TagSerializer
    queryset = selectors.tag_list()
    lookup_field = "slug"
