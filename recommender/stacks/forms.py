from django import forms

from recommender.stacks.constraints import BUDGETS, CLOUDS, HOSTING, Constraints

USE_CASE_MIN, USE_CASE_MAX = 10, 5000


class RecommendForm(forms.Form):
    use_case = forms.CharField(
        min_length=USE_CASE_MIN,
        max_length=USE_CASE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What are you building, and what binds you?",
        help_text="Plain words: the data, the model, who uses it, what hurts today.",
    )
    open_source_only = forms.BooleanField(required=False, label="Open source only")
    hosting = forms.ChoiceField(choices=[(h, h.replace("-", " ").capitalize()) for h in HOSTING], initial="any")
    cloud = forms.ChoiceField(
        choices=[("", "No preference"), *[(c, c.upper() if c != "azure" else "Azure") for c in CLOUDS]],
        required=False,
    )
    team_size = forms.IntegerField(min_value=1, max_value=10_000, required=False, label="Team size")
    budget = forms.ChoiceField(choices=[("", "Not stated"), *[(b, b.capitalize()) for b in BUDGETS]], required=False)

    def constraints(self) -> Constraints:
        data = self.cleaned_data
        return Constraints(
            open_source_only=data["open_source_only"],
            hosting=data["hosting"],
            cloud=data["cloud"] or None,
            team_size=data["team_size"],
            budget=data["budget"] or None,
        )


class RatingForm(forms.Form):
    helpful = forms.TypedChoiceField(choices=[("yes", "Helpful"), ("no", "Not helpful")], coerce=lambda v: v == "yes")
    comment = forms.CharField(max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
