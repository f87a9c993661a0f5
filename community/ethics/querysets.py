from django.db import models


class ResourceQuerySet(models.QuerySet):
    def regulation(self) -> "ResourceQuerySet":
        return self.filter(kind="regulation")

    def in_region(self, code: str) -> "ResourceQuerySet":
        return self.filter(region__code=code)

    def for_stage(self, stage_slug: str) -> "ResourceQuerySet":
        return self.filter(stages__slug=stage_slug)

    def for_cards(self) -> "ResourceQuerySet":
        """What a resource card shows, in a fixed number of queries however many resources there are."""
        return self.select_related("region").prefetch_related("topics")

    def for_detail(self) -> "ResourceQuerySet":
        from community.catalog.models import Tool

        return self.select_related("region").prefetch_related(
            "topics", "stages", models.Prefetch("tools", queryset=Tool.objects.order_by("name"))
        )

    def for_embedding(self) -> "ResourceQuerySet":
        return self.prefetch_related("topics")

    def for_api(self) -> "ResourceQuerySet":
        from community.catalog.models import Stage, Tool

        return self.select_related("region").prefetch_related(
            "topics",
            models.Prefetch("stages", queryset=Stage.objects.only("id", "slug")),
            models.Prefetch("tools", queryset=Tool.objects.only("id", "slug").order_by("slug")),
        )
