from rest_framework import serializers

from community.catalog.api.serializers import ToolSerializer
from community.core.fields import StrictCharField
from community.ethics.api.serializers import CheckSerializer, ResourceSerializer, RiskProfileSerializer
from recommender.stacks.constraints import BUDGETS, CLOUDS, HOSTING, Constraints
from recommender.stacks.forms import USE_CASE_MAX, USE_CASE_MIN


class ConstraintsSerializer(serializers.Serializer):
    open_source_only = serializers.BooleanField(default=False)
    hosting = serializers.ChoiceField(choices=HOSTING, default="any")
    cloud = serializers.ChoiceField(choices=CLOUDS, allow_null=True, default=None)
    team_size = serializers.IntegerField(min_value=1, max_value=10_000, allow_null=True, default=None)
    budget = serializers.ChoiceField(choices=BUDGETS, allow_null=True, default=None)


class RecommendationRequestSerializer(ConstraintsSerializer):
    use_case = StrictCharField(min_length=USE_CASE_MIN, max_length=USE_CASE_MAX)

    def constraints(self) -> Constraints:
        data = dict(self.validated_data)
        data.pop("use_case")
        return Constraints(**data)


class StackEntrySerializer(serializers.Serializer):
    stage = serializers.SlugField()
    stage_name = serializers.CharField()
    reason = serializers.ChoiceField(choices=["asked", "required", "implied"])
    required_by = serializers.ListField(child=serializers.CharField())
    tool = ToolSerializer(allow_null=True)
    score = serializers.FloatField()
    why = serializers.CharField()
    alternatives = ToolSerializer(many=True)
    checks = CheckSerializer(many=True, help_text="The first checks of the stage's responsible-AI checklist.")


class QuestionLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField()
    answer_count = serializers.IntegerField()
    score = serializers.IntegerField()


class MatchedProfileSerializer(RiskProfileSerializer):
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class RecommendationSerializer(serializers.Serializer):
    """The shape of a recommendation (built from the stored result, not field by field)."""

    id = serializers.UUIDField()
    url = serializers.URLField()
    use_case = serializers.CharField()
    constraints = ConstraintsSerializer()
    stack = StackEntrySerializer(many=True)
    risk_profiles = MatchedProfileSerializer(many=True)
    resources = ResourceSerializer(many=True)
    questions = QuestionLinkSerializer(many=True)
    created_at = serializers.DateTimeField()
