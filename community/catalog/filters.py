"""One FilterSet for the /tools/ page and /api/tools/: the same parameters, validated the same way."""

import django_filters
from django import forms
from django.db.models import Case, Q, QuerySet, When

from community.catalog.models import HOSTING_CHOICES, HOSTING_FIELDS, Cloud, Domain, Language, Stage, Tool
from community.core.filters import SlugMultipleChoiceFilter
from community.core.search_terms import all_words_q

TRUE_VALUES = {"true", "1", "yes"}
BOOLEAN_CHOICES = [(v, v) for v in ("true", "false", "1", "0", "yes", "no")]
SORTS = {
    "name": ("name", "Name A–Z"),
    "-name": ("-name", "Name Z–A"),
    "stage": ("primary_stage__order", "Lifecycle stage"),
    "-updated": ("-updated_at", "Recently updated"),
}


class ToolFilter(django_filters.FilterSet):
    stage = SlugMultipleChoiceFilter(
        field_name="stages__slug", to_field_name="slug", queryset=Stage.objects.all(), label="Stage"
    )
    open_source = django_filters.ChoiceFilter(choices=BOOLEAN_CHOICES, method="filter_open_source", label="Open source")
    hosting = django_filters.MultipleChoiceFilter(
        choices=[(h, h) for h in HOSTING_CHOICES], method="filter_hosting", label="Hosting"
    )
    cloud = SlugMultipleChoiceFilter(
        field_name="clouds__slug", to_field_name="slug", queryset=Cloud.objects.all(), label="Cloud"
    )
    language = SlugMultipleChoiceFilter(
        field_name="languages__slug", to_field_name="slug", queryset=Language.objects.all(), label="Language"
    )
    domain = SlugMultipleChoiceFilter(
        field_name="domains__slug", to_field_name="slug", queryset=Domain.objects.all(), label="Domain"
    )
    search = django_filters.CharFilter(method="filter_search", max_length=200, label="Keywords")
    sort = django_filters.ChoiceFilter(
        choices=[(k, label) for k, (_, label) in SORTS.items()], method="filter_sort", label="Sort", empty_label=None
    )

    class Meta:
        model = Tool
        fields: list[str] = []

    def filter_open_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(open_source=value in TRUE_VALUES)

    def filter_hosting(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        condition = Q()
        for hosting in value:
            condition |= Q(**{HOSTING_FIELDS[hosting]: True})
        return queryset.filter(condition)

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(keyword_q(value))

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        stages = self.form.cleaned_data.get("stage")
        if value == "name" and stages:
            # Filtering by stage: tools filed under it come before tools that also serve it.
            primary_first = Case(When(primary_stage__in=list(stages), then=0), default=1)
            return queryset.order_by(primary_first, "name")
        return queryset.order_by(SORTS[value][0], "name")


def keyword_q(text: str) -> Q:
    return all_words_q(text, ["name", "summary", "vendor"])


def error_messages(form: forms.Form) -> dict[str, list[str]]:
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}
