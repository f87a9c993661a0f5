from rest_framework import serializers

from community.core.fields import StrictCharField
from community.qa.models import TITLE_MAX, TITLE_MIN, Answer, Question, Tag
from community.qa.selectors import LIST_ORDERS


class QuestionSerializer(serializers.ModelSerializer):
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    tools = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)
    url = serializers.SerializerMethodField()
    closed_reason = serializers.CharField(read_only=True)

    class Meta:
        model = Question
        fields = [
            "id", "title", "body", "body_html", "tags", "tools", "author", "score", "answer_count", "accepted_answer",
            "url", "created_at", "edited_at", "last_activity_at", "closed_reason", "duplicate_of",
        ]  # fmt: skip
        read_only_fields = fields

    def get_url(self, question: Question) -> str:
        return self.context["request"].build_absolute_uri(question.get_absolute_url())


class QuestionWriteSerializer(serializers.Serializer):
    title = StrictCharField(min_length=TITLE_MIN, max_length=TITLE_MAX)
    body = StrictCharField(max_length=30_000)
    tags = serializers.ListField(child=StrictCharField(max_length=40), min_length=1, max_length=5)
    tools = serializers.ListField(child=serializers.SlugField(), required=False, default=list, max_length=10)
    comment = StrictCharField(max_length=200, required=False, default="")


class AnswerSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)
    is_accepted = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = ["id", "question", "body", "body_html", "author", "score", "is_accepted", "created_at", "edited_at"]
        read_only_fields = fields

    def get_is_accepted(self, answer: Answer) -> bool:
        return answer.question.accepted_answer_id == answer.pk


class AnswerWriteSerializer(serializers.Serializer):
    body = StrictCharField(max_length=30_000)
    comment = StrictCharField(max_length=200, required=False, default="")


class VoteSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=[1, -1, 0])


class TagSerializer(serializers.ModelSerializer):
    question_count = serializers.IntegerField(read_only=True)
    tool = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    stage = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Tag
        fields = ["slug", "description", "question_count", "tool", "stage"]


class QuestionListQuerySerializer(serializers.Serializer):
    sort = serializers.ChoiceField(choices=LIST_ORDERS, default="newest")
    tag = StrictCharField(max_length=40, required=False, default="")
    q = StrictCharField(max_length=200, required=False, default="", help_text="Keywords")


class SimilarQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField()
    score = serializers.FloatField()


class SimilarQuerySerializer(serializers.Serializer):
    q = StrictCharField(max_length=300)
    limit = serializers.IntegerField(min_value=1, max_value=20, default=5)
