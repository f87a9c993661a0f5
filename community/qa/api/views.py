from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import QueryDict
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from community.qa import selectors, services
from community.qa.api.serializers import (
    AnswerSerializer,
    AnswerWriteSerializer,
    QuestionListQuerySerializer,
    QuestionSerializer,
    QuestionWriteSerializer,
    SimilarQuerySerializer,
    SimilarQuestionSerializer,
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


def patched(current: dict, data: object) -> object:
    """A PATCH body over the post's current values; a body that is not an object of fields is a 400."""
    if isinstance(data, QueryDict):  # a form: its lists (tags=a&tags=b) stay lists
        merged = data.copy()
        for key, value in current.items():
            if key not in merged:
                merged.setlist(key, value if isinstance(value, list) else [value])
        return merged
    if not isinstance(data, dict):
        raise exceptions.ValidationError({"non_field_errors": ["Send an object of the fields to change."]})
    return {**current, **data}


def valid(serializer_class: type, data: object) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class VoteMixin:
    @extend_schema(
        description='POST {"value": 1 | -1 | 0} to vote on the post, change the vote, or take it back.',
        request=VoteSerializer,
        responses={200: {"type": "object", "properties": {"score": {"type": "integer"}}, "required": ["score"]}},
    )
    @action(detail=True, methods=["post"])
    def vote(self, request: Request, pk: str) -> Response:
        value = valid(VoteSerializer, request.data)["value"]
        return Response({"score": run(services.vote_cast, user=request.user, post=self.get_object(), value=value)})


class QuestionViewSet(VoteMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Questions: list, ask (signed in), edit or delete your own, answer, vote."""

    serializer_class = QuestionSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        # The list's filters apply to the list only: `?q=` on a question's own address must not hide it.
        params = valid(QuestionListQuerySerializer, self.request.query_params) if self.action == "list" else {}
        return (
            selectors.question_list(params.get("sort", "newest"), params.get("tag", ""), params.get("q", ""))
            .select_related("author")
            .prefetch_related("tools")
        )

    @extend_schema(parameters=[QuestionListQuerySerializer])
    def list(self, request: Request) -> Response:
        return super().list(request)

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
        data = valid(QuestionWriteSerializer, patched(current, request.data))
        question = run(services.question_edit, user=request.user, question=question, **data)
        return Response(QuestionSerializer(question, context={"request": request}).data)

    def destroy(self, request: Request, pk: str) -> Response:
        run(services.question_delete, user=request.user, question=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["POST"], request=AnswerWriteSerializer, responses={201: AnswerSerializer})
    @extend_schema(methods=["GET"], responses=AnswerSerializer(many=True))
    @action(detail=True, methods=["get", "post"], pagination_class=None)
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

    @extend_schema(parameters=[SimilarQuerySerializer], responses=SimilarQuestionSerializer(many=True))
    @action(detail=False, pagination_class=None, filter_backends=[])
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
    """Answers: edit or delete your own, vote, and accept one on a question you asked."""

    serializer_class = AnswerSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    queryset = Answer.objects.select_related("author", "question")

    @extend_schema(request=AnswerWriteSerializer, responses=AnswerSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        answer = self.get_object()
        data = valid(AnswerWriteSerializer, patched({"body": answer.body}, request.data))
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
