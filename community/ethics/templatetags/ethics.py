"""Catalog pages show the library through these tags, so the catalog's code never imports the library."""

from django import template

from community.ethics import selectors

register = template.Library()


@register.inclusion_tag("ethics/panel.html")
def tool_ethics(tool) -> dict:
    return {"panel": selectors.tool_panel(tool), "subject": "tool"}


@register.inclusion_tag("ethics/panel.html")
def stage_ethics(stage) -> dict:
    return {"panel": selectors.stage_panel(stage), "subject": "stage"}


@register.simple_tag
def checklist_stage_ids() -> set[int]:
    """Ids of the stages that have a checklist, in one query, for pages that link many stages."""
    from community.ethics.models import Checklist

    return set(Checklist.objects.values_list("stage_id", flat=True))
