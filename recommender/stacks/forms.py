from django import forms
from django.core.exceptions import ValidationError

from community.catalog import selectors
from recommender.stacks.constraints import BUDGETS, CLOUDS, HOSTING, Constraints
from recommender.stacks.readable import UNREADABLE, readable

USE_CASE_MIN, USE_CASE_MAX = 10, 5000
MAX_CHOSEN_STAGES = 24


def chosen_stages(slugs: list[str], choices: list[tuple[str, str]] | None = None) -> list[str]:
    """Stage slugs a person picked, checked against the stages (`choices`, read when not given), in lifecycle
    order and without repeats."""
    order = [slug for slug, _ in (choices if choices is not None else selectors.stage_choices())]
    unknown = sorted(set(slugs) - set(order))
    if unknown:
        raise ValidationError(f"Unknown stage: {', '.join(unknown)}. The stages are listed at /api/stages/.")
    return sorted(set(slugs), key=order.index)


class RecommendForm(forms.Form):
    use_case = forms.CharField(
        min_length=USE_CASE_MIN,
        max_length=USE_CASE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What are you building, and what binds you?",
        help_text="Plain words: the data, the model, who uses it, what hurts today.",
    )
    open_source_only = forms.BooleanField(required=False, label="Open source only")
    hosting = forms.ChoiceField(
        choices=[(h, h.capitalize()) for h in HOSTING],
        initial="any",
        required=False,  # as in the API: left out, any hosting will do
        help_text="Libraries run inside your own code, so they fit either way.",
    )
    cloud = forms.ChoiceField(
        choices=[("", "No preference"), *[(c, c.upper() if c != "azure" else "Azure") for c in CLOUDS]],
        required=False,
    )
    team_size = forms.IntegerField(min_value=1, max_value=10_000, required=False, label="Team size")
    budget = forms.ChoiceField(choices=[("", "Not stated"), *[(b, b.capitalize()) for b in BUDGETS]], required=False)
    stages = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Stages",
        help_text="Leave them all unticked to let the recommender infer the stages from your words.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stages"].choices = selectors.stage_choices()

    def clean_use_case(self) -> str:
        text = self.cleaned_data["use_case"]
        if not readable(text):
            raise ValidationError(UNREADABLE)
        return text

    def clean_stages(self) -> list[str] | None:
        picked = self.cleaned_data["stages"]
        return chosen_stages(picked, self.fields["stages"].choices) if picked else None

    def constraints(self) -> Constraints:
        data = self.cleaned_data
        return Constraints(
            open_source_only=data["open_source_only"],
            hosting=data["hosting"] or "any",
            cloud=data["cloud"] or None,
            team_size=data["team_size"],
            budget=data["budget"] or None,
        )


class RatingForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", "Helpful"), ("no", "Not helpful")],
        coerce=lambda v: v == "yes",
        error_messages={"required": "Choose helpful or not helpful."},
    )
    comment = forms.CharField(max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
