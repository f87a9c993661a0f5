from django import forms

from community.qa.models import TITLE_MAX, TITLE_MIN, CloseReason


class QuestionForm(forms.Form):
    title = forms.CharField(
        min_length=TITLE_MIN, max_length=TITLE_MAX, help_text="Say what you want to know, as a question."
    )
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}), help_text="Markdown. Say what you tried and what happened."
    )
    tags = forms.CharField(
        max_length=250, help_text="1 to 5 tags separated by spaces, e.g. drift evidently monitoring."
    )
    tools = forms.CharField(
        max_length=500, required=False, help_text="Optional: catalog tool slugs, separated by spaces."
    )
    comment = forms.CharField(max_length=200, required=False, help_text="What did you change? (edits only)")

    def clean_tags(self) -> list[str]:
        return self.cleaned_data["tags"].replace(",", " ").split()

    def clean_tools(self) -> list[str]:
        return self.cleaned_data["tools"].replace(",", " ").split()


class AnswerForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), label="Your answer", help_text="Markdown.")
    comment = forms.CharField(max_length=200, required=False, help_text="What did you change? (edits only)")


class CloseForm(forms.Form):
    reason = forms.ChoiceField(choices=CloseReason.choices)
    duplicate_of = forms.IntegerField(
        required=False, min_value=1, help_text="For duplicates: the original question's number."
    )
