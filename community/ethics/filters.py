"""One FilterSet for the /ethics/ page and /api/resources/: the same parameters, validated the same way."""

import django_filters

from community.catalog.models import Stage, Tool
from community.core.filters import SlugChoiceFilter, SlugMultipleChoiceFilter
from community.ethics import search
from community.ethics.models import Kind, Region, Resource, Topic


class ResourceFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Kind.choices, label="Kind")
    topic = SlugMultipleChoiceFilter(
        field_name="topics__slug", to_field_name="slug", queryset=Topic.objects.all(), label="Topic"
    )
    region = SlugMultipleChoiceFilter(
        field_name="region__code", to_field_name="code", queryset=Region.objects.all(), label="Region"
    )
    stage = SlugMultipleChoiceFilter(
        field_name="stages__slug", to_field_name="slug", queryset=Stage.objects.all(), label="Stage"
    )
    tool = SlugChoiceFilter(field_name="tools__slug", to_field_name="slug", queryset=Tool.objects.all(), label="Tool")
    search = django_filters.CharFilter(method="filter_search", max_length=300, label="Search by meaning")

    class Meta:
        model = Resource
        fields: list[str] = []

    def filter_queryset(self, queryset):
        # Several values of one multi-valued filter join the same table: keep each resource once.
        return super().filter_queryset(queryset).distinct()

    def filter_search(self, queryset, name: str, value: str):
        return search.filter_by_meaning(queryset, value)
