from rest_framework import serializers

from community.catalog.api.serializers import ToolSerializer
from community.core.fields import StrictCharField
from community.ethics.api.serializers import CheckSerializer, ResourceSerializer, RiskProfileSerializer
from recommender.stacks.constraints import BUDGETS, CLOUDS, HOSTING, Constraints
from recommender.stacks.forms import MAX_CHOSEN_STAGES, USE_CASE_MAX, USE_CASE_MIN, chosen_stages
from recommender.stacks.readable import UNREADABLE, readable


class NamedChoiceField(serializers.ChoiceField):
    """A choice that names the valid ones when refused, and takes them in any case ("AWS" is aws)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        valid = ", ".join(str(c) for c in self.choices)
        self.error_messages["invalid_choice"] = f'"{{input}}" is not a valid choice: use one of {valid}.'

    def validate_empty_values(self, data):
        if data == "" and self.allow_null:  # a form's "no preference" sent as is
            return True, None
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if isinstance(data, str) and data.lower() in self.choices:
            data = data.lower()
        return super().to_internal_value(data)


class ConstraintsSerializer(serializers.Serializer):
    open_source_only = serializers.BooleanField(default=False)
    hosting = NamedChoiceField(
        choices=HOSTING,
        default="any",
        allow_null=True,  # null, like a missing field, is any hosting (see validate_hosting)
        help_text="Which tools a pick may be: a library (runs in your own code) fits self-hosted and managed alike.",
    )
    cloud = NamedChoiceField(choices=CLOUDS, allow_null=True, default=None)
    team_size = serializers.IntegerField(min_value=1, max_value=10_000, allow_null=True, default=None)
    budget = NamedChoiceField(choices=BUDGETS, allow_null=True, default=None)

    def validate_hosting(self, value: str | None) -> str:
        return value or "any"


class RecommendationRequestSerializer(ConstraintsSerializer):
    use_case = StrictCharField(min_length=USE_CASE_MIN, max_length=USE_CASE_MAX)
    stages = serializers.ListField(
        child=serializers.SlugField(max_length=50),
        required=False,
        allow_null=True,
        max_length=MAX_CHOSEN_STAGES,
        help_text="Stage slugs (as in /api/stages/) to build the stack from, instead of the stages inferred from "
        "the text (an empty list or null, like no field, lets them be inferred). Stages a matched high-risk "
        "domain requires are added all the same.",
    )

    def validate_use_case(self, value: str) -> str:
        if not readable(value):
            raise serializers.ValidationError(UNREADABLE)
        return value

    def validate_stages(self, value: list[str] | None) -> list[str] | None:
        return chosen_stages(value) if value else None

    def constraints(self) -> Constraints:
        data = dict(self.validated_data)
        data.pop("use_case")
        data.pop("stages", None)
        return Constraints(**data)


class StackEntrySerializer(serializers.Serializer):
    stage = serializers.SlugField()
    stage_name = serializers.CharField()
    reason = serializers.ChoiceField(
        choices=["asked", "required", "implied", "chosen"],
        help_text="asked: a clause of the text asks for it; required: a matched high-risk domain requires it; "
        "implied: teams that describe such work need it; chosen: the person picked it.",
    )
    required_by = serializers.ListField(child=serializers.CharField())
    tool = ToolSerializer(allow_null=True)
    score = serializers.FloatField()
    why = serializers.CharField()
    alternatives = ToolSerializer(many=True)
    checks = CheckSerializer(many=True, help_text="The first checks of the stage's responsible-AI checklist.")


class StageLinkSerializer(serializers.Serializer):
    stage = serializers.SlugField()
    stage_name = serializers.CharField()


class QuestionLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField()
    answer_count = serializers.IntegerField()
    score = serializers.IntegerField()


class MatchedProfileSerializer(RiskProfileSerializer):
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    confident = serializers.BooleanField(
        required=False,
        help_text="false: the text uses the domain's words but reads less like its use cases, so the domain may "
        "apply; its required stages are offered in also_consider rather than added to the stack.",
    )


class HintSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=["open_source_only", "hosting", "cloud", "budget"])
    value = serializers.JSONField(
        help_text="The value the text seems to ask for (true, a hosting, a cloud or a budget)."
    )
    quote = serializers.CharField(help_text="The words of the text that ask for it.")
    message = serializers.CharField()


class RecommendationSerializer(serializers.Serializer):
    """The shape of a recommendation (built from the stored result, not field by field)."""

    id = serializers.UUIDField()
    url = serializers.URLField()
    use_case = serializers.CharField()
    constraints = ConstraintsSerializer()
    stack = StackEntrySerializer(many=True)
    stages_chosen = serializers.BooleanField(
        required=False, help_text="Whether the person chose the stages (otherwise they were inferred)."
    )
    also_consider = StageLinkSerializer(
        many=True, required=False, help_text="Stages next in line after the stack's, likeliest first."
    )
    hints = HintSerializer(
        many=True,
        required=False,
        help_text="Constraints the text states in words while their fields are left unset (the stack does not "
        "follow them until they are set).",
    )
    risk_profiles = MatchedProfileSerializer(many=True)
    resources = ResourceSerializer(many=True)
    questions = QuestionLinkSerializer(many=True)
    created_at = serializers.DateTimeField()
