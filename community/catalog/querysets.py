from django.db import models
from django.db.models import Prefetch


class ToolQuerySet(models.QuerySet):
    def open_source(self) -> "ToolQuerySet":
        return self.filter(open_source=True)

    def managed(self) -> "ToolQuerySet":
        return self.filter(managed=True)

    def in_stage(self, stage_slug: str) -> "ToolQuerySet":
        return self.filter(stages__slug=stage_slug)

    def for_cards(self) -> "ToolQuerySet":
        """What a tool card shows, in a fixed number of queries however many tools there are."""
        return self.select_related("primary_stage").prefetch_related("languages", "clouds")

    def for_detail(self) -> "ToolQuerySet":
        from community.catalog.models import Tool

        return self.select_related("primary_stage").prefetch_related(
            "stages",
            "languages",
            "domains",
            "clouds",
            Prefetch("integrations", queryset=Tool.objects.select_related("primary_stage").order_by("name")),
        )

    def for_embedding(self) -> "ToolQuerySet":
        return self.select_related("primary_stage").prefetch_related("stages", "domains")
